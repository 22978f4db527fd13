import WebSocket from 'ws';

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export interface TestSocket {
  frames: Frame[];
  send(message: object): void;
  /** The first frame (from now or already received, after `since`) that `match` accepts. */
  next(match: (f: Frame) => boolean, what: string, timeoutMs?: number): Promise<Frame>;
  close(): Promise<void>;
  /** Resolves when the server closes the socket (or it closes otherwise), with the close code. */
  closed: Promise<{ code: number; reason: string; at: number }>;
}

/** A browser's realtime socket: signed in with the cookie, ready once the server said hello. */
export async function openSocket(baseUrl: string, cookie: string): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/realtime`, { headers: { cookie } });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })),
  );
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const w of waiters) w();
  });
  const socket: TestSocket = {
    frames,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    next(match, what, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${what}; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  await socket.next((f) => f.type === 'hello', 'hello');
  return socket;
}

/** A presence.updated frame for the conversation whose viewers and typists are exactly these. */
export const presenceIs =
  (conversationId: string, viewing: string[], typing: string[] = []) =>
  (f: Frame) =>
    f.type === 'presence.updated' &&
    f.conversationId === conversationId &&
    JSON.stringify(f.viewing) === JSON.stringify([...viewing].sort()) &&
    JSON.stringify(f.typing) === JSON.stringify([...typing].sort());
