import type { FastifyInstance, FastifyReply } from 'fastify';
import { graphErrors } from './graph-error';
import { type GraphResponse, toErrorResponse } from './graph-messages';
import {
  authorizeWaba,
  canSeeTemplate,
  handleTemplateCreate,
  handleTemplateDelete,
  handleTemplateEdit,
  handleTemplateList,
  type TemplateQuery,
  type TemplatesContext,
} from './graph-templates';
import type { UploadSessions } from './upload-sessions';

type Deps = TemplatesContext & { uploads: UploadSessions; baseUrl: () => string | null };
type WabaParams = { version: string; wabaId: string };

/**
 * Template management (§4.1) and Resumable Upload (§3.4). Registered inside the Graph scope so
 * bodies arrive raw, like every Graph route. `GET /{TEMPLATE_ID}` lives in graph.routes.ts.
 */
export function registerTemplateRoutes(app: FastifyInstance, deps: Deps): void {
  const auth = (
    request: { headers: { authorization?: string | undefined }; query: TemplateQuery },
    version: string,
  ) => ({
    version,
    authorization: request.headers.authorization,
    queryToken: request.query.access_token,
  });

  app.post<{ Params: WabaParams; Querystring: TemplateQuery }>(
    '/:version/:wabaId/message_templates',
    async (request, reply) => {
      const { version, wabaId } = request.params;
      const refused = authorizeWaba(deps, wabaId, auth(request, version), 'post');
      if (refused) return send(reply, toErrorResponse(refused));
      return send(
        reply,
        handleTemplateCreate(deps, wabaId, typeof request.body === 'string' ? request.body : ''),
      );
    },
  );

  app.get<{ Params: WabaParams; Querystring: TemplateQuery }>(
    '/:version/:wabaId/message_templates',
    async (request, reply) => {
      const { version, wabaId } = request.params;
      const refused = authorizeWaba(deps, wabaId, auth(request, version), 'get');
      if (refused) return send(reply, toErrorResponse(refused));
      const baseUrl = deps.baseUrl() ?? `${request.protocol}://${request.host}`;
      return send(reply, handleTemplateList(deps, wabaId, request.query, baseUrl, version));
    },
  );

  app.delete<{ Params: WabaParams; Querystring: TemplateQuery }>(
    '/:version/:wabaId/message_templates',
    async (request, reply) => {
      const { version, wabaId } = request.params;
      const refused = authorizeWaba(deps, wabaId, auth(request, version), 'delete');
      if (refused) return send(reply, toErrorResponse(refused));
      return send(reply, handleTemplateDelete(deps, wabaId, request.query));
    },
  );

  app.post<{ Params: { version: string; appId: string }; Querystring: Record<string, string> }>(
    '/:version/:appId/uploads',
    async (request, reply) => {
      const { version } = request.params;
      const refused = authorizeAnyToken(deps, version, request);
      if (refused) return send(reply, refused);
      const created = deps.uploads.create(request.query);
      return send(reply, created.ok ? { status: 200, body: created.value } : toErrorResponse(created.error));
    },
  );

  // Edit a template (`POST /{TEMPLATE_ID}`) or upload a session's bytes (`POST /upload:…`).
  app.post<{ Params: { version: string; objectId: string }; Querystring: TemplateQuery }>(
    '/:version/:objectId',
    async (request, reply) => {
      const { version, objectId } = request.params;
      const refused = authorizeAnyToken(deps, version, request);
      if (refused) return send(reply, refused);
      if (objectId.startsWith('upload:')) {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ''));
        const offset = request.headers.file_offset;
        const uploaded = deps.uploads.upload(objectId, Array.isArray(offset) ? offset[0] : offset, bytes);
        return send(
          reply,
          uploaded.ok ? { status: 200, body: uploaded.value } : toErrorResponse(uploaded.error),
        );
      }
      const template = deps.templates.find(objectId);
      if (
        template === null ||
        !canSeeTemplate(deps, template, request.headers.authorization, request.query.access_token)
      ) {
        return send(reply, toErrorResponse(graphErrors.unknownObject('post', objectId)));
      }
      return send(
        reply,
        handleTemplateEdit(deps, template, typeof request.body === 'string' ? request.body : ''),
      );
    },
  );
}

// Resumable Upload documents `Authorization: OAuth <token>`; Bearer works too.
function authorizeAnyToken(
  deps: Deps,
  version: string,
  request: { headers: { authorization?: string | undefined }; query: { access_token?: string | undefined } },
): GraphResponse | null {
  const authorization = request.headers.authorization;
  const queryToken = request.query.access_token;
  if (!deps.supportedVersions.includes(version)) {
    return toErrorResponse(graphErrors.expiredVersion(version, deps.supportedVersions.at(-1) ?? 'v26.0'));
  }
  const token = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? queryToken;
  const known = Object.values(deps.sandbox.state.numbers).some((n) => n.accessToken === token);
  return token && known ? null : toErrorResponse(graphErrors.invalidToken());
}

function send(reply: FastifyReply, response: GraphResponse): FastifyReply {
  return reply.code(response.status).type('application/json').send(response.body);
}
