/**
 * Issue 10 item 5: secrets a server (or a caller's fetch) echoes back in an encoded
 * form never reach an error, its cause, or a log line. For every provider: echoes raw,
 * percent-encoded once and twice (RFC 3986 and form flavours, either hex case), in
 * JSON error bodies, HTML pages, bodies of unknown shape, retry warnings, and the
 * error and cause chain a throwing custom `fetch` produces.
 */
import { inspect } from "node:util";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createEvsClient, type Logger } from "../src/huawei/index.ts";
import { createEcsClient } from "../src/alibaba/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { AuthenticationError, NetworkError, UnparseableResponseError, ApiError } from "../src/core/common/errors.ts";
import { percentEncode } from "../src/core/common/encoding.ts";
import { Redactor, REDACTED } from "../src/core/common/redact.ts";
import { recordingLogger } from "./helpers/recording-logger.ts";
import { json, startFaultServer, type FaultServer, type RecordedRequest } from "./helpers/fault-server.ts";

// Shaped like the real ones: STS and IAM tokens are base64 (`+`, `/`, `=`); `*` and `!` tell
// RFC 3986 encoding (`%2A`, `%21`) apart from encodeURIComponent (which leaves them).
const HW_SK = "hwSK/secret+key=0123456789*!abc";
const HW_SECURITY_TOKEN = "gQpjbi1ub3J0aC00+temp/Security=Token*1";
const HW_TOKEN = "MIIST0kEN+iam/token==value*2";
const ALI_SECRET = "aliSecret/with+plus=0123456789*";
const ALI_STS = "CAIS+sts/TOKEN==part*two!three";
const UCS_PRIVATE = "ucsPrivate/key+value=0123456789*";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything a caller may print about an error, its cause chain included. */
function printable(error: unknown, lines: string[] = []): string {
  const e = error as Error;
  return [String(error), e.message, e.stack ?? "", JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), ...lines].join(
    "\n",
  );
}

const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const lowerHex = (value: string) => value.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

/** The forms a server may echo a value in; each differs from the raw value for the secrets above. */
function echoForms(value: string): Record<string, string> {
  return {
    raw: value,
    once: percentEncode(value),
    twice: percentEncode(percentEncode(value)),
    "once, lower-case hex": lowerHex(percentEncode(value)),
    "encodeURIComponent twice": encodeURIComponent(encodeURIComponent(value)),
    form: formEncode(value),
    "form then RFC 3986": percentEncode(formEncode(value)),
    "JSON with escaped slashes": JSON.stringify(value).slice(1, -1).replace(/\//g, "\\/"),
    "HTML numeric entities": value.replace(/[+/=]/g, (c) => `&#${c.charCodeAt(0)};`),
  };
}

/** Whether `text` holds any of `values` in any echo form (a boolean, so a failure never prints a secret). */
function quotesAny(text: string, values: string[]): boolean {
  return values.some((value) => Object.values(echoForms(value)).some((form) => text.includes(form)));
}

/** The forms really differ from each other (else the echo tests would prove less than they claim). */
it("the echo forms under test are distinct encodings", () => {
  const forms = Object.values(echoForms(ALI_STS));
  expect(new Set(forms).size).toBe(forms.length);
});

describe("Redactor: a known secret in every form a server may echo it", () => {
  const redactor = new Redactor([ALI_STS, HW_SK]);
  for (const [name, form] of Object.entries(echoForms(ALI_STS))) {
    it(`scrubs the secret echoed ${name}`, () => {
      const text = `before ${form} after`;
      const scrubbed = redactor.scrub(text);
      expect(scrubbed === `before ${REDACTED} after`).toBe(true); // compared as a boolean: a failure never prints the secret
    });
  }

  it("credential-shaped values with an encoded separator are masked even when unknown", () => {
    const unknown = "abcdef0123456789abcdef";
    for (const text of [
      `Signature%3D${unknown}%26x`,
      `SignedHeaders%3Dhost%2CSignature%3D${unknown}`,
      `Signature%253D${unknown}%2526x`,
      `x-acs-security-token%3A${unknown}%0A`,
      `%26SecurityToken%3D${unknown}%26Timestamp%3D1`,
    ]) {
      const scrubbed = redactor.scrub(text);
      expect(scrubbed).not.toContain(unknown);
      expect(scrubbed).toContain(REDACTED);
    }
    // ...and neighbouring fields survive (the value ends at the encoded delimiter).
    expect(redactor.scrub(`%26SecurityToken%3D${unknown}%26Timestamp%3D2019`)).toBe(`%26SecurityToken%3D${REDACTED}%26Timestamp%3D2019`);
  });

  it("a caller's error: credential-named fields are masked by name, at any depth, other fields kept", () => {
    const inner = Object.assign(new Error("inner"), { token: "short1", code: "ECONNRESET" });
    const outer = Object.assign(new Error("outer", { cause: inner }), { request: { headers: { Authorization: "Basic abc" } } });
    const copy = redactor.scrubCause(outer) as Error & {
      request: { headers: Record<string, string> };
      cause: Error & { token: string; code: string };
    };
    expect(copy.request.headers.Authorization).toBe(REDACTED);
    expect(copy.cause.token).toBe(REDACTED);
    expect(copy.cause.code).toBe("ECONNRESET");
    expect(copy.cause).not.toBe(inner);
  });

  it("leaves look-alike names alone (SignatureMethod, SignatureNonce, ClientToken)", () => {
    const text = "SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D217f3bb4-f3e6-4479%26ClientToken%3D123e4567-e89b-12d3";
    expect(redactor.scrub(text)).toBe(text);
  });
});

/** Alibaba's V1 `SignatureDoesNotMatch`: the string to sign it computed, quoted whole, its values encoded twice. */
function alibabaStringToSign(request: RecordedRequest): string {
  const pairs = [...new URL(request.url, "http://x").searchParams]
    .filter(([name]) => name !== "Signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&");
  return `${request.method}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

describe("Alibaba", () => {
  it("V1 with an STS token: SignatureDoesNotMatch quoting the string to sign (token encoded twice) stays clean", async () => {
    let echoed = "";
    server = await startFaultServer((request, res) => {
      echoed = `Specified signature is not matched with our calculation. server string to sign is:${alibabaStringToSign(request)}`;
      json(res, 400, {
        RequestId: "R-1",
        HostId: "ecs.aliyuncs.com",
        Code: "SignatureDoesNotMatch",
        Message: echoed,
        Recommend: `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&${new URL(request.url, "http://x").search.slice(1)}`,
      });
    });
    const { lines, logger } = recordingLogger();
    const ecs = createEcsClient({
      endpoint: server.url,
      regionId: "cn-beijing",
      signatureVersion: "v1",
      credentials: { accessKeyId: "LTAIvisible", accessKeySecret: ALI_SECRET, securityToken: ALI_STS },
      logger,
    });
    const error = await ecs.describeDisks({ DiskIds: '["d-1"]' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    // The server really quoted the token, encoded twice, and the signature sat in the URL it echoed.
    expect(echoed.includes(`SecurityToken%3D${percentEncode(percentEncode(ALI_STS))}`)).toBe(true);
    const signature = new URL(server.requests[0]!.url, "http://x").searchParams.get("Signature")!;
    const text = printable(error, lines);
    expect(text).toContain("SignatureDoesNotMatch");
    expect(text).toContain("LTAIvisible");
    expect(quotesAny(text, [ALI_STS, ALI_SECRET, signature])).toBe(false);
  });

  it("V3 with an STS token: canonical headers echoed encoded once, and the Authorization header, stay clean", async () => {
    let echoed = "";
    server = await startFaultServer((request, res) => {
      const canonicalHeaders = Object.entries(request.headers)
        .filter(([name]) => name.startsWith("x-acs-") || name === "host")
        .map(([name, value]) => `${name}:${value}`)
        .join("\n");
      echoed = `The request signature does not conform to Aliyun standards. canonical headers: ${percentEncode(canonicalHeaders)}; authorization: ${request.headers.authorization}`;
      json(res, 400, { RequestId: "R-3", Code: "IncompleteSignature", Message: echoed });
    });
    const ecs = createEcsClient({
      endpoint: server.url,
      regionId: "cn-beijing",
      credentials: { accessKeyId: "LTAIvisible", accessKeySecret: ALI_SECRET, securityToken: ALI_STS },
    });
    const error = await ecs.describeDisks().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(echoed.includes(`x-acs-security-token%3A${percentEncode(ALI_STS)}`)).toBe(true);
    const signature = /Signature=([0-9a-f]{64})/.exec(server.requests[0]!.headers.authorization!)![1]!;
    const text = printable(error);
    expect(quotesAny(text, [ALI_STS, ALI_SECRET, signature])).toBe(false);
  });
});

/** An HTML error page, as a gateway renders it, quoting the request in several encodings. */
function htmlEcho(res: ServerResponse, status: number, quoted: string[]): void {
  const page = `<html><head><title>${status} Bad Gateway</title></head><body><h1>Bad Gateway</h1><pre>${quoted.join("\n")}</pre></body></html>`;
  res.writeHead(status, { "content-type": "text/html" });
  res.end(page);
}

describe("Huawei", () => {
  it("AK/SK with a security token: an HTML page echoing the token form-encoded and lower-case hex gives a clean bodySnippet", async () => {
    let quoted: string[] = [];
    server = await startFaultServer((request, res) => {
      const token = request.headers["x-security-token"]!;
      quoted = [
        `x-security-token=${formEncode(token)}`,
        `token: ${lowerHex(encodeURIComponent(token))}`,
        `sk=${percentEncode(percentEncode(HW_SK))}`,
        `auth=${encodeURIComponent(request.headers.authorization!)}`,
      ];
      htmlEcho(res, 400, quoted);
    });
    const evs = createEvsClient({
      endpoint: server.url,
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { accessKeyId: "AKVISIBLE", secretAccessKey: HW_SK, securityToken: HW_SECURITY_TOKEN },
      retry: false,
    });
    const error = await evs.cinderShowVolume({ volume_id: "v1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    const snippet = (error as UnparseableResponseError).bodySnippet;
    expect(snippet).toContain("Bad Gateway");
    expect(snippet).toContain(REDACTED);
    expect(quoted[0]!.includes(formEncode(HW_SECURITY_TOKEN))).toBe(true);
    const signature = /Signature=([0-9a-f]{64})/.exec(server.requests[0]!.headers.authorization!)![1]!;
    const text = printable(error);
    expect(quotesAny(text, [HW_SECURITY_TOKEN, HW_SK, signature])).toBe(false);
  });

  it("IAM token: a JSON error body and a body of unknown shape echoing it encoded twice stay clean", async () => {
    for (const shape of ["known", "unknown"] as const) {
      server = await startFaultServer((request, res) => {
        const echo = `you sent X-Auth-Token%3A${percentEncode(percentEncode(request.headers["x-auth-token"]!))}`;
        json(res, 401, shape === "known" ? { error_code: "APIGW.0301", error_msg: echo } : { weird: { nested: [echo] } });
      });
      const evs = createEvsClient({
        endpoint: server.url,
        projectId: "0123456789abcdef0123456789abcdef",
        credentials: { token: HW_TOKEN },
      });
      const error = await evs.cinderShowVolume({ volume_id: "v1" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(shape === "known" ? AuthenticationError : UnparseableResponseError);
      expect(printable(error)).toContain(REDACTED);
      expect(quotesAny(printable(error), [HW_TOKEN])).toBe(false);
      await server.close();
      server = undefined;
    }
  });
});

describe("UCloudStack", () => {
  it("RetCode error echoing the signature encoded, and an HTML page echoing the private key, stay clean", async () => {
    server = await startFaultServer((request, res, attempt) => {
      const sent = JSON.parse(request.body) as Record<string, string>;
      if (attempt === 1)
        json(res, 200, {
          Action: "DescribeSnapshotResponse",
          RetCode: 171,
          Message: `signature error: ${formEncode(JSON.stringify(sent))}`,
        });
      else htmlEcho(res, 502, [`private=${percentEncode(percentEncode(UCS_PRIVATE))}`, `Signature%3D${sent.Signature}`]);
    });
    const ucs = createUCloudStackClient({
      endpoint: `${server.url}/api`,
      region: "cn",
      credentials: { publicKey: "ucs-public-visible", privateKey: UCS_PRIVATE },
      retry: false,
    });
    const first = await ucs.describeSnapshot({}).catch((e: unknown) => e);
    const second = await ucs.describeSnapshot({}).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect(second).toBeInstanceOf(UnparseableResponseError);
    const signatures = server.requests.map((request) => (JSON.parse(request.body) as { Signature: string }).Signature);
    const text = printable(first) + printable(second);
    expect(text).toContain("ucs-public-visible");
    expect(quotesAny(text, [UCS_PRIVATE, ...signatures])).toBe(false);
  });
});

/** A caller's fetch that fails with errors quoting the whole request: URL, headers and body. */
function quotingFetch(thrown: unknown[]) {
  return async (request: Request): Promise<Response> => {
    const headers = [...request.headers].map(([name, value]) => `${name}: ${value}`).join("; ");
    const body = await request.text();
    const inner = Object.assign(new Error(`socket hang up sending ${percentEncode(headers)}`), {
      code: "ECONNRESET",
      request: { url: request.url, body },
    });
    const outer = new TypeError(`fetch failed: ${request.method} ${request.url} ${headers} ${body}`, { cause: inner });
    thrown.push(outer);
    throw outer;
  };
}

describe("a throwing custom fetch: the NetworkError, its cause chain and the retry warnings stay clean", () => {
  const cases = [
    {
      provider: "huawei",
      secrets: [HW_SK, HW_SECURITY_TOKEN],
      call: (fetch: (r: Request) => Promise<Response>, logger: Logger) =>
        createEvsClient({
          endpoint: "https://evs.test",
          projectId: "0123456789abcdef0123456789abcdef",
          credentials: { accessKeyId: "AKVISIBLE", secretAccessKey: HW_SK, securityToken: HW_SECURITY_TOKEN },
          fetch,
          logger,
          retry: { maxAttempts: 3, baseDelayMs: 0 },
        }).cinderShowVolume({ volume_id: "v1" }),
    },
    {
      provider: "huawei token",
      secrets: [HW_TOKEN],
      call: (fetch: (r: Request) => Promise<Response>, logger: Logger) =>
        createEvsClient({
          endpoint: "https://evs.test",
          projectId: "0123456789abcdef0123456789abcdef",
          credentials: { token: HW_TOKEN },
          fetch,
          logger,
          retry: { maxAttempts: 3, baseDelayMs: 0 },
        }).cinderShowVolume({ volume_id: "v1" }),
    },
    {
      provider: "alibaba v3",
      secrets: [ALI_SECRET, ALI_STS],
      call: (fetch: (r: Request) => Promise<Response>, logger: Logger) =>
        createEcsClient({
          endpoint: "https://ecs.test",
          regionId: "cn-beijing",
          credentials: { accessKeyId: "LTAIvisible", accessKeySecret: ALI_SECRET, securityToken: ALI_STS },
          fetch,
          logger,
          retry: { maxAttempts: 3, baseDelayMs: 0 },
        }).describeDisks(),
    },
    {
      provider: "alibaba v1",
      secrets: [ALI_SECRET, ALI_STS],
      call: (fetch: (r: Request) => Promise<Response>, logger: Logger) =>
        createEcsClient({
          endpoint: "https://ecs.test",
          regionId: "cn-beijing",
          signatureVersion: "v1",
          credentials: { accessKeyId: "LTAIvisible", accessKeySecret: ALI_SECRET, securityToken: ALI_STS },
          fetch,
          logger,
          retry: { maxAttempts: 3, baseDelayMs: 0 },
        }).describeDisks(),
    },
    {
      provider: "ucloudstack",
      secrets: [UCS_PRIVATE],
      call: (fetch: (r: Request) => Promise<Response>, logger: Logger) =>
        createUCloudStackClient({
          endpoint: "https://ucs.test/api",
          region: "cn",
          credentials: { publicKey: "ucs-public-visible", privateKey: UCS_PRIVATE },
          fetch,
          logger,
          retry: { maxAttempts: 3, baseDelayMs: 0 },
        }).describeSnapshot({}),
    },
  ];

  for (const { provider, secrets, call } of cases) {
    it(provider, async () => {
      const thrown: Error[] = [];
      const sentSignatures: string[] = [];
      const { lines, logger } = recordingLogger();
      const fetch = quotingFetch(thrown);
      const error = await call(async (request) => {
        const fromHeader = /Signature=([0-9a-f]{64})/.exec(request.headers.get("authorization") ?? "")?.[1];
        const fromQuery = new URL(request.url).searchParams.get("Signature");
        const fromBody =
          request.method === "POST"
            ? (
                (await request
                  .clone()
                  .json()
                  .catch(() => ({}))) as { Signature?: string }
              ).Signature
            : undefined;
        for (const signature of [fromHeader, fromQuery, fromBody]) if (signature) sentSignatures.push(signature);
        return fetch(request);
      }, logger).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(NetworkError);
      expect(thrown).toHaveLength(3); // retried: the warnings below were really written
      expect(lines.filter((line) => line.startsWith("warn "))).toHaveLength(2);
      expect(sentSignatures.length).toBe(provider === "huawei token" ? 0 : 3);
      // The caller's own error did quote a secret (else this test would prove nothing), and is neither kept nor changed.
      const original = thrown[2]!;
      const cause = (error as Error).cause as Error & { cause: Error & { code?: string } };
      expect(cause).not.toBe(original);
      expect(quotesAny(inspect(original), [...secrets, ...sentSignatures])).toBe(true);
      // The stand-in keeps what helps diagnosis.
      expect(cause.name).toBe("TypeError");
      expect(cause.message).toContain("fetch failed");
      expect(cause.cause.code).toBe("ECONNRESET");

      expect(quotesAny(printable(error, lines), [...secrets, ...sentSignatures])).toBe(false);
    });
  }
});
