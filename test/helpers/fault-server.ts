/**
 * A local HTTP server whose every answer is scripted by the test: faults (reset,
 * stall, HTML, truncated JSON) and normal replies. It records each request it saw,
 * with its body, so tests can count attempts and check what was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type FaultHandler = (request: RecordedRequest, response: ServerResponse, attempt: number, raw: IncomingMessage) => void;

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on("data", (chunk: Buffer) => chunks.push(chunk));
    raw.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(raw.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
      const recorded = { method: raw.method ?? "", url: raw.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      handler(recorded, response, requests.length, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Send a JSON reply with a request id header. */
export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": "req-test-1",
    ...headers,
  });
  response.end(text);
}

/** A `serve(handler)` for a test file: every server it starts is closed after each test. */
export function faultServersClosedAfterEach(): (handler: FaultHandler) => Promise<FaultServer> {
  const servers: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startFaultServer(handler);
    servers.push(server);
    return server;
  };
}
