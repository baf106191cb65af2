/**
 * What only the Node transport (src/core/http/node-exchange.ts) does: connections kept alive across
 * calls and clients, the request as fetch would have sent it (Content-Length, no chunking, an
 * Accept-Encoding), every content coding fetch decodes, and nothing loaded at import. The shared
 * rules (timeouts, aborts, retries, redirects, limits, redaction) run on both transports:
 * test/transports-fetch.test.ts.
 */
import { execFileSync } from "node:child_process";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createEvsClient } from "../src/huawei/index.ts";
import { faultServersClosedAfterEach, json, type FaultHandler, type FaultServer } from "./helpers/fault-server.ts";
import { usesNodeTransport } from "./helpers/transport.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const volume = { id: VOLUME, name: "v", status: "available", size: 10 };

const serve = faultServersClosedAfterEach();
let server: FaultServer | undefined;

async function evsFor(handler: FaultHandler) {
  server = await serve(handler);
  return createEvsClient({
    endpoint: server.url,
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: "AKNODETRANSPORT", secretAccessKey: "SK-node-transport-secret" },
    retry: false,
  });
}

function encoded(res: ServerResponse, coding: string, bytes: Buffer): void {
  res.writeHead(200, { "content-type": "application/json", "content-encoding": coding, "content-length": bytes.byteLength });
  res.end(bytes);
}

describe("the Node transport", () => {
  it("is the one calls without a `fetch` option take here", () => {
    expect(usesNodeTransport()).toBe(true);
  });

  it("keeps the connection alive: sequential calls, also from two clients, share one socket", async () => {
    const ports = new Set<number>();
    const evs = await evsFor((_req, res, _n, raw) => {
      ports.add(raw.socket.remotePort!);
      json(res, 200, { volume });
    });
    for (let i = 0; i < 5; i++) await evs.cinderShowVolume({ volume_id: VOLUME });
    const other = createEvsClient({
      endpoint: server!.url,
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { accessKeyId: "AKNODETRANSPORT", secretAccessKey: "SK-node-transport-secret" },
    });
    await other.cinderShowVolume({ volume_id: VOLUME });
    expect(server!.requests).toHaveLength(6);
    expect(ports.size).toBe(1);
  });

  it("sends what fetch would: Content-Length on a write, none on a read, never chunked, an Accept-Encoding", async () => {
    const evs = await evsFor((req, res) =>
      req.method === "GET" ? json(res, 200, { volume }) : json(res, 202, { rollback: { snapshot_id: "s", volume_id: VOLUME } }),
    );
    await evs.cinderShowVolume({ volume_id: VOLUME });
    await evs.rollbackSnapshot({ snapshot_id: "snap-1", rollback: { volume_id: VOLUME } });
    const [read, write] = server!.requests;
    expect(read!.headers["content-length"]).toBeUndefined();
    expect(write!.headers["content-length"]).toBe(String(Buffer.byteLength(write!.body)));
    expect(write!.body).toBe(JSON.stringify({ rollback: { volume_id: VOLUME } }));
    for (const request of [read!, write!]) {
      expect(request.headers["transfer-encoding"]).toBeUndefined();
      expect(request.headers["accept-encoding"]).toBe("gzip, deflate, br");
      expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
    }
  });

  it("reaches an IPv6 host (the brackets of [::1] are the URL's, not the host name's)", async () => {
    const seen: string[] = [];
    const ipv6 = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} host=${req.headers.host}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ volume }));
    });
    await new Promise<void>((done) => ipv6.listen(0, "::1", done));
    const { port } = ipv6.address() as AddressInfo;
    try {
      const evs = createEvsClient({
        endpoint: `http://[::1]:${port}`,
        projectId: "0123456789abcdef0123456789abcdef",
        credentials: { accessKeyId: "AKNODETRANSPORT", secretAccessKey: "SK-node-transport-secret" },
      });
      expect((await evs.cinderShowVolume({ volume_id: VOLUME })).volume?.id).toBe(VOLUME);
      expect(seen).toEqual([`GET /v2/0123456789abcdef0123456789abcdef/volumes/${VOLUME} host=[::1]:${port}`]);
    } finally {
      ipv6.closeAllConnections();
      await new Promise((done) => ipv6.close(done));
    }
  });

  it.each([
    ["gzip", gzipSync],
    ["x-gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body, as fetch does", async (coding, compress) => {
    const evs = await evsFor((_req, res) => encoded(res, coding, compress(Buffer.from(JSON.stringify({ volume })))));
    const result = await evs.cinderShowVolume({ volume_id: VOLUME });
    expect(result.volume?.id).toBe(VOLUME);
  });

  it("importing an entry loads neither node:http nor node:crypto; the first call does", () => {
    const entry = resolve(import.meta.dirname, "..", "src", "huawei", "index.ts");
    const script = `
      const before = new Set(process.moduleLoadList);
      const { createEvsClient } = await import(${JSON.stringify(entry)});
      const loaded = (name) => process.moduleLoadList.some((m) => m === "NativeModule " + name && !before.has(m));
      const atImport = ["http", "crypto"].filter(loaded);
      const evs = createEvsClient({ endpoint: "http://127.0.0.1:9", projectId: "0123456789abcdef0123456789abcdef",
        credentials: { accessKeyId: "AK", secretAccessKey: "SK-secret" }, retry: false, timeoutMs: 2000 });
      await evs.cinderShowVolume({ volume_id: "x" }).catch(() => {});
      console.log(JSON.stringify({ atImport, afterCall: ["http", "crypto"].filter(loaded) }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ atImport: [], afterCall: ["http", "crypto"] });
  });
});
