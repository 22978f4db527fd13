// The HTTP ceiling: a bare Fastify endpoint doing what Charla's webhook route must do at the least
// (read the raw body, check its HMAC-SHA256 signature in constant time, parse the JSON) and nothing
// else. Plain JavaScript run by node, as Charla's built server is.
//
//   node bench/ceiling-server.mjs <port> <app secret>
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';

const [port, secret] = process.argv.slice(2);
const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/webhooks/whatsapp', async (req, reply) => {
  const header = String(req.headers['x-hub-signature-256'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(req.body).digest('hex')}`);
  const given = Buffer.from(header);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply.code(401).send();
  const parsed = JSON.parse(req.body.toString('utf8'));
  if (parsed.object !== 'whatsapp_business_account') return reply.code(400).send();
  return reply.code(200).send('EVENT_RECEIVED');
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write('ready\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
