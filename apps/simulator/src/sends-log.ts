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
  /** Set when the send was accepted (200 + wamid). */
  accepted: AcceptedSend | null;
};

/** A send Meta accepted, compact enough to query 100,000 of them (broadcast rate and crash tests). */
export type AcceptedSend = {
  /** Accept time in ms on the simulator's clock. */
  atMs: number;
  phoneNumberId: string;
  wamid: string;
  /** The recipient, normalised to digits (a send to a BSUID no customer has: that BSUID). */
  waId: string;
  /** Set when the send went to a BSUID (`recipient`). */
  userId?: string;
  type: string;
  templateName: string | null;
};

type StoredRecord = Omit<SendRecord, 'body'>;

/**
 * Appends are O(1) and never parse: the hot send path only pushes. Bodies are parsed when a test
 * lists the records.
 */
export class SendsLog {
  private readonly records: StoredRecord[] = [];
  private readonly acceptedSends: AcceptedSend[] = [];
  private readonly acceptedPerNumber = new Map<string, number>();

  record(entry: Omit<StoredRecord, 'accepted'> & { accepted?: AcceptedSend | undefined }): void {
    const accepted = entry.accepted ?? null;
    this.records.push({ ...entry, accepted });
    if (accepted) {
      this.acceptedSends.push(accepted);
      this.acceptedPerNumber.set(
        accepted.phoneNumberId,
        (this.acceptedPerNumber.get(accepted.phoneNumberId) ?? 0) + 1,
      );
    }
  }

  acceptedCount(phoneNumberId?: string): number {
    if (phoneNumberId === undefined) return this.acceptedSends.length;
    return this.acceptedPerNumber.get(phoneNumberId) ?? 0;
  }

  list(phoneNumberId?: string): SendRecord[] {
    return this.records
      .filter((entry) => phoneNumberId === undefined || entry.phoneNumberId === phoneNumberId)
      .map((entry) => ({ ...entry, body: parseOrRaw(entry.rawBody) }));
  }

  /** Accepted sends in accept order, optionally of one number and from a time on. */
  accepted(
    filter: { phoneNumberId?: string | undefined; sinceMs?: number | undefined } = {},
  ): AcceptedSend[] {
    const { phoneNumberId, sinceMs } = filter;
    // Accept times only grow, so the start is found by binary search.
    let low = 0;
    let high = this.acceptedSends.length;
    while (sinceMs !== undefined && low < high) {
      const mid = (low + high) >>> 1;
      if ((this.acceptedSends[mid]?.atMs ?? 0) < sinceMs) low = mid + 1;
      else high = mid;
    }
    const from = sinceMs === undefined ? 0 : low;
    const slice = this.acceptedSends.slice(from);
    return phoneNumberId === undefined ? slice : slice.filter((send) => send.phoneNumberId === phoneNumberId);
  }
}

function parseOrRaw(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}
