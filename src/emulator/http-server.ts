/**
 * The emulator's HTTP front: reads each request whole (up to a size cap), hands it to the
 * provider emulator, writes the answer. Whatever happens inside, the server keeps serving:
 * a handler that throws gets the provider's own server-error answer, and a body over the
 * cap the provider's bad-request answer, never a dropped connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived: method, URL, headers (names in lower case) and the exact body bytes (signatures cover them). */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** One answer: a JSON body (any value), or none. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** The API and operation the request was routed to (not sent; for `onExchange` and the logs). */
  api?: string;
  operationId?: string;
}

export interface HttpFront {
  /** Answers a request (may be asynchronous: latency injection waits). */
  handle(request: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse>;
  /** The provider's answer for a request the front could not read or a handler that threw. */
  failure(kind: "too-large" | "crash", request: EmulatorRequest): EmulatorResponse;
}

/** Largest request body read; the providers' own limits are larger, but no snapshot call comes near. */
export const MAX_REQUEST_BYTES = 1 << 20;

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(front: HttpFront, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((incoming, outgoing) => {
    serve(front, incoming, outgoing, host).catch(() => {
      // The answer could not even be written (the client went away): nothing left to do.
      outgoing.destroy();
    });
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(front: HttpFront, incoming: IncomingMessage, outgoing: ServerResponse, host: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const url = new URL(incoming.url ?? "/", `http://${headers.host ?? host}`);
  const { body, tooLarge } = await readBody(incoming);
  const request: EmulatorRequest = { method: (incoming.method ?? "GET").toUpperCase(), url, headers, body };
  let answer: EmulatorResponse;
  if (tooLarge) answer = front.failure("too-large", request);
  else {
    try {
      answer = await front.handle(request);
    } catch {
      answer = front.failure("crash", request);
    }
  }
  write(outgoing, answer);
}

const EMPTY = Buffer.alloc(0);

/** The whole body (events, not an async iterator: this runs on every request). */
function readBody(incoming: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  // Already over (a bodiless request whose end has been read): nothing to wait for.
  if (incoming.complete && incoming.readableLength === 0) {
    incoming.resume();
    return Promise.resolve({ body: EMPTY, tooLarge: false });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    incoming.once("end", () => resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), tooLarge }));
    incoming.once("error", reject);
    incoming.once("aborted", () => reject(new Error("the client went away")));
  });
}

function write(outgoing: ServerResponse, answer: EmulatorResponse): void {
  const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
  const headers: Record<string, string | number> = { ...answer.headers };
  if (text) {
    headers["content-type"] ??= "application/json";
    headers["content-length"] = Buffer.byteLength(text);
  }
  outgoing.writeHead(answer.status, headers);
  outgoing.end(text);
}
