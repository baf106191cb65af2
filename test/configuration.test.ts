/**
 * Issue 10 item 8: configuration and per-call options are checked at once. A bad
 * value is a ConfigurationError naming the option (at construction) or an
 * InvalidParameterError naming `options.<field>` (per call), thrown before anything
 * is sent: never a NetworkError or TimeoutError after retries, never a bare TypeError.
 * Every case runs against all three factories with a recording fetch.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, InvalidParameterError, createEvsClient, createImsClient, createVbsClient } from "../src/huawei/index.ts";
import { createEcsClient, ecsEndpointHost } from "../src/alibaba/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { sha256Hex } from "../src/core/common/webcrypto.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const HW = { accessKeyId: "AKCONFIGTEST", secretAccessKey: "hw-config-secret-value" };
const ALI = { accessKeyId: "LTAIconfigtest", accessKeySecret: "ali-config-secret-value" };
const UCS = { publicKey: "ucs-config-public", privateKey: "ucs-config-private-value" };

/** A fetch that records every request and answers a valid empty success for each provider. */
/** One body that is a documented success for each provider's call used here (the client checks a 2xx body against the spec). */
const EVERY_PROVIDERS_SUCCESS = {
  RequestId: "r",
  Action: "DescribeSnapshotResponse",
  RetCode: 0,
  volume: { id: "v", name: "v", status: "available", size: 1 },
  snapshots: [],
  Snapshots: { Snapshot: [] },
  Disks: { Disk: [] },
  Infos: [],
  TotalCount: 0,
};

function recordingFetch() {
  const sent: Request[] = [];
  const fetch: FetchLike = async (request) => {
    sent.push(request);
    return new Response(JSON.stringify(EVERY_PROVIDERS_SUCCESS), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { sent, fetch };
}

type Extra = Record<string, unknown>;
type AnyClient = {
  invoke(operation: string, params?: Record<string, unknown>, options?: unknown): Promise<unknown>;
  paginate(operation: string, params?: Record<string, unknown>, options?: unknown): AsyncIterable<unknown>;
};

const providers = [
  {
    name: "huawei",
    build: (extra: Extra) =>
      createEvsClient({
        endpoint: "https://evs.test",
        projectId: "0123456789abcdef0123456789abcdef",
        credentials: HW,
        ...extra,
      } as never) as unknown as AnyClient,
    call: ["CinderShowVolume", { volume_id: "v1" }] as const,
    list: "CinderListSnapshots",
    credentialFields: { accessKeyId: HW, secretAccessKey: HW, securityToken: HW },
    credentialsWith: (field: string, value: string) => ({ ...HW, [field]: value }),
  },
  {
    name: "alibaba",
    build: (extra: Extra) =>
      createEcsClient({
        endpoint: "https://ecs.test",
        regionId: "cn-beijing",
        credentials: ALI,
        ...extra,
      } as never) as unknown as AnyClient,
    call: ["DescribeDisks", {}] as const,
    list: "DescribeSnapshots",
    credentialFields: { accessKeyId: ALI, accessKeySecret: ALI, securityToken: ALI },
    credentialsWith: (field: string, value: string) => ({ ...ALI, [field]: value }),
  },
  {
    name: "ucloudstack",
    build: (extra: Extra) =>
      createUCloudStackClient({
        endpoint: "https://ucs.test/api",
        region: "cn",
        credentials: UCS,
        ...extra,
      } as never) as unknown as AnyClient,
    call: ["DescribeSnapshot", {}] as const,
    list: "DescribeSnapshot",
    credentialFields: { publicKey: UCS, privateKey: UCS },
    credentialsWith: (field: string, value: string) => ({ ...UCS, [field]: value }),
  },
];

function constructionError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Common options: [what, extra config, option the error must name]. */
const badCommonOptions: Array<[string, Extra, string]> = [
  ["retry.maxAttempts NaN", { retry: { maxAttempts: Number.NaN } }, "retry.maxAttempts"],
  ["retry.maxAttempts Infinity", { retry: { maxAttempts: Infinity } }, "retry.maxAttempts"],
  ["retry.maxAttempts 0", { retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
  ["retry.maxAttempts 2.5", { retry: { maxAttempts: 2.5 } }, "retry.maxAttempts"],
  ['retry.maxAttempts "3"', { retry: { maxAttempts: "3" } }, "retry.maxAttempts"],
  ["retry NaN", { retry: Number.NaN }, "retry"],
  ["retry Infinity", { retry: Infinity }, "retry"],
  ["retry 0", { retry: 0 }, "retry"],
  ["retry true", { retry: true }, "retry"],
  ["retry null", { retry: null }, "retry"],
  ["retry.baseDelayMs -1", { retry: { baseDelayMs: -1 } }, "retry.baseDelayMs"],
  ["retry.baseDelayMs NaN", { retry: { baseDelayMs: Number.NaN } }, "retry.baseDelayMs"],
  ["retry.maxDelayMs Infinity", { retry: { maxDelayMs: Infinity } }, "retry.maxDelayMs"],
  ["retry.maxRetryAfterMs -5", { retry: { maxRetryAfterMs: -5 } }, "retry.maxRetryAfterMs"],
  ['retry.statusCodes "503"', { retry: { statusCodes: "503" } }, "retry.statusCodes"],
  ["retry.statusCodes [503.5]", { retry: { statusCodes: [503.5] } }, "retry.statusCodes"],
  ["retry.statusCodes [200]", { retry: { statusCodes: [200] } }, "retry.statusCodes"],
  ["retry.statusCodes [1000]", { retry: { statusCodes: [1000] } }, "retry.statusCodes"],
  ['retry.retryTimeouts "yes"', { retry: { retryTimeouts: "yes" } }, "retry.retryTimeouts"],
  ["retry.retryNetworkErrors 1", { retry: { retryNetworkErrors: 1 } }, "retry.retryNetworkErrors"],
  ["an unknown retry key", { retry: { maxAttempt: 2 } }, "retry.maxAttempt"],
  ["timeoutMs -1", { timeoutMs: -1 }, "timeoutMs"],
  ["timeoutMs NaN", { timeoutMs: Number.NaN }, "timeoutMs"],
  ['timeoutMs "abc"', { timeoutMs: "abc" }, "timeoutMs"],
  ["timeoutMs beyond a timer's range", { timeoutMs: 2 ** 31 }, "timeoutMs"],
  ["deadlineMs -1", { deadlineMs: -1 }, "deadlineMs"],
  ["maxResponseBytes 0", { maxResponseBytes: 0 }, "maxResponseBytes"],
  ["maxResponseBytes 1.5", { maxResponseBytes: 1.5 }, "maxResponseBytes"],
  ["maxConcurrency 0", { maxConcurrency: 0 }, "maxConcurrency"],
  ['fetch "x"', { fetch: "x" }, "fetch"],
  ["logger {}", { logger: {} }, "logger.debug"],
  ["logger without error", { logger: { debug() {}, info() {}, warn() {} } }, "logger.error"],
  ["logger null", { logger: null }, "logger"],
  ['logger "console"', { logger: "console" }, "logger"],
  ["a header name with a space", { headers: { "X Bad": "1" } }, "headers.X?Bad"],
  ["a header value with LF", { headers: { "X-A": "a\nb" } }, "headers.X-A"],
  ["a header value with NUL", { headers: { "X-A": "a\u0000b" } }, "headers.X-A"],
  ["a header value with leading whitespace", { headers: { "X-A": " padded" } }, "headers.X-A"],
  ["a header value with a trailing tab", { headers: { "X-A": "padded\t" } }, "headers.X-A"],
  ["a header value above U+00FF", { headers: { "X-A": "中" } }, "headers.X-A"],
  ["a header value in Latin-1 (signed as UTF-8, sent as one byte)", { headers: { "X-A": "é" } }, "headers.X-A"],
  ["a header value that is a number", { headers: { "X-A": 1 } }, "headers.X-A"],
  ["a header given twice in different case", { headers: { "X-A": "1", "x-a": "2" } }, "headers.x-a"],
  ["headers as a string", { headers: "X-A: 1" }, "headers"],
  ["headers as a Headers object", { headers: new Headers({ "X-A": "1" }) }, "headers"],
  ["an endpoint with userinfo", { endpoint: "https://user:pass@api.test" }, "endpoint"],
  ["an endpoint with an empty userinfo", { endpoint: "https://@api.test" }, "endpoint"],
  ["an endpoint with a dot segment", { endpoint: "https://api.test/a/../b" }, "endpoint"],
  ["an endpoint with an encoded dot segment", { endpoint: "https://api.test/a/%2e%2e/b" }, "endpoint"],
  ["an endpoint with a tab inside", { endpoint: "https://api.\ttest" }, "endpoint"],
  ["an endpoint with a leading space", { endpoint: " https://api.test" }, "endpoint"],
  ["an endpoint with a backslash", { endpoint: "https://api.test\\api" }, "endpoint"],
  ["an endpoint without //", { endpoint: "https:api.test" }, "endpoint"],
  ["an endpoint with an empty query", { endpoint: "https://api.test/?" }, "endpoint"],
  ["a misspelt option", { timeOutMs: 5000 }, "timeOutMs"],
  ["an unknown option", { bogus: true }, "bogus"],
];

describe("configuration: refused at construction with a ConfigurationError naming the option", () => {
  for (const provider of providers) {
    describe(provider.name, () => {
      it("a valid configuration sends exactly one request per call (the recording fetch sees calls)", async () => {
        const { sent, fetch } = recordingFetch();
        await provider
          .build({
            fetch,
            retry: { maxAttempts: 2, baseDelayMs: 0, statusCodes: [503], retryTimeouts: false },
            timeoutMs: 1000,
            logger: console,
            headers: { "X-Trace": "a\tb" },
          })
          .invoke(provider.call[0], { ...provider.call[1] });
        expect(sent).toHaveLength(1);
      });

      it.each(badCommonOptions)("%s", (_what, extra, option) => {
        const { sent, fetch } = recordingFetch();
        const error = constructionError(() => provider.build({ fetch, ...extra }));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).option).toBe(option);
        expect((error as ConfigurationError).provider).toBe(provider.name);
        expect(sent).toHaveLength(0);
      });

      it("a misspelt option is named with the right spelling", () => {
        const error = constructionError(() => provider.build({ timeOutMs: 5000 }));
        expect((error as Error).message).toContain("did you mean 'timeoutMs'");
      });

      it("retry: true says what is accepted", () => {
        const error = constructionError(() => provider.build({ retry: true }));
        expect((error as Error).message).toMatch(/false .*number of attempts.*object/);
      });

      for (const field of Object.keys(provider.credentialFields)) {
        it.each([
          ["a character above U+00FF", "secret-中-value"],
          ["a Latin-1 character", "secret-é-value"],
          ["a leading space", " secret-value-1"],
          ["a trailing tab", "secret-value-1\t"],
          ["a control character", "secret\u0001value"],
          ["a line separator", "secret\u2028value"],
        ])(`credentials.${field} with %s`, (_what, value) => {
          const { sent, fetch } = recordingFetch();
          const error = constructionError(() => provider.build({ fetch, credentials: provider.credentialsWith(field, value) }));
          expect(error).toBeInstanceOf(ConfigurationError);
          expect((error as ConfigurationError).option).toBe(`credentials.${field}`);
          expect((error as Error).message.includes(value)).toBe(false);
          expect(JSON.stringify(error).includes(value)).toBe(false);
          expect(sent).toHaveLength(0);
        });
      }
    });
  }

  it("a Huawei IAM token fetch cannot send", () => {
    for (const token of ["tok-中-value", " token-value", "token\u0000value"]) {
      const error = constructionError(() =>
        createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials: { token } }),
      );
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe("credentials.token");
      expect((error as Error).message.includes(token)).toBe(false);
    }
  });

  it("hooks that are not functions (now, nonce)", () => {
    expect(
      constructionError(() =>
        createEvsClient({
          endpoint: "https://evs.test",
          projectId: "0123456789abcdef0123456789abcdef",
          credentials: HW,
          now: "x" as never,
        }),
      ),
    ).toMatchObject({ name: "ConfigurationError", option: "now" });
    expect(constructionError(() => createEcsClient({ endpoint: "https://ecs.test", credentials: ALI, now: 1 as never }))).toMatchObject({
      name: "ConfigurationError",
      option: "now",
    });
    expect(constructionError(() => createEcsClient({ endpoint: "https://ecs.test", credentials: ALI, nonce: "n" as never }))).toMatchObject(
      { name: "ConfigurationError", option: "nonce" },
    );
  });

  it.each([
    ["createEvsClient(null)", () => createEvsClient(null as never), "huawei"],
    ["createImsClient(undefined)", () => createImsClient(undefined as never), "huawei"],
    ["createVbsClient(1)", () => createVbsClient(1 as never), "huawei"],
    ["createEcsClient(null)", () => createEcsClient(null as never), "alibaba"],
    ['createUCloudStackClient("x")', () => createUCloudStackClient("x" as never), "ucloudstack"],
    ["createEcsClient([])", () => createEcsClient([] as never), "alibaba"],
  ])("%s: ConfigurationError naming 'config'", (_what, build, provider) => {
    const error = constructionError(build);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: "config", provider });
  });

  it("ecsEndpointHost: an empty or malformed region id is a ConfigurationError, not a TypeError", () => {
    for (const region of ["", "cn_hangzhou", "x.evil.com/"]) {
      const error = constructionError(() => ecsEndpointHost(region));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe("regionId");
    }
  });

  it("on Node, signing does not need WebCrypto: node:crypto does the hashing (the WebCrypto path's own refusal: test/signers-webcrypto.test.ts)", async () => {
    vi.stubGlobal("crypto", {});
    try {
      expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/** Per-call options: [what, options, field the error must name]. */
const badCallOptions: Array<[string, unknown, string]> = [
  ["timeoutMs -1", { timeoutMs: -1 }, "options.timeoutMs"],
  ['timeoutMs "abc"', { timeoutMs: "abc" }, "options.timeoutMs"],
  ["timeoutMs NaN", { timeoutMs: Number.NaN }, "options.timeoutMs"],
  ["timeoutMs 0", { timeoutMs: 0 }, "options.timeoutMs"],
  ["timeoutMs Infinity", { timeoutMs: Infinity }, "options.timeoutMs"],
  ["timeoutMs beyond a timer's range", { timeoutMs: 2 ** 31 }, "options.timeoutMs"],
  ["deadlineMs -1", { deadlineMs: -1 }, "options.deadlineMs"],
  ['signal "x"', { signal: "x" }, "options.signal"],
  ["signal {}", { signal: {} }, "options.signal"],
  ["a header value with CR LF", { headers: { "X-A": "a\r\nX-Injected: 1" } }, "options.headers.X-A"],
  ["a header name with a space", { headers: { "Bad Name": "v" } }, "options.headers.Bad?Name"],
  ["a header value with leading whitespace", { headers: { "X-A": " v" } }, "options.headers.X-A"],
  ["a header value above U+00FF", { headers: { "X-A": "中" } }, "options.headers.X-A"],
  ["headers as an array", { headers: [["X-A", "1"]] }, "options.headers"],
  ["options null", null, "options"],
  ['options "fast"', "fast", "options"],
  ["a misspelt call option", { timeOut: 5 }, "options.timeOut"],
];

describe("per-call options: refused before sending with an InvalidParameterError naming options.<field>", () => {
  for (const provider of providers) {
    describe(provider.name, () => {
      it.each(badCallOptions)("%s", async (_what, options, field) => {
        const { sent, fetch } = recordingFetch();
        const client = provider.build({ fetch, retry: { maxAttempts: 3, baseDelayMs: 0 } });
        const error = await client.invoke(provider.call[0], { ...provider.call[1] }, options).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).field).toBe(field);
        expect(sent).toHaveLength(0);
      });

      it.each(badCallOptions.filter(([, options]) => options !== null && typeof options === "object"))(
        "paginate: %s",
        async (_what, options, field) => {
          const { sent, fetch } = recordingFetch();
          const client = provider.build({ fetch });
          const walk = async () => {
            for await (const item of client.paginate(provider.list, {}, options)) void item;
          };
          const error = await walk().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(InvalidParameterError);
          expect((error as InvalidParameterError).field).toBe(field);
          expect(sent).toHaveLength(0);
        },
      );

      it("valid options pass (an AbortSignal, null signal, timeouts, headers, maxPages for paginate)", async () => {
        const { sent, fetch } = recordingFetch();
        const client = provider.build({ fetch });
        await client.invoke(
          provider.call[0],
          { ...provider.call[1] },
          { signal: new AbortController().signal, timeoutMs: 5000, deadlineMs: 10_000, headers: { "X-Trace": "t 1" } },
        );
        await client.invoke(provider.call[0], { ...provider.call[1] }, { signal: null });
        for await (const item of client.paginate(provider.list, {}, { maxPages: 2, signal: AbortSignal.timeout(5000) })) void item;
        expect(sent.length).toBeGreaterThanOrEqual(3);
      });
    });
  }
});

afterEach(() => {
  vi.unstubAllGlobals();
});
