import { V1_TAG_PREFIX } from './v1-tags';

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, { tags?: string[] }>> };

const QUICKSTART = `Charla's public API: send WhatsApp messages, manage contacts and follow what happens from your own code.

**Authentication.** Make a key in Settings › API keys (owners and admins) and send it on every request as \`Authorization: Bearer chk_…\`. A key has scopes per resource (\`messages:write\`, \`contacts:read\`…); \`write\` implies \`read\`. A missing scope answers 403 naming it.

**Quickstart.**

\`\`\`sh
curl -X POST "$CHARLA_URL/api/v1/messages" \\
  -H "Authorization: Bearer $CHARLA_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: order-1001-confirmation" \\
  -d '{"to": "+5215512345678", "type": "template", "template": {"name": "order_confirmation", "language": {"code": "es_MX"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}}'
\`\`\`

\`\`\`ts
const charlaUrl = 'http://127.0.0.1:3000'; // your Charla's address
const apiKey = 'chk_…'; // from Settings › API keys
const res = await fetch(\`\${charlaUrl}/api/v1/messages\`, {
  method: 'POST',
  headers: {
    authorization: \`Bearer \${apiKey}\`,
    'content-type': 'application/json',
    'idempotency-key': crypto.randomUUID(),
  },
  body: JSON.stringify({ to: '+5215512345678', type: 'text', text: { body: 'Hola 👋' } }),
});
console.log(res.status, await res.json()); // 202 { id, status: 'queued', conversationId, contactId }
\`\`\`

**Messages** take Meta's Cloud API shapes (\`type\` and that type's object), so code written for Meta works here. WhatsApp's rule applies: free-form messages only within 24 hours of the customer's last message (422 \`window_closed\` otherwise); an approved template at any time.

**Conventions.** Times are ISO 8601; phones are E.164 in and out. Every error is \`{"error": {"code", "message", "fields"?: [{"path", "message"}]}}\`. Every POST takes \`Idempotency-Key\`: a retry with the same key and body answers the first result (header \`Idempotent-Replayed: true\`) and never sends twice, also across processes and restarts; the same key with another body is 409 \`idempotency_key_reused\`; keys are kept 24 hours. Each key may make \`API_RATE_LIMIT_PER_MINUTE\` requests a minute (default 6000); every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`, and beyond the limit 429 with \`Retry-After\`. Lists answer \`{"data": [...], "nextCursor"}\`: pass \`cursor\` to get the next page.`;

/**
 * The OpenAPI 3.1 document of /api/v1 alone, cut from the whole app's (which @fastify/swagger
 * builds from the same zod schemas the routes validate with): only the routes tagged `v1:…`, their
 * tags without the prefix, the bearer key scheme, and the quickstart as the description.
 */
export function v1OpenApiDocument(whole: Readonly<Record<string, unknown>>, serverUrl: string): Doc {
  const source = whole as Doc;
  const paths: Doc['paths'] = {};
  const tags = new Set<string>();
  for (const [path, operations] of Object.entries(source.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const v1Tags = (operation.tags ?? []).filter((t) => t.startsWith(V1_TAG_PREFIX));
      if (v1Tags.length === 0) continue;
      const names = v1Tags.map((t) => t.slice(V1_TAG_PREFIX.length));
      for (const n of names) tags.add(n);
      paths[path] ??= {};
      paths[path]![method] = { ...operation, tags: names, ...tidyResponses(operation) };
    }
  }
  const components = (source.components ?? {}) as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: { title: 'Charla API', version: '1', description: QUICKSTART },
    servers: [{ url: serverUrl }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      ...components,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A Charla API key: chk_…' },
      },
    },
  };
}

type Responses = Record<string, { content?: Record<string, { schema?: { format?: string } }> }>;

/**
 * What swagger cannot tell from a zod schema: a 204 has no body, and a file download
 * (a `binary` string) is its own type, not JSON.
 */
function tidyResponses(operation: object): { responses?: Responses } {
  const { responses: all } = operation as { responses?: Responses };
  if (!all) return {};
  const responses: Responses = {};
  for (const [status, response] of Object.entries(all)) {
    const json = response.content?.['application/json'];
    if (status === '204') {
      const { content: _none, ...rest } = response;
      responses[status] = rest;
    } else if (json?.schema?.format === 'binary') {
      responses[status] = { ...response, content: { 'application/octet-stream': json } };
    } else responses[status] = response;
  }
  return { responses };
}
