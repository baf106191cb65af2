/**
 * Writes test/fixtures/signer-agreement-<scheme>.json: ~400 random requests per signing
 * scheme (seeded, so a rerun writes the same files), each signed by the official SDK's
 * own signer at a fixed time and nonce. test/signer-agreement.test.ts then checks that
 * our public signers produce exactly those signatures. Run by hand after
 * `npm install --prefix bench` (the test only reads the fixtures):
 *
 *   node_modules/.bin/node bench/tools/signer-agreement.ts [--ucloud-sdk <dir>]
 *
 * Signers used (nothing of ours is loaded here):
 * - Huawei SDK-HMAC-SHA256: `AKSKSigner.sign` of @huaweicloud/huaweicloud-sdk-core.
 * - Alibaba ACS3-HMAC-SHA256: `getAuthorization` of @alicloud/openapi-util (what
 *   @alicloud/openapi-client calls for V3 requests).
 * - Alibaba RPC HMAC-SHA1: `getRPCSignature` of @alicloud/openapi-util (what
 *   @alicloud/openapi-client calls for V1 requests).
 * - UCloudStack: `Credential.verifyAc` over `Request.toObject()` of ucloud/ucloud-sdk-js,
 *   which is not on the npm registry: `--ucloud-sdk` names a checkout of that repository
 *   at tag 0.2.4 (its committed `lib/`); without it the UCloudStack fixture is left as it is.
 *
 * Where the SDKs of one provider disagree, the choice is written into the fixture's
 * `rules` and the SDK input below follows it (see each generator).
 */
import { createHash } from "node:crypto";
import { writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const benchDir = decodeURIComponent(new URL("../", import.meta.url).pathname);
const fixtures = join(benchDir, "..", "test", "fixtures");
const require = createRequire(join(benchDir, "package.json"));
const COUNT = 400;

/** mulberry32: small, seeded, good enough to pick test inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pick {
  int(min: number, max: number): number;
  one<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  text(alphabet: readonly string[], min: number, max: number): string;
}

function picker(seed: number): Pick {
  const next = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const one = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return {
    int,
    one,
    chance: (p) => next() < p,
    text: (alphabet, min, max) => Array.from({ length: int(min, max) }, () => one(alphabet)).join(""),
  };
}

const LETTERS = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
/** Characters a query name or value may hold: reserved, space, plus, percent, non-ASCII (BMP and astral). */
const QUERY_CHARS = [
  ...LETTERS,
  ...LETTERS,
  "-",
  ".",
  "_",
  "~",
  " ",
  "+",
  "%",
  "&",
  "=",
  "/",
  "?",
  "#",
  "!",
  "'",
  "(",
  ")",
  "*",
  "`",
  ",",
  ";",
  ":",
  "@",
  "$",
  "é",
  "中",
  "ß",
  "😀",
  "Ω",
];
/** Names chosen to sort differently raw and percent-encoded (`a\`` vs `aZ`), repeated, non-ASCII, with spaces and `+`. */
const QUERY_NAMES = ["a", "aZ", "a`", "a b", "a+b", "A", "_x", "~y", "limit", "marker", "名", "é", "a.b", "a-b", "Z"];
/** Path characters: unreserved, sub-delims, `:`/`@`, non-ASCII, and `/` inside a value (sent as `%2F`). */
const PATH_CHARS = [...LETTERS, "-", ".", "_", "~", "!", "$", "&", "(", ")", "*", "+", ",", ";", "=", ":", "@", "/", "é", "中", "😀"];

function jsonNumber(pick: Pick): number {
  return pick.one([
    1e-7,
    1.5e-7,
    1e21,
    2.5e21,
    -0,
    0.1 + 0.2,
    2 ** 53 + 2,
    123,
    -5.5,
    1.5e300,
    5e-324,
    0,
    1e-6,
    999999999999999900000,
    3.14,
  ]);
}

function jsonValue(pick: Pick, depth = 0): unknown {
  const kind = pick.int(0, depth > 1 ? 2 : 4);
  if (kind === 0) return jsonNumber(pick);
  if (kind === 1) return pick.text(QUERY_CHARS, 0, 8);
  if (kind === 2) return pick.chance(0.5);
  if (kind === 3) return Array.from({ length: pick.int(0, 3) }, () => jsonValue(pick, depth + 1));
  return Object.fromEntries(Array.from({ length: pick.int(1, 3) }, () => [pick.text(LETTERS, 1, 6), jsonValue(pick, depth + 1)]));
}

/** A path segment; never `.` or `..`, which a WHATWG URL (and so a `Request`) resolves away. */
function segment(pick: Pick, chars: readonly string[]): string {
  for (;;) {
    const text = pick.text(chars, 1, 8);
    if (text !== "." && text !== "..") return text;
  }
}

function queryPairs(pick: Pick, names: readonly string[], repeat: boolean): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = pick.int(0, 6); i > 0; i--) {
    const name = repeat && pairs.length > 0 && pick.chance(0.3) ? pick.one(pairs)[0] : pick.one(names);
    if (!repeat && pairs.some(([n]) => n === name)) continue;
    pairs.push([name, pick.chance(0.1) ? "" : pick.text(QUERY_CHARS, 1, 8)]);
  }
  return pairs;
}

/** What a caller's code writes: `URLSearchParams`, so a space goes on the wire as `+`. */
const formQuery = (pairs: ReadonlyArray<readonly [string, string]>) => new URLSearchParams(pairs as Array<[string, string]>).toString();
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const version = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;

function write(scheme: string, data: object): void {
  // One case a line: reviewable in a diff, and a third of the indented size.
  const { cases, ...head } = data as { cases: unknown[] };
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  writeFileSync(
    join(fixtures, `signer-agreement-${scheme}.json`),
    `${top},\n  "cases": [\n${cases.map((c) => `    ${JSON.stringify(c)}`).join(",\n")}\n  ]\n}\n`,
  );
  console.log(`wrote test/fixtures/signer-agreement-${scheme}.json`);
}

function huawei(): void {
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");
  const pick = picker(0x4857);
  const cases = [];
  for (let id = 0; id < COUNT; id++) {
    const ak = `AK${pick.text(LETTERS, 8, 16)}`.toUpperCase();
    const sk = `SK${pick.text(LETTERS, 20, 30)}`;
    const method = pick.one(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]);
    const host = pick.one(["evs.cn-north-4.myhuaweicloud.com", "evs.ap-southeast-1.myhuaweicloud.com:8443", "127.0.0.1:9000"]);
    // The SDK builds its path from the raw parameter values (HcClient.buildRequest
    // substitutes them unencoded), so its input is the decoded path; the wire has each
    // segment percent-encoded as openapi-fetch (encodeURIComponent) writes it.
    const values = Array.from({ length: pick.int(1, 4) }, () => segment(pick, PATH_CHARS));
    const rawPath = `/v2/${values.join("/")}`;
    const wirePath = `/v2/${values.map(encodeURIComponent).join("/")}`;
    const pairs = queryPairs(pick, QUERY_NAMES, true);
    const headers: Record<string, string> = {};
    for (let i = pick.int(0, 3); i > 0; i--)
      headers[pick.one(["X-Project-Id", "x-custom", "X-Request-Tag", "x-a1", "x_under_score", "X-Mixed_Case", "x-b-2"])] = pick.text(
        LETTERS,
        1,
        12,
      );
    const token = pick.chance(0.25) ? `TOKEN${pick.text(LETTERS, 10, 20)}` : undefined;
    const hasBody = ["POST", "PUT", "PATCH"].includes(method) && pick.chance(0.85);
    // Always an object: the SDK hashes an empty body for a falsy `data` (false, 0, "").
    const data = hasBody ? { [pick.one(["snapshot", "volume", "metadata"])]: jsonValue(pick, 1), n: jsonNumber(pick) } : undefined;
    const body = data === undefined ? "" : JSON.stringify(data);
    if (hasBody) headers["Content-Type"] = "application/json";
    const sdkDate = `2026${String(pick.int(1, 12)).padStart(2, "0")}${String(pick.int(10, 28))}T${String(pick.int(10, 23))}${String(pick.int(10, 59))}${String(pick.int(10, 59))}Z`;

    // Header names with `_` stay out of the SDK's input: huaweicloud-sdk-go-v3 leaves them
    // unsigned (core/auth/signer/signer.go extractSignedHeaders) and proxies such as nginx
    // drop them (underscores_in_headers off), so they never reach the gateway.
    const sdkHeaders: Record<string, string> = { "X-Sdk-Date": sdkDate };
    for (const [name, value] of Object.entries(headers)) if (!name.includes("_")) sdkHeaders[name] = value;
    if (token) sdkHeaders["X-Security-Token"] = token;
    const queryParams: Record<string, string | string[]> = {};
    for (const [name, value] of pairs) {
      const had = queryParams[name];
      queryParams[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
    const credential = new BasicCredentials().withAk(ak).withSk(sk);
    const signed = AKSKSigner.sign(
      { endpoint: `https://${host}${rawPath}`, method, headers: sdkHeaders, queryParams, data },
      credential,
    ) as Record<string, string>;
    const query = formQuery(pairs);
    cases.push({
      id,
      accessKeyId: ak,
      secretAccessKey: sk,
      ...(token ? { securityToken: token } : {}),
      method,
      url: `https://${host}${wirePath}${query ? `?${query}` : ""}`,
      headers,
      body,
      sdkDate,
      expected: { authorization: signed.Authorization },
    });
  }
  write("huawei", {
    scheme: "SDK-HMAC-SHA256",
    sdk: {
      name: "@huaweicloud/huaweicloud-sdk-core",
      version: version("@huaweicloud/huaweicloud-sdk-core"),
      signer: "auth/AKSKSigner.sign",
    },
    generator: "bench/tools/signer-agreement.ts",
    rules: [
      "Query: the wire query is form-encoded (URLSearchParams, space as +); the SDK gets the raw names and values, repeated names as arrays (it sorts names and values raw).",
      "Path: the SDK gets the decoded path (HcClient substitutes raw path parameter values); the wire path has each value percent-encoded, / inside a value as %2F.",
      "Headers whose name contains _ are not given to the SDK: huaweicloud-sdk-go-v3 core/auth/signer/signer.go (extractSignedHeaders) leaves them unsigned; the Node and Python SDKs sign them.",
      "Path characters exclude the ones Node's url.parse escapes by itself (' { } | \\ ^ ` < > \" space), which the Node SDK would then encode twice.",
    ],
    cases,
  });
}

function alibabaV3(): void {
  const Util = require("@alicloud/openapi-util").default;
  const pick = picker(0xac53);
  const cases = [];
  for (let id = 0; id < COUNT; id++) {
    const accessKeyId = `LTAI${pick.text(LETTERS, 12, 20)}`;
    const accessKeySecret = pick.text(LETTERS, 24, 30);
    const method = pick.one(["GET", "POST", "PUT", "DELETE"]);
    const host = pick.one(["ecs.cn-hangzhou.aliyuncs.com", "ecs.aliyuncs.com", "127.0.0.1:8080"]);
    // RPC APIs sign "/"; ROA paths are built by the SDK with getEncodePath.
    const pathname = pick.chance(0.5)
      ? "/"
      : Util.getEncodePath(
          `/${Array.from({ length: pick.int(1, 3) }, () =>
            segment(
              pick,
              PATH_CHARS.filter((c) => c !== "/"),
            ),
          ).join("/")}`,
        );
    // Names that need no encoding: the SDK writes names unencoded (getAuthorizationQueryString),
    // the signature doc encodes them; both agree on these.
    const pairs = queryPairs(pick, ["RegionId", "DiskIds.1", "a", "aZ", "A", "a.b", "a-b", "_x", "~y", "Z", "PageSize"], false);
    const body =
      ["POST", "PUT"].includes(method) && pick.chance(0.6)
        ? pick.one([formQuery(queryPairs(pick, ["DiskId", "Note", "a b"], false)), JSON.stringify(jsonValue(pick, 1))])
        : "";
    const headers: Record<string, string> = {
      "x-acs-action": pick.one(["DescribeDisks", "CreateSnapshot", "ResetDisk"]),
      "x-acs-version": "2014-05-26",
    };
    if (body)
      headers["content-type"] = body.startsWith("{") || body.startsWith("[") ? "application/json" : "application/x-www-form-urlencoded";
    for (let i = pick.int(0, 3); i > 0; i--)
      headers[pick.one(["x-acs-extra", "x-acs-a_b", "X-Acs-Upper", "user-agent", "x-other", "x_other"])] = pick.text(
        QUERY_CHARS.filter((c) => c.charCodeAt(0) < 128 && c !== " "),
        1,
        10,
      );
    const token = pick.chance(0.25) ? `STS.${pick.text(LETTERS, 20, 30)}` : undefined;
    const date = `2026-${String(pick.int(1, 12)).padStart(2, "0")}-${pick.int(10, 28)}T${pick.int(10, 23)}:${pick.int(10, 59)}:${pick.int(10, 59)}Z`;
    const nonce = pick.text([..."0123456789abcdef"], 32, 32);
    const payloadHash = sha256Hex(body);
    const sdkHeaders: Record<string, string> = {
      host,
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      "x-acs-date": date,
      "x-acs-signature-nonce": nonce,
      "x-acs-content-sha256": payloadHash,
    };
    if (token) Object.assign(sdkHeaders, { "x-acs-security-token": token, "x-acs-accesskey-id": accessKeyId });
    const authorization = Util.getAuthorization(
      { pathname, method, query: Object.fromEntries(pairs), headers: sdkHeaders },
      "ACS3-HMAC-SHA256",
      payloadHash,
      accessKeyId,
      accessKeySecret,
    );
    const query = formQuery(pairs);
    cases.push({
      id,
      accessKeyId,
      accessKeySecret,
      ...(token ? { securityToken: token } : {}),
      method,
      url: `https://${host}${pathname}${query ? `?${query}` : ""}`,
      headers,
      body,
      date,
      nonce,
      expected: { authorization },
    });
  }
  write("alibaba-v3", {
    scheme: "ACS3-HMAC-SHA256",
    sdk: {
      name: "@alicloud/openapi-util",
      version: version("@alicloud/openapi-util"),
      signer: "getAuthorization",
      usedBy: `@alicloud/openapi-client ${version("@alicloud/openapi-client")}`,
    },
    generator: "bench/tools/signer-agreement.ts",
    rules: [
      "Query: the wire query is form-encoded (URLSearchParams, space as +); the SDK gets the raw names and values (one value per name: its query is an object).",
      "Query names are ones that need no percent-encoding: the SDK leaves names unencoded, the V3 signature doc encodes them (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature); we follow the doc.",
    ],
    cases,
  });
}

function alibabaV1(): void {
  const Util = require("@alicloud/openapi-util").default;
  const pick = picker(0xac51);
  const cases = [];
  for (let id = 0; id < COUNT; id++) {
    const accessKeyId = `LTAI${pick.text(LETTERS, 12, 20)}`;
    const accessKeySecret = pick.text(LETTERS, 24, 30);
    const method = pick.one(["GET", "POST"]);
    const query: Array<[string, string]> = [
      ["Action", pick.one(["DescribeDisks", "ResetDisk", "CreateSnapshot"])],
      ["Version", "2014-05-26"],
      ...queryPairs(pick, QUERY_NAMES, false),
    ];
    const form =
      method === "POST" && pick.chance(0.5)
        ? queryPairs(pick, ["DiskId", "Note", "n b", "n+b", "é", "z`", "zZ"], false).filter(([n]) => !query.some(([q]) => q === n))
        : [];
    const token = pick.chance(0.25) ? `STS.${pick.text(LETTERS, 20, 30)}` : undefined;
    const timestamp = `2026-${String(pick.int(1, 12)).padStart(2, "0")}-${pick.int(10, 28)}T${pick.int(10, 23)}:${pick.int(10, 59)}:${pick.int(10, 59)}Z`;
    const nonce = pick.text([..."0123456789abcdef"], 32, 32);
    const signed: Record<string, string> = {
      ...Object.fromEntries(query),
      ...Object.fromEntries(form),
      Format: "JSON",
      AccessKeyId: accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: nonce,
      Timestamp: timestamp,
    };
    if (token) signed.SecurityToken = token;
    const signature = Util.getRPCSignature(signed, method, accessKeySecret);
    cases.push({
      id,
      accessKeyId,
      accessKeySecret,
      ...(token ? { securityToken: token } : {}),
      method,
      url: `https://ecs.aliyuncs.com/?${formQuery(query)}`,
      form: form.length ? formQuery(form) : undefined,
      timestamp,
      nonce,
      expected: { signature },
    });
  }
  write("alibaba-v1", {
    scheme: "HMAC-SHA1 (RPC, SignatureVersion 1.0)",
    sdk: {
      name: "@alicloud/openapi-util",
      version: version("@alicloud/openapi-util"),
      signer: "getRPCSignature",
      usedBy: `@alicloud/openapi-client ${version("@alicloud/openapi-client")}`,
    },
    generator: "bench/tools/signer-agreement.ts",
    rules: [
      "Query and form body: on the wire form-encoded (URLSearchParams, space as +); the SDK gets the raw names and values (one value per name), common parameters included.",
    ],
    cases,
  });
}

function ucloudStack(sdkDir: string): void {
  const Credential = require(join(sdkDir, "lib/core/credential/index.js")).default;
  const SdkRequest = require(join(sdkDir, "lib/core/request/index.js")).default;
  const sdkVersion = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as { name: string; version: string };
  const pick = picker(0x5c5);
  const cases = [];
  for (let id = 0; id < COUNT; id++) {
    const publicKey = `pub${pick.text(LETTERS, 10, 20)}==`;
    const privateKey = pick.text(LETTERS, 30, 40);
    const params: Record<string, unknown> = {
      Action: pick.one(["DescribeSnapshot", "CreateSnapshot", "RollbackSnapshot"]),
      Region: "cn",
      Zone: pick.one(["zone-01", "cn-bj2-04"]),
    };
    for (let i = pick.int(0, 6); i > 0; i--)
      params[
        pick.one([
          "Limit",
          "Offset",
          "Size",
          "Ratio",
          "Name",
          "SnapshotIDs",
          "Tags",
          "Force",
          "Note",
          "CPU",
          "ChargeType",
          "a`",
          "aZ",
          "Skip",
        ])
      ] = pick.chance(0.1) ? null : jsonValue(pick);
    const signature = new Credential({ publicKey, privateKey }).verifyAc(new SdkRequest(params).toObject());
    cases.push({
      id,
      publicKey,
      privateKey,
      params,
      expected: { signature, body: JSON.stringify(new Credential({ publicKey, privateKey }).sign(new SdkRequest(params).toObject())) },
    });
  }
  write("ucloudstack", {
    scheme: "UCloud/UCloudStack SHA-1 over sorted key+value",
    sdk: {
      name: sdkVersion.name,
      version: sdkVersion.version,
      signer: "lib/core/credential Credential.verifyAc over lib/core/request Request.toObject",
      source: "https://github.com/ucloud/ucloud-sdk-js/tree/0.2.4 (not on the npm registry)",
    },
    generator: "bench/tools/signer-agreement.ts",
    rules: [
      "The SDK signs value.toString() of each flattened value and sends JSON.stringify of the same object: the two texts of a finite number are the same, so the signature covers what is sent.",
    ],
    cases,
  });
}

const sdkAt = process.argv.indexOf("--ucloud-sdk");
huawei();
alibabaV3();
alibabaV1();
if (sdkAt > 0 && process.argv[sdkAt + 1]) ucloudStack(process.argv[sdkAt + 1]!);
else console.log("UCloudStack fixture left as it is (pass --ucloud-sdk <checkout of ucloud/ucloud-sdk-js at 0.2.4>)");
