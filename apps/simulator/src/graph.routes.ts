import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorizeGraphRequest } from './graph-auth';
import { graphErrors } from './graph-error';
import { handleMediaGet } from './graph-media';
import { type GraphResponse, handleMessagesPost, toErrorResponse } from './graph-messages';
import { describeNumber, handlePhoneNumbersList } from './graph-phone-numbers';
import { authorizeWaba, handleTemplateGet } from './graph-templates';
import { handleMediaDelete, handleMediaUpload, UPLOAD_BODY_LIMIT, uploadErrors } from './graph-upload';
import type { MessagingLimits } from './messaging-limits';
import type { Sandbox } from './sandbox';
import type { PairRateLimit, SendLimits } from './send-limits';
import type { SendsLog } from './sends-log';
import type { TemplateRegistry } from './template-registry';
import { registerTemplateRoutes } from './templates.routes';
import type { UploadSessions } from './upload-sessions';

type GraphRoutesDeps = {
  sandbox: Sandbox;
  sendsLog: SendsLog;
  limits: SendLimits;
  templates: TemplateRegistry;
  uploads: UploadSessions;
  messagingLimits: MessagingLimits;
  messagingLimitErrorCode: number;
  supportedVersions: string[];
  windowMode: 'async' | 'sync';
  throughputHttpStatus: 400 | 429;
  pairRateLimit: PairRateLimit | null;
  baseUrl: () => string | null;
};

type GraphParams = { version: string; phoneNumberId: string };
type GraphQuery = {
  access_token?: string;
  fields?: string;
  phone_number_id?: string;
  limit?: string;
  after?: string;
};

/** The Graph endpoints Charla's client calls, answering with Meta's exact shapes. */
export async function registerGraphRoutes(app: FastifyInstance, deps: GraphRoutesDeps): Promise<void> {
  const templatesContext = {
    sandbox: deps.sandbox,
    templates: deps.templates,
    supportedVersions: deps.supportedVersions,
  };
  registerTemplateRoutes(app, { ...templatesContext, uploads: deps.uploads, baseUrl: deps.baseUrl });
  // Keep the body as the raw string: the sends log must show exactly what was sent, and a body
  // that is not JSON gets Meta's error envelope instead of Fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  // Resumable Upload bytes (§3.4) must stay binary.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  // A body over any limit gets Meta's envelope, not Fastify's.
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    if (error.statusCode === 413) return send(reply, toErrorResponse(uploadErrors.tooLarge()));
    throw error;
  });

  app.post<{ Params: GraphParams; Querystring: GraphQuery }>(
    '/:version/:phoneNumberId/media',
    { bodyLimit: UPLOAD_BODY_LIMIT },
    async (request, reply) => {
      const { version, phoneNumberId } = request.params;
      const auth = authorizeGraphRequest(deps.sandbox, deps.supportedVersions, {
        method: 'post',
        version,
        phoneNumberId,
        authorization: request.headers.authorization,
        queryToken: request.query.access_token,
      });
      if (!auth.ok) return send(reply, toErrorResponse(auth.error));
      return send(
        reply,
        await handleMediaUpload(deps.sandbox, auth.number, request.headers['content-type'], request.body),
      );
    },
  );

  app.delete<{ Params: { version: string; mediaId: string }; Querystring: GraphQuery }>(
    '/:version/:mediaId',
    async (request, reply) =>
      send(
        reply,
        handleMediaDelete(deps.sandbox, deps.supportedVersions, {
          version: request.params.version,
          mediaId: request.params.mediaId,
          authorization: request.headers.authorization,
          queryToken: request.query.access_token,
          phoneNumberId: request.query.phone_number_id,
        }),
      ),
  );

  app.post<{ Params: GraphParams; Querystring: GraphQuery }>(
    '/:version/:phoneNumberId/messages',
    async (request, reply) => {
      const { version, phoneNumberId } = request.params;
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const auth = authorizeGraphRequest(deps.sandbox, deps.supportedVersions, {
        method: 'post',
        version,
        phoneNumberId,
        authorization: request.headers.authorization,
        queryToken: request.query.access_token,
      });
      const response = auth.ok
        ? handleMessagesPost(
            {
              sandbox: deps.sandbox,
              limits: deps.limits,
              windowMode: deps.windowMode,
              throughputHttpStatus: deps.throughputHttpStatus,
              pairRateLimit: deps.pairRateLimit,
              version,
              number: auth.number,
              templates: deps.templates,
              messagingLimits: deps.messagingLimits,
              messagingLimitErrorCode: deps.messagingLimitErrorCode,
            },
            rawBody,
          )
        : toErrorResponse(auth.error);
      deps.sendsLog.record({
        accepted: response.accepted,
        at: new Date(deps.sandbox.clock.now()).toISOString(),
        method: 'POST',
        path: request.url,
        phoneNumberId,
        rawBody,
        responseStatus: response.status,
        response: response.body,
      });
      return send(reply, response);
    },
  );

  app.get<{ Params: { version: string; wabaId: string }; Querystring: GraphQuery }>(
    '/:version/:wabaId/phone_numbers',
    async (request, reply) =>
      send(
        reply,
        handlePhoneNumbersList(deps.sandbox, deps.supportedVersions, {
          version: request.params.version,
          wabaId: request.params.wabaId,
          baseUrl: deps.baseUrl() ?? `${request.protocol}://${request.host}`,
          authorization: request.headers.authorization,
          query: request.query,
        }),
      ),
  );

  app.get<{ Params: GraphParams; Querystring: GraphQuery }>(
    '/:version/:phoneNumberId',
    async (request, reply) => {
      const { version, phoneNumberId } = request.params;
      // Graph ids share one namespace: a number, a template (§4.1 get one) or else media.
      const template =
        deps.sandbox.findNumber(phoneNumberId) === null ? deps.templates.find(phoneNumberId) : null;
      if (template !== null) {
        const refused = authorizeWaba(
          templatesContext,
          template.wabaId,
          {
            version,
            authorization: request.headers.authorization,
            queryToken: request.query.access_token,
          },
          'get',
        );
        return send(
          reply,
          refused
            ? // Another business's token sees "does not exist" for the template id, not the WABA's.
              toErrorResponse(
                refused.init.code === 100 ? graphErrors.unknownObject('get', phoneNumberId) : refused,
              )
            : handleTemplateGet(template, request.query.fields),
        );
      }
      if (deps.sandbox.findNumber(phoneNumberId) === null) {
        const response = handleMediaGet(deps.sandbox, deps.supportedVersions, {
          version,
          mediaId: phoneNumberId,
          authorization: request.headers.authorization,
          queryToken: request.query.access_token,
          phoneNumberId: request.query.phone_number_id,
          baseUrl: deps.baseUrl() ?? `${request.protocol}://${request.host}`,
        });
        return send(reply, response);
      }
      const auth = authorizeGraphRequest(deps.sandbox, deps.supportedVersions, {
        method: 'get',
        version,
        phoneNumberId,
        authorization: request.headers.authorization,
        queryToken: request.query.access_token,
      });
      if (!auth.ok) return send(reply, toErrorResponse(auth.error));
      const described = describeNumber(
        auth.number,
        request.query.fields,
        deps.sandbox.behaviour(auth.number.phoneNumberId),
      );
      return send(reply, described.ok ? { status: 200, body: described.body } : described.response);
    },
  );
}

function send(reply: FastifyReply, response: GraphResponse): FastifyReply {
  return reply.code(response.status).type('application/json').send(response.body);
}
