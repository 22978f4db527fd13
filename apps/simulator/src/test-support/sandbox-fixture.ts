import { createSimulator, type SimulatorOptions } from '../index';

export const NUMBER = {
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '+52 55 5000 0001',
  wabaId: '102290129340398',
  accessToken: 'test-token',
  appSecret: 'test-app-secret',
  verifiedName: 'Tacos Ana',
};
export const CUSTOMER_WA_ID = '5215512345678';

/** A simulator with one registered number and a clock the test moves by hand. */
export function createTestSimulator(webhookUrl: string, options: SimulatorOptions = {}) {
  const clock = { current: Date.UTC(2026, 8, 1, 12), now: () => clock.current };
  const simulator = createSimulator({
    clock,
    statusDelaysMs: { sent: 5, delivered: 15 },
    webhookRetryDelaysMs: [30, 60],
    ...options,
  });
  simulator.registerNumber({ ...NUMBER, webhookUrl });
  return { simulator, clock };
}

export function sendTextRequest(
  body: Record<string, unknown>,
  token = NUMBER.accessToken,
  version = 'v23.0',
) {
  return {
    method: 'POST' as const,
    url: `/${version}/${NUMBER.phoneNumberId}/messages`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      messaging_product: 'whatsapp',
      to: `+${CUSTOMER_WA_ID}`,
      type: 'text',
      ...body,
    }),
  };
}
