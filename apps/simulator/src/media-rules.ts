export { baseMimeType, checkMedia } from '@charla/cloud-api';

const MB = 1024 * 1024;

/** The biggest attachment a customer can send, for the admin route's body limit (base64 is 4/3). */
export const MAX_ATTACHMENT_BODY_BYTES = Math.ceil((100 * MB * 4) / 3) + MB;
