import type { APIRequestContext } from 'playwright-core';

/** The workspace's sandbox number, as Settings → Channels shows it, and where its simulator runs. */
export type Sandbox = {
  /** The simulated phone page of the number. */
  phoneUrl: string;
  simulatorUrl: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
};

/** Reads the sandbox number from Charla's channel list, with the signed-in `request`. */
export async function sandboxOf(request: APIRequestContext, serverUrl: string): Promise<Sandbox> {
  const channels = (await (await request.get(`${serverUrl}/api/channels`)).json()) as {
    items: Array<{ phoneUrl: string | null; displayPhoneNumber: string; wabaId: string }>;
  };
  const channel = channels.items.find((c) => c.phoneUrl);
  if (!channel?.phoneUrl) throw new Error('the workspace has no sandbox number with a phone page');
  const [simulatorUrl = '', encodedNumberId = ''] = channel.phoneUrl.split('/phone/');
  return {
    phoneUrl: channel.phoneUrl,
    simulatorUrl,
    phoneNumberId: decodeURIComponent(encodedNumberId),
    displayPhoneNumber: channel.displayPhoneNumber,
    wabaId: channel.wabaId,
  };
}

/** The simulator's endpoint where a customer of the sandbox number writes (POST JSON). */
export const customerMessagesUrl = (sandbox: Sandbox, waId: string) =>
  `${sandbox.simulatorUrl}/_sim/numbers/${encodeURIComponent(sandbox.phoneNumberId)}/customers/${waId}/messages`;

export type SendRecord = { body: Record<string, unknown>; responseStatus: number };

/** The simulator's record of every POST /messages that reached "Meta" for the sandbox number. */
export async function simulatorSends(sandbox: Sandbox): Promise<SendRecord[]> {
  const response = await fetch(
    `${sandbox.simulatorUrl}/_sim/sends?phoneNumberId=${encodeURIComponent(sandbox.phoneNumberId)}`,
  );
  return ((await response.json()) as { items: SendRecord[] }).items;
}
