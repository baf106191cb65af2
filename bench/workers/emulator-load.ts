/**
 * The Emulator section's load generator: a lean client process that measures how many simple
 * calls per second the emulator (bench/emulator-host.ts, its own process) serves, wall clock.
 * argv[2] is a JSON job:
 *   { provider, entry, config, control, concurrency: [16, 64], warmupMs, blockMs, blocks }
 *
 * The call is our client's show/describe of one fixture resource (lib/emulator-calls.ts), made
 * once through the client to record its exact signed request; after that the client is out of
 * the loop: `node:http` with a keep-alive Agent (one socket per call in flight) sends that
 * request, `concurrency` at a time, each lane sending its next request when its answer is in.
 *   Huawei       the recorded request replayed: SDK-HMAC-SHA256 signs host, X-Sdk-Date, method,
 *                path and body, with no nonce, and the gateway accepts the date for 15 minutes
 *                (src/emulator/huawei/verify.ts), so one signature serves a whole run.
 *   UCloudStack  the recorded body replayed: its SHA-1 signature covers the parameters only,
 *                with no timestamp or nonce (src/emulator/ucloudstack/verify.ts).
 *   Alibaba      re-signed per request (a reused x-acs-signature-nonce is refused with
 *                SignatureNonceUsed): a bench-only ACS3-HMAC-SHA256 signer written from the
 *                public V3 document (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature),
 *                with a fresh nonce (a random UUID: Node draws them from a cached pool, no system call each) and x-acs-date per request, the headers
 *                the client signed, over the same method, query and empty body.
 * Every answer is checked: status 200, the body parsed as JSON and the expected id in its
 * documented field (lib/emulator-calls.ts, SHOWN). A failed answer (or a socket error) is
 * counted, never as a served call.
 *
 * Per level: a warm-up of `warmupMs`, then `blocks` blocks of `blockMs` while the lanes keep
 * running; per block: served calls per second (wall), failures, this process's CPU µs per call,
 * and the emulator's CPU µs per call (its control port, read at both ends of the block).
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { Agent, type IncomingMessage, request } from "node:http";
import type { EmulatorSample } from "../emulator-host.ts";
import { ALIBABA, type Provider } from "../lib/clients.ts";
import { captureShow, SHOWN, type WireRequest } from "../lib/emulator-calls.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  provider: Provider;
  entry: string;
  config: Record<string, unknown>;
  control: string;
  concurrency: number[];
  warmupMs: number;
  blockMs: number;
  blocks: number;
}

export interface EmulatorLoadBlock {
  /** Served calls (status 200 and the expected id) per second, wall clock. */
  callsPerSecond: number;
  served: number;
  failures: number;
  /** This process's CPU (user + system) per answered call. */
  generatorCpuUs: number;
  /** The emulator process's CPU per answered call. */
  serverCpuUs: number;
}

export interface EmulatorLoadResult {
  /** How requests were signed: "replayed" (one signature) or "per request". */
  signing: "replayed" | "per request";
  /** The first failed answer, if any (status and up to 300 characters of its body; the bench's credentials are not secret). */
  firstFailure?: string;
  levels: Array<{ concurrency: number; blocks: EmulatorLoadBlock[] }>;
}

const job = JSON.parse(process.argv[2]!) as Job;
const wire = await captureShow(job.provider, job.config, job.entry);
const url = new URL(wire.url);
const path = `${url.pathname}${url.search}`;
const shown = SHOWN[job.provider];

/** RFC 3986 encoding as both Alibaba documents define it (unreserved characters stay, the rest %XX upper case). */
const percent = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** The headers of the next request: fixed (replayed), or freshly signed (Alibaba). */
function headerSource(wire: WireRequest): { signing: EmulatorLoadResult["signing"]; next: () => Record<string, string>; path: string } {
  const fixed: Record<string, string> = { ...wire.headers, host: url.host };
  if (wire.body.length > 0) fixed["content-length"] = String(wire.body.length);
  if (job.provider !== "alibaba") return { signing: "replayed", next: () => fixed, path };
  // ACS3-HMAC-SHA256: the same signed header names as the client's, in its sorted order.
  const signedNames = /SignedHeaders=([^,\s]+)/.exec(wire.headers.authorization ?? "")?.[1]?.split(";");
  if (!signedNames) throw new Error("alibaba: the recorded request has no ACS3 Authorization header");
  const payloadHash = createHash("sha256").update(wire.body).digest("hex");
  const base: Record<string, string> = { ...fixed, "x-acs-content-sha256": payloadHash };
  delete base.authorization;
  // The canonical query: parameters sorted by name, names and values RFC 3986-encoded; sent as is.
  const query = [...url.searchParams]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percent(name)}=${percent(value)}`)
    .join("&");
  const canonicalPath = `${url.pathname}${query ? `?${query}` : ""}`;
  const secret = ALIBABA.credentials.accessKeySecret;
  const credential = `ACS3-HMAC-SHA256 Credential=${ALIBABA.credentials.accessKeyId},SignedHeaders=${signedNames.join(";")},Signature=`;
  let second = -1;
  let date = "";
  return {
    signing: "per request",
    path: canonicalPath,
    next: () => {
      const now = Math.floor(Date.now() / 1000);
      if (now !== second) {
        second = now;
        date = `${new Date(now * 1000).toISOString().slice(0, 19)}Z`;
      }
      const headers: Record<string, string> = { ...base, "x-acs-date": date, "x-acs-signature-nonce": randomUUID() };
      let canonicalHeaders = "";
      for (const name of signedNames) canonicalHeaders += `${name}:${(headers[name] ?? "").trim()}\n`;
      const canonical = `${wire.method}\n${url.pathname}\n${query}\n${canonicalHeaders}\n${signedNames.join(";")}\n${payloadHash}`;
      const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
      headers.authorization = credential + createHmac("sha256", secret).update(stringToSign).digest("hex");
      return headers;
    },
  };
}

const source = headerSource(wire);
let firstFailure: string | undefined;

/** One call: true when it was served (status 200, the expected id). */
function call(agent: Agent): Promise<boolean> {
  return new Promise((resolve) => {
    const fail = (why: string) => {
      firstFailure ??= why;
      resolve(false);
    };
    const outgoing = request(
      { agent, host: url.hostname, port: url.port, method: wire.method, path: source.path, headers: source.next() },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => fail(`response error: ${error.message}`));
        response.on("end", () => {
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
          let found: unknown;
          try {
            found = shown.found(JSON.parse(text));
          } catch {
            found = undefined;
          }
          if (response.statusCode === 200 && found === shown.id) resolve(true);
          else fail(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
        });
      },
    );
    outgoing.on("error", (error) => fail(`request error: ${error.message}`));
    outgoing.end(wire.body.length > 0 ? wire.body : undefined);
  });
}

function sample(): Promise<EmulatorSample> {
  return new Promise((resolve, reject) => {
    request(`${job.control}/sample`, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as EmulatorSample));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const levels: EmulatorLoadResult["levels"] = [];
for (const concurrency of job.concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let served = 0;
  let failures = 0;
  let running = true;
  const lane = async () => {
    while (running) {
      if (await call(agent)) served++;
      else failures++;
    }
  };
  const lanes = Array.from({ length: concurrency }, lane);
  await sleep(job.warmupMs);
  const blocks: EmulatorLoadBlock[] = [];
  for (let block = 0; block < job.blocks; block++) {
    const server0 = await sample();
    const served0 = served;
    const failures0 = failures;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(job.blockMs);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const blockServed = served - served0;
    const blockFailures = failures - failures0;
    const server1 = await sample();
    const answered = Math.max(1, blockServed + blockFailures);
    blocks.push({
      callsPerSecond: blockServed / seconds,
      served: blockServed,
      failures: blockFailures,
      generatorCpuUs: (cpu.user + cpu.system) / answered,
      serverCpuUs: (server1.cpuUs - server0.cpuUs) / answered,
    });
  }
  running = false;
  await Promise.all(lanes);
  agent.destroy();
  levels.push({ concurrency, blocks });
}

writeResult({ signing: source.signing, ...(firstFailure ? { firstFailure } : {}), levels } satisfies EmulatorLoadResult);
