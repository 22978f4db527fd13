import type { FastifyInstance } from 'fastify';
import { renderPhonePage } from './phone-page';
import type { Sandbox } from './sandbox';

export async function registerPhoneRoutes(app: FastifyInstance, deps: { sandbox: Sandbox }): Promise<void> {
  app.get<{ Params: { phoneNumberId: string } }>('/phone/:phoneNumberId', async (request, reply) => {
    const number = deps.sandbox.findNumber(request.params.phoneNumberId);
    if (!number) {
      return reply.code(404).type('text/plain').send(`No simulated number ${request.params.phoneNumberId}`);
    }
    const businessName = number.verifiedName ?? number.displayPhoneNumber;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPhonePage({ phoneNumberId: number.phoneNumberId, businessName }));
  });
}
