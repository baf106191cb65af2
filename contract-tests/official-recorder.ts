/**
 * A recording relay between an official client and a running mock: it forwards every
 * request as it came (method, path, query, headers, body bytes) and keeps the exchange,
 * with Prism's `sl-violations`, so a test can check what the official client sent and what
 * the mock made of it, whatever the client hands back to its caller.
 */
import { createServer, type IncomingMessage } from "node:http";
import { parseViolations, type Violation } from "./violations.ts";

export interface Exchange {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  violations: Violation[];
  /** The mock's answer, parsed (JSON) or as text. */
  answer: unknown;
}

export interface Recorder {
  /** Base URL of the relay (`http://127.0.0.1:<port>`). */
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length"]);

export async function startRecorder(upstream: string): Promise<Recorder> {
  const exchanges: Exchange[] = [];
  const server = createServer(async (request, reply) => {
    const body = await readAll(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    const method = request.method ?? "GET";
    const response = await fetch(`${upstream}${request.url ?? "/"}`, {
      method,
      headers: forwarded,
      ...(body.length ? { body: new Uint8Array(body) } : {}),
    });
    const text = await response.text();
    let answer: unknown = text;
    try {
      answer = JSON.parse(text);
    } catch {}
    exchanges.push({
      method,
      url: request.url ?? "/",
      headers,
      body: body.toString("utf8"),
      status: response.status,
      violations: parseViolations(response.headers.get("sl-violations")),
      answer,
    });
    const type = response.headers.get("content-type");
    reply.writeHead(response.status, type ? { "content-type": type } : {});
    reply.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
