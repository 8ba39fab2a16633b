import { randomBytes } from "node:crypto";
import net from "node:net";

/**
 * Reaches into the PDF render threads of a running server from outside, with no hook in the app:
 * the pool's workers are threads of the server process (lib/pdf/render-pool.ts), so there is no
 * worker pid to kill or stop. SIGUSR1 makes Node open its inspector (on the port given by
 * NODE_OPTIONS=--inspect-port=…, 127.0.0.1 only), and the inspector's NodeWorker domain runs an
 * expression inside each worker thread. Node 20 has no WebSocket client, so a minimal one is here
 * (text frames, client-masked, as RFC 6455 requires).
 */

interface Socket {
  send(message: object): void;
  next(predicate: (message: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

function connect(wsUrl: string): Promise<Socket> {
  const url = new URL(wsUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const messages: Record<string, unknown>[] = [];
    const waiters: { predicate: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
    const deliver = (message: Record<string, unknown>) => {
      const index = waiters.findIndex((w) => w.predicate(message));
      if (index >= 0) waiters.splice(index, 1)[0]!.resolve(message);
      else messages.push(message);
    };
    const api: Socket = {
      send(message) {
        const payload = Buffer.from(JSON.stringify(message));
        const mask = randomBytes(4);
        const header =
          payload.length < 126
            ? Buffer.from([0x81, 0x80 | payload.length])
            : payload.length < 65536
              ? Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff])
              : (() => {
                  const h = Buffer.alloc(10);
                  h[0] = 0x81;
                  h[1] = 0x80 | 127;
                  h.writeBigUInt64BE(BigInt(payload.length), 2);
                  return h;
                })();
        socket.write(Buffer.concat([header, mask, payload.map((byte, i) => byte ^ mask[i % 4]!)]));
      },
      next(predicate, timeoutMs = 10_000) {
        const index = messages.findIndex(predicate);
        if (index >= 0) return Promise.resolve(messages.splice(index, 1)[0]!);
        return new Promise((resolveNext, rejectNext) => {
          const timer = setTimeout(() => rejectNext(new Error("no answer from the inspector")), timeoutMs);
          waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolveNext(m)) });
        });
      },
      close: () => socket.destroy(),
    };
    socket.on("error", reject);
    socket.on("connect", () =>
      socket.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        if (!/^HTTP\/1\.1 101/.test(buffer.subarray(0, end).toString())) return reject(new Error("the inspector refused the WebSocket upgrade"));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve(api);
      }
      // Server frames are unmasked and, from Node's inspector, unfragmented text.
      for (;;) {
        if (buffer.length < 2) return;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const opcode = buffer[0]! & 0x0f;
        const payload = buffer.subarray(offset, offset + length).toString("utf8");
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x1) deliver(JSON.parse(payload) as Record<string, unknown>);
      }
    });
  });
}

/** Opens the inspector of process `pid` (listening on `port`), waiting until it answers. */
async function openInspector(pid: number, port: number): Promise<string> {
  process.kill(pid, "SIGUSR1");
  for (let i = 0; i < 100; i++) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
      if (targets[0]) return targets[0].webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server's inspector did not open");
}

/** Runs `expression` in every PDF render thread of the server process `pid`; resolves to how many threads ran it. */
export async function evaluateInPdfWorkers(pid: number, port: number, expression: string): Promise<number> {
  const socket = await connect(await openInspector(pid, port));
  try {
    socket.send({ id: 1, method: "NodeWorker.enable", params: { waitForDebuggerOnStart: false } });
    await socket.next((m) => m.id === 1);
    const sessions: string[] = [];
    // Attached workers are announced right after enable.
    for (;;) {
      const attached = await socket.next((m) => m.method === "NodeWorker.attachedToWorker", 1000).catch(() => undefined);
      if (!attached) break;
      const params = attached.params as { sessionId: string; workerInfo: { url: string } };
      if (params.workerInfo.url.includes("pdf-worker")) sessions.push(params.sessionId);
    }
    for (const [i, sessionId] of sessions.entries()) {
      const message = JSON.stringify({ id: 1, method: "Runtime.evaluate", params: { expression } });
      socket.send({ id: 100 + i, method: "NodeWorker.sendMessageToWorker", params: { sessionId, message } });
      const answer = await socket.next(
        (m) => m.method === "NodeWorker.receivedMessageFromWorker" && (m.params as { sessionId: string }).sessionId === sessionId && (JSON.parse((m.params as { message: string }).message) as { id?: number }).id === 1,
      );
      const result = JSON.parse((answer.params as { message: string }).message) as { result?: { exceptionDetails?: unknown } };
      if (result.result?.exceptionDetails) throw new Error(`the expression failed in a PDF worker: ${JSON.stringify(result.result.exceptionDetails)}`);
    }
    return sessions.length;
  } finally {
    socket.close();
  }
}
