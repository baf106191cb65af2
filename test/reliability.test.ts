/**
 * Timeouts, retries and fault handling, driven by a local fault-injecting server.
 * Each test asserts the typed outcome and how many attempts reached the server.
 */
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { usesNodeTransport } from "./helpers/transport.ts";
import {
  AbortedError,
  AuthenticationError,
  NetworkError,
  ServerError,
  ThrottledError,
  TimeoutError,
  UnparseableResponseError,
  createEvsClient,
  type Logger,
} from "../src/huawei/index.ts";
import { recordingLogger } from "./helpers/recording-logger.ts";
import { json, startFaultServer, type FaultHandler, type FaultServer } from "./helpers/fault-server.ts";
import { verifyHuaweiSignature } from "./helpers/verify-huawei.ts";

const AK = "AKRELIABILITYTEST";
const SK = "SK-reliability-secret-value";
const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const volume = { id: VOLUME, name: "v", status: "available", size: 10 };

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: FaultHandler, options: { timeoutMs?: number; maxAttempts?: number; logger?: Logger } = {}) {
  server = await startFaultServer(handler);
  let tick = Date.UTC(2026, 10, 27, 8, 0, 0);
  return createEvsClient({
    endpoint: server.url,
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: AK, secretAccessKey: SK },
    timeoutMs: options.timeoutMs ?? 2_000,
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1 },
    // Each signature gets its own second, so a re-signed retry is visibly re-signed.
    now: () => new Date((tick += 1000)),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

describe("retries of safe requests", () => {
  it("retries a GET after 503 and returns the 200 that follows", async () => {
    const evs = await clientFor((_req, res, attempt) =>
      attempt === 1 ? json(res, 503, { error: { message: "busy", code: "EVS.9999" } }) : json(res, 200, { volume }),
    );
    const result = await evs.cinderShowVolume({ volume_id: VOLUME });
    expect(result?.volume.id).toBe(VOLUME);
    expect(server!.requests).toHaveLength(2);
  });

  it("signs every attempt afresh, and each signature verifies", async () => {
    const evs = await clientFor((_req, res, attempt) =>
      attempt < 3 ? json(res, 500, { error: { message: "oops", code: "EVS.9999" } }) : json(res, 200, { volume }),
    );
    await evs.cinderShowVolume({ volume_id: VOLUME });
    const dates = server!.requests.map((r) => r.headers["x-sdk-date"]);
    expect(new Set(dates).size).toBe(3);
    for (const request of server!.requests) expect(await verifyHuaweiSignature(request, { [AK]: SK })).toMatchObject({ ok: true });
  });

  it("gives up after maxAttempts connection resets with a NetworkError", async () => {
    const evs = await clientFor((_req, res) => res.socket?.destroy());
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(3);
    expect(server!.requests).toHaveLength(3);
  });

  it("honours Retry-After on 429 and reports the wait", async () => {
    const { lines, logger } = recordingLogger();
    const evs = await clientFor(
      (_req, res, attempt) =>
        attempt === 1
          ? json(
              res,
              429,
              { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached", request_id: "r429" },
              { "retry-after": "1" },
            )
          : json(res, 200, { volume }),
      { logger },
    );
    await evs.cinderShowVolume({ volume_id: VOLUME });
    expect(server!.requests).toHaveLength(2);
    expect(lines.some((line) => /retrying after HTTP 429 in 1000 ms/.test(line))).toBe(true);
  });

  it("ends with a ThrottledError when 429 persists", async () => {
    const evs = await clientFor((_req, res) =>
      json(res, 429, { error_code: "APIGW.0308", error_msg: "throttled", request_id: "r429" }, { "retry-after": "0" }),
    );
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ code: "APIGW.0308", status: 429 });
    expect(server!.requests).toHaveLength(3);
  });

  it("retries an HTML gateway page (502), then reports it as an UnparseableResponseError", async () => {
    const evs = await clientFor((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    });
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error).toMatchObject({ status: 502 });
    expect((error as UnparseableResponseError).bodySnippet).toContain("502 Bad Gateway");
    expect(server!.requests).toHaveLength(3);
  });
});

describe("requests that must not be repeated", () => {
  it("does not retry a create after 503", async () => {
    const evs = await clientFor((_req, res) => json(res, 503, { error: { message: "unavailable", code: "EVS.9999" } }));
    const error = await evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, name: "s1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(server!.requests).toHaveLength(1);
  });

  it("does not retry a create after a connection reset", async () => {
    const evs = await clientFor((_req, res) => res.socket?.destroy());
    await expect(evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME } })).rejects.toBeInstanceOf(NetworkError);
    expect(server!.requests).toHaveLength(1);
  });

  it("never retries 401, even for a GET", async () => {
    const evs = await clientFor((_req, res) =>
      json(res, 401, {
        error_code: "APIGW.0301",
        error_msg: "Incorrect IAM authentication information: verify aksk signature fail",
        request_id: "r401",
      }),
    );
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "APIGW.0301", requestId: "req-test-1", status: 401 });
    expect(server!.requests).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  it("times out a response that never comes, once per attempt", async () => {
    // Long enough for each request to reach the server even on a busy machine (the first call also warms up signing).
    const evs = await clientFor(() => {}, { timeoutMs: 600, maxAttempts: 2 });
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 600, attempts: 2 });
    expect(server!.requests).toHaveLength(2);
  });

  it("times out a body that stalls after the headers", async () => {
    const evs = await clientFor(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"volume":');
      },
      { timeoutMs: 600, maxAttempts: 1 },
    );
    await expect(evs.cinderShowVolume({ volume_id: VOLUME })).rejects.toBeInstanceOf(TimeoutError);
    expect(server!.requests).toHaveLength(1);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    // The abort comes once the server holds the request (a fixed delay could fire before it arrives on a busy machine).
    const controller = new AbortController();
    const evs = await clientFor(() => controller.abort(), { timeoutMs: 5_000 });
    await expect(evs.cinderShowVolume({ volume_id: VOLUME }, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(server!.requests).toHaveLength(1);
  });
});

describe("malformed and empty bodies", () => {
  it("reports truncated JSON in a 200 as UnparseableResponseError, not a SyntaxError", async () => {
    const evs = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "r-trunc" });
      res.end('{"volume": {"id": "6b60');
    });
    const error = await evs.cinderShowVolume({ volume_id: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error).toMatchObject({ status: 200, requestId: "r-trunc" });
    expect(server!.requests).toHaveLength(1);
  });

  it("treats a connection cut mid-body as a network fault and retries the GET", async () => {
    const evs = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"volume": {"id"');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await expect(evs.cinderShowVolume({ volume_id: VOLUME })).rejects.toBeInstanceOf(NetworkError);
    expect(server!.requests).toHaveLength(3);
  });

  it("accepts an empty 202 (chunked, no length) as success", async () => {
    const evs = await clientFor((_req, res) => {
      res.writeHead(202, { "x-request-id": "r-del" });
      res.end();
    });
    await expect(evs.cinderDeleteVolume({ volume_id: VOLUME, cascade: true })).resolves.toBeUndefined();
    expect(server!.requests[0]).toMatchObject({
      method: "DELETE",
      url: `/v2/0123456789abcdef0123456789abcdef/volumes/${VOLUME}?cascade=true`,
    });
  });
});

describe("what sends", () => {
  // On Node, node:http's `request` of the moment of the call; elsewhere (and in test/transports-fetch.test.ts,
  // which hides Node's modules) the global fetch of the moment: interceptors installed later see the calls.
  it(`without a \`fetch\` option, ${usesNodeTransport() ? "node:http's request" : "the global fetch"} of the moment of the call (interceptors installed later see the calls)`, async () => {
    const evs = await clientFor((_req, res) => json(res, 200, { volume }));
    const seen: string[] = [];
    // Installed after the client was created, as MSW's server.listen(), nock or a test double would be.
    const restore = usesNodeTransport() ? interceptNodeHttp(seen) : interceptFetch(seen);
    try {
      const result = await evs.cinderShowVolume({ volume_id: VOLUME });
      expect(result.volume?.id).toBe(VOLUME);
      expect(seen).toEqual([`${server!.url}/v2/0123456789abcdef0123456789abcdef/volumes/${VOLUME}`]);
    } finally {
      restore();
    }
    await evs.cinderShowVolume({ volume_id: VOLUME });
    expect(seen).toHaveLength(1);
    expect(server!.requests).toHaveLength(2);
  });

  it("a caller's `fetch` gets one signed Request per attempt, and the global fetch is not used", async () => {
    server = await startFaultServer((_req, res) => json(res, 200, { volume }));
    const received: Request[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error("the global fetch must not be called"));
    try {
      const evs = createEvsClient({
        endpoint: server.url,
        projectId: "0123456789abcdef0123456789abcdef",
        credentials: { accessKeyId: AK, secretAccessKey: SK },
        fetch: (request) => {
          received.push(request);
          return original(request);
        },
      });
      await evs.cinderShowVolume({ volume_id: VOLUME });
    } finally {
      globalThis.fetch = original;
    }
    expect(received).toHaveLength(1);
    expect(received[0]).toBeInstanceOf(Request);
    expect(received[0]!.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 /);
    expect(server.requests).toHaveLength(1);
  });
});

/** Records the URL of every request that goes through node:http's `request`; returns the undo. */
function interceptNodeHttp(seen: string[]): () => void {
  const original = http.request;
  http.request = ((options: http.RequestOptions, ...rest: never[]) => {
    seen.push(`http://${options.hostname}:${options.port}${options.path}`);
    return (original as (...args: unknown[]) => unknown)(options, ...rest);
  }) as typeof http.request;
  return () => {
    http.request = original;
  };
}

/** Records the URL of every request that goes through the global fetch; returns the undo. */
function interceptFetch(seen: string[]): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(input instanceof Request ? input.url : String(input));
    return original(input, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}
