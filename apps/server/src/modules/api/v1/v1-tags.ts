/** The tag every /api/v1 route carries: the OpenAPI document at /api/v1/openapi.json keeps these. */
export const V1_TAG_PREFIX = 'v1:';
