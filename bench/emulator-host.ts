/**
 * One emulator (`cloud-disk-openapi/emulator`, from the source entry unless the job names
 * another) in its own process, for the Emulator section of the bench. argv[2] is a JSON
 * job: { provider, emulatorEntry, credentials, volumes?, faults?, countExchanges? }. Instant timing,
 * the documented default fixture, the bench's credentials (lib/clients.ts), so no secret is ever printed.
 * The Snapshot batches section (§7) adds: `volumes` (a generated fixture of that many detached
 * volumes/disks instead of the default one, ids from lib/batch-volumes.ts, so every create is
 * allowed), `faults` (the emulator's own fault knobs, e.g. `{ ratePerSecond }`: it then answers the
 * provider's real throttling answer when the client goes faster), and `countExchanges` (every
 * answer counted through `onExchange`, by operation and throttled or not; off by default, as it
 * costs the emulator a little CPU per request).
 *
 * Prints one line, `{ "config": ..., "control": ... }` (`config`: `emu.clientConfig` without its
 * credentials: endpoint, project or region), then serves until its stdin closes.
 * `control` is a second, plain HTTP server on 127.0.0.1 the worker asks for samples:
 *   GET /sample          the process's CPU (user + system, µs since start) and memory
 *   GET /sample?gc=1     the same after a full GC, twice (needs --expose-gc), and the
 *                        emulator's state counts (`emu.state()`: transitions due are applied first)
 * It is not the emulator's port, so sampling is not counted as emulator traffic.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { getHeapSpaceStatistics } from "node:v8";
import { batchFixture } from "./lib/batch-volumes.ts";
import type { Provider } from "./lib/clients.ts";

interface Job {
  provider: Provider;
  emulatorEntry: string;
  credentials: Record<string, string>;
  volumes?: number;
  faults?: { ratePerSecond?: number };
  countExchanges?: boolean;
}

/** Answers counted by `onExchange` (`countExchanges`): all, the provider's throttling answers, and per operation. */
export interface ExchangeCounts {
  requests: number;
  throttled: number;
  byOperation: Record<string, number>;
}

const job = JSON.parse(process.argv[2]!) as Job;
const { startEmulator } = (await import(pathToFileURL(job.emulatorEntry).href)) as typeof import("../src/emulator/index.ts");
const exchanges: ExchangeCounts = { requests: 0, throttled: 0, byOperation: {} };
/** The provider's throttling answer, as the emulator gives it (src/emulator/<provider>/index.ts). */
const isThrottling = (status: number, body: unknown): boolean => {
  const answer = body as { Code?: unknown; RetCode?: unknown } | undefined;
  if (job.provider === "huawei") return status === 429;
  if (job.provider === "alibaba") return typeof answer?.Code === "string" && answer.Code.startsWith("Throttling");
  return answer?.RetCode === 165;
};
const emu = await startEmulator({
  provider: job.provider,
  timing: "instant",
  credentials: job.credentials,
  ...(job.volumes === undefined ? {} : { fixture: batchFixture(job.provider, job.volumes) }),
  ...(job.faults ? { faults: job.faults } : {}),
  ...(job.countExchanges
    ? {
        onExchange: (exchange: { operationId?: string | undefined; status: number; body: unknown }) => {
          exchanges.requests++;
          const operation = exchange.operationId ?? "(unrouted)";
          exchanges.byOperation[operation] = (exchanges.byOperation[operation] ?? 0) + 1;
          if (isThrottling(exchange.status, exchange.body)) exchanges.throttled++;
        },
      }
    : {}),
} as unknown as Parameters<typeof startEmulator>[0]);
const gc = (globalThis as { gc?: () => void }).gc;

export interface EmulatorSample {
  cpuUs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Resident size of V8's old space (where retained records end up). */
  oldSpace: number;
  gc: boolean;
  state?: {
    volumes: number;
    snapshots: number;
    instances: number;
    jobs: number;
    /** Distinct source volumes among the snapshots (a volume snapshotted twice counts once). */
    snapshotVolumes: number;
  };
  /** With `countExchanges`: the answers so far. */
  exchanges?: ExchangeCounts;
}

function sample(withGc: boolean): EmulatorSample {
  let state: EmulatorSample["state"];
  if (withGc) {
    const now = emu.state();
    state = {
      volumes: now.volumes.length,
      snapshots: now.snapshots.length,
      instances: now.instances.length,
      jobs: now.jobs.length,
      snapshotVolumes: new Set(now.snapshots.map((snapshot: { volumeId: string }) => snapshot.volumeId)).size,
    };
    gc?.();
    gc?.();
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const old = getHeapSpaceStatistics().find((space) => space.space_name === "old_space");
  return {
    cpuUs: cpu.user + cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    oldSpace: old?.physical_space_size ?? 0,
    gc: withGc && gc !== undefined,
    ...(state ? { state } : {}),
    ...(job.countExchanges ? { exchanges: { ...exchanges, byOperation: { ...exchanges.byOperation } } } : {}),
  };
}

const control = createServer((request, response) => {
  const withGc = new URL(request.url ?? "/", "http://control").searchParams.get("gc") === "1";
  const text = JSON.stringify(sample(withGc));
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
const { credentials: _known, ...config } = emu.clientConfig as unknown as Record<string, unknown>;
process.stdout.write(`${JSON.stringify({ config, control: controlUrl })}\n`);

process.stdin.resume();
process.stdin.on("end", () => {
  control.close();
  control.closeAllConnections();
  void emu.close().then(() => process.exit(0));
});
