/**
 * Transport rules against hostile or misbehaving endpoints, for all three providers:
 * redirects are never followed, bodies are read up to a limit (gzip bombs included),
 * Retry-After is honoured up to its own maximum, a call's total deadline holds, throttling
 * codes inside a 400 are retried for safe calls, and a client caps its attempts in flight.
 */
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  DeadlineExceededError,
  RedirectError,
  ResponseTooLargeError,
  ServerError,
  ThrottledError,
} from "../src/core/common/errors.ts";
import { faultServersClosedAfterEach, json } from "./helpers/fault-server.ts";
import { providerCases, SECRETS } from "./helpers/provider-cases.ts";

const serve = faultServersClosedAfterEach();

const MiB = 1024 * 1024;

describe.each(providerCases)("$provider: redirects are never followed", (c) => {
  it.each([301, 302, 303, 307, 308])(
    "HTTP %i on a write: nothing reaches the other host, no GET, a RedirectError naming Location",
    async (status) => {
      const elsewhere = await serve((_req, res) => json(res, 200, c.readBody));
      const endpoint = await serve((_req, res) => {
        res.writeHead(status, { location: `${elsewhere.url}/collect?from=redirect` });
        res.end();
      });
      const error = await c
        .write(endpoint.url)()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ status, location: `${elsewhere.url}/collect?from=redirect` });
      expect((error as Error).message).toContain(`${elsewhere.url}/collect`);
      expect(elsewhere.requests).toHaveLength(0);
      expect(endpoint.requests.map((r) => r.method)).toEqual([c.writeMethod]);
    },
  );

  it("a redirect on a safe read is not retried either, and a relative Location is reported absolute", async () => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(307, { location: "/elsewhere" });
      res.end();
    });
    const error = await c
      .read(endpoint.url)()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).location).toBe(`${endpoint.url}/elsewhere`);
    expect(endpoint.requests).toHaveLength(1);
  });

  it("a caller's fetch that follows the redirect itself: the answer is refused, not returned as success", async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, c.readBody));
    const endpoint = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/x` });
      res.end();
    });
    const following = (request: Request) => globalThis.fetch(new Request(request, { redirect: "follow" }));
    const error = await c
      .read(endpoint.url, { fetch: following })()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toMatch(/fetch followed a redirect/);
  });
});

describe.each(providerCases)("$provider: response size limit", (c) => {
  it("a gzip bomb (1 GiB inflated) stops at the default 16 MiB with a ResponseTooLargeError, not retried", async () => {
    let sentChunks = 0;
    const endpoint = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const zeros = Buffer.alloc(MiB, 0x20); // spaces: valid JSON whitespace, compresses ~1000:1
      const source = new Readable({
        read() {
          this.push(sentChunks++ < 1024 ? zeros : null);
        },
      });
      const gzip = createGzip();
      for (const stream of [source, gzip, res]) stream.on("error", () => {});
      res.on("close", () => source.destroy());
      source.pipe(gzip).pipe(res);
    });
    const before = process.memoryUsage().rss;
    const error = await c
      .read(endpoint.url)()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, limitBytes: 16 * MiB, provider: c.provider });
    expect(endpoint.requests).toHaveLength(1);
    // Reading stopped early: far fewer than the 1,024 inflated MiB were produced, and memory stayed bounded.
    expect(sentChunks).toBeLessThan(256);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });

  it("a declared Content-Length over the limit is refused without reading the body", async () => {
    const endpoint = await serve((_req, res) => {
      const text = JSON.stringify({ padding: "x".repeat(4096) });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
    await expect(c.read(endpoint.url, { maxResponseBytes: 1024 })()).rejects.toMatchObject({
      name: "ResponseTooLargeError",
      limitBytes: 1024,
    });
  });

  it("a chunked body is counted as it arrives", async () => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 8; i++) res.write(" ".repeat(1024));
      res.end(JSON.stringify(c.readBody));
    });
    await expect(c.read(endpoint.url, { maxResponseBytes: 4096 })()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("a body within the limit is read as usual (the limit is inclusive)", async () => {
    const text = JSON.stringify(c.readBody);
    const endpoint = await serve((_req, res) => json(res, 200, c.readBody));
    await expect(c.read(endpoint.url, { maxResponseBytes: Buffer.byteLength(text) })()).resolves.toMatchObject(c.readBody as object);
  });

  it("a caller's fetch whose Content-Length understates the body is still counted", async () => {
    const lying = async () =>
      new Response(" ".repeat(64 * 1024) + JSON.stringify(c.readBody), {
        status: 200,
        headers: { "content-type": "application/json", "content-length": "10" },
      });
    await expect(c.read("http://127.0.0.1:9", { fetch: lying, maxResponseBytes: 4096 })()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});

describe.each(providerCases)("$provider: Retry-After and throttling", (c) => {
  it("a server asking for an hour gets no early retry: ThrottledError at once, carrying retryAfterMs", async () => {
    const endpoint = await serve((_req, res) => json(res, 429, c.throttled.body, { "retry-after": "3600" }));
    const error = await c
      .read(endpoint.url)()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(3_600_000);
    expect(endpoint.requests).toHaveLength(1);
  });

  it("the provider's throttling answer is retried for a safe read", async () => {
    const endpoint = await serve((_req, res, attempt) =>
      attempt === 1 ? json(res, c.throttled.status, c.throttled.body) : json(res, 200, c.readBody),
    );
    await expect(c.read(endpoint.url)()).resolves.toMatchObject(c.readBody as object);
    expect(endpoint.requests).toHaveLength(2);
  });

  it("the same answer to a write is not retried", async () => {
    const endpoint = await serve((_req, res) => json(res, c.throttled.status, c.throttled.body));
    await expect(c.write(endpoint.url)()).rejects.toBeInstanceOf(ThrottledError);
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe("Retry-After within maxRetryAfterMs is waited in full", () => {
  it("is not cut to the backoff cap (maxDelayMs)", async () => {
    const endpoint = await serve((_req, res, attempt) =>
      attempt === 1
        ? json(res, 503, { error: { code: "EVS.9999", message: "busy" } }, { "retry-after": "1" })
        : json(res, 200, providerCases[0]!.readBody),
    );
    const started = Date.now();
    await providerCases[0]!.read(endpoint.url, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10 } })();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(endpoint.requests).toHaveLength(2);
  });
});

describe.each(providerCases)("$provider: total deadline", (c) => {
  it("a stalled server is given up on at the deadline, before the per-attempt timeout", async () => {
    const endpoint = await serve(() => {});
    const started = Date.now();
    const error = await c
      .read(endpoint.url, { timeoutMs: 10_000, deadlineMs: 300 })()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ deadlineMs: 300, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a per-call deadline overrides the client's", async () => {
    const endpoint = await serve(() => {});
    await expect(c.read(endpoint.url, { timeoutMs: 10_000 })({ deadlineMs: 200 })).rejects.toMatchObject({
      name: "DeadlineExceededError",
      deadlineMs: 200,
    });
  });

  it("a retry that would not fit in the deadline is not started: the last answer stands", async () => {
    const endpoint = await serve((_req, res) => json(res, 503, c.busy, { "retry-after": "2" }));
    const started = Date.now();
    const error = await c
      .read(endpoint.url, { deadlineMs: 1_000 })()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(endpoint.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("retries that fit in the deadline still happen", async () => {
    const endpoint = await serve((_req, res, attempt) => (attempt < 3 ? res.socket?.destroy() : json(res, 200, c.readBody)));
    await expect(c.read(endpoint.url, { deadlineMs: 5_000 })()).resolves.toMatchObject(c.readBody as object);
    expect(endpoint.requests).toHaveLength(3);
  });
});

/** A server that answers each request after `holdMs` and records the most requests it held at once. */
async function holdingServer(body: unknown, holdMs: number) {
  const seen = { inFlight: 0, max: 0 };
  const server = await serve((_req, res) => {
    seen.max = Math.max(seen.max, ++seen.inFlight);
    setTimeout(() => {
      seen.inFlight--;
      json(res, 200, body);
    }, holdMs);
  });
  return { server, seen };
}

describe.each(providerCases)("$provider: concurrency cap", (c) => {
  it("maxConcurrency 3: thirty calls all succeed, never more than three on the wire", async () => {
    const { server, seen } = await holdingServer(c.readBody, 20);
    const read = c.read(server.url, { maxConcurrency: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, () => read()));
    expect(results).toHaveLength(30);
    expect(seen.max).toBe(3);
    expect(server.requests).toHaveLength(30);
  });

  it("by default at most 64 at once", async () => {
    const { server, seen } = await holdingServer(c.readBody, 30);
    const read = c.read(server.url);
    await Promise.all(Array.from({ length: 200 }, () => read()));
    expect(seen.max).toBeLessThanOrEqual(64);
    expect(seen.max).toBeGreaterThan(8);
    expect(server.requests).toHaveLength(200);
  });

  it("a call aborted while waiting in line never goes out, and its place is not lost", async () => {
    const { server } = await holdingServer(c.readBody, 200);
    const read = c.read(server.url, { maxConcurrency: 1 });
    const first = read();
    const controller = new AbortController();
    const second = read({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    expect(await second).toBeInstanceOf(AbortedError);
    await first;
    await read();
    expect(server.requests).toHaveLength(2);
  });

  it("a call whose deadline passes while waiting in line fails with DeadlineExceededError after 0 attempts", async () => {
    const { server } = await holdingServer(c.readBody, 300);
    const read = c.read(server.url, { maxConcurrency: 1 });
    const first = read();
    await expect(read({ deadlineMs: 50 })).rejects.toMatchObject({ name: "DeadlineExceededError", attempts: 0 });
    await first;
    expect(server.requests).toHaveLength(1);
  });
});

describe("nothing secret in these errors", () => {
  it.each(providerCases)("$provider: redirect and size errors hold no secret", async (c) => {
    const endpoint = await serve((_req, res) => {
      res.writeHead(307, { location: `/next?echo=${encodeURIComponent(SECRETS[c.provider])}` });
      res.end();
    });
    const error = await c
      .read(endpoint.url)()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRETS[c.provider]);
  });
});
