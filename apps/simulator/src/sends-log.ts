/** One POST /messages as it reached "Meta", so tests can assert exactly what was (or was not) sent. */
export type SendRecord = {
  at: string;
  method: string;
  path: string;
  phoneNumberId: string;
  rawBody: string;
  body: unknown;
  responseStatus: number;
  response: unknown;
};

export class SendsLog {
  private readonly records: SendRecord[] = [];

  record(entry: Omit<SendRecord, 'body'>): void {
    this.records.push({ ...entry, body: parseOrRaw(entry.rawBody) });
  }

  list(phoneNumberId?: string): SendRecord[] {
    return this.records.filter(
      (entry) => phoneNumberId === undefined || entry.phoneNumberId === phoneNumberId,
    );
  }
}

function parseOrRaw(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}
