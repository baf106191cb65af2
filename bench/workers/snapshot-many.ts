/**
 * The Snapshot batches section's (§7) client process (run with --expose-gc). argv[2] is a JSON job:
 *   { provider, entry, config, control, volumes, ratePerSecond, concurrency }
 *
 * Our client (the provider entry §6 uses) and `createSnapshotManager` (the snapshots entry beside it)
 * against the emulator in its own process (emulator-host.ts, a generated fixture of `volumes`
 * detached volumes/disks, throttling at its own rate), then one
 * `snapshotMany(all volumes, { ratePerSecond, concurrency })`, each snapshot waited for until ready
 * (the default `waitFor`). The client's `fetch` is wrapped to count every request actually sent
 * (every attempt, the client's own retries included), the time of the first and the last, and the
 * provider's throttling answers it got back (Huawei HTTP 429; Alibaba a `Throttling*` code; UCloudStack
 * RetCode 165: the body is read from a clone only where one can carry it). Heap used after a full GC
 * is read before the batch (client built, volume ids in memory) and after it, with every result still
 * held. The results are checked after that: one per input, in input order, the snapshot's volume the
 * input's, ready, every snapshot id distinct.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { EmulatorSample } from "../emulator-host.ts";
import { batchVolumeIds } from "../lib/batch-volumes.ts";
import { ALIBABA, HUAWEI, type Provider, UCLOUDSTACK } from "../lib/clients.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  provider: Provider;
  entry: string;
  config: Record<string, unknown>;
  control: string;
  volumes: number;
  ratePerSecond: number;
  concurrency: number;
}

export interface MemoryReading {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
}

export interface SnapshotManyRun {
  volumes: number;
  ratePerSecond: number;
  concurrency: number;
  /** Requests the client's fetch sent (every attempt). */
  requests: number;
  /** From the first request sent to the last, ms. */
  requestSpanMs: number;
  /** requests ÷ that span. */
  requestsPerSecond: number;
  /** The whole `snapshotMany` call, ms. */
  batchMs: number;
  /** Throttling answers the client's fetch got back. */
  throttledSeen: number;
  /** The last `onProgress` event's `throttled`: throttling answers the batch absorbed. */
  throttledAbsorbed: number;
  progressEvents: number;
  results: number;
  fulfilled: number;
  rejected: number;
  /** Rejections by error name, and the first one's message. */
  rejections: Record<string, number>;
  firstRejection?: string;
  /** Results in input order whose snapshot is of the input's volume and ready to use. */
  matching: number;
  uniqueSnapshotIds: number;
  /** This process's CPU during the batch, µs per request. */
  clientCpuUsPerRequest: number;
  /** This process's CPU during the batch ÷ the batch's wall time: near 1, the client was bound by its own CPU (one thread). */
  clientCpuShare: number;
  /**
   * The event loop's utilization during the batch (`performance.eventLoopUtilization`): the share of the wall
   * time the loop was not waiting for I/O or a timer. Near 1, the client itself was the bottleneck (its CPU, or
   * the CPU it did not get from a busy machine); well below 1, it was waiting: for a token (the rate limit) or
   * for the emulator's answers.
   */
  eventLoopUtilization: number;
  /** The emulator's process CPU during the batch, µs per request. */
  emulatorCpuUsPerRequest: number;
  memory: { before: MemoryReading; after: MemoryReading };
  /** The emulator after the batch (after a full GC there): its state counts and the answers it counted. */
  emulatorAfter: EmulatorSample;
}

const job = JSON.parse(process.argv[2]!) as Job;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const load = (name: string) => import(pathToFileURL(job.entry.replace("{provider}", name)).href) as Promise<Record<string, any>>;
const [providerEntry, snapshotsEntry] = await Promise.all([load(job.provider), load("snapshots")]);

let requests = 0;
let firstAt = 0;
let lastAt = 0;
let throttledSeen = 0;
const throttlingBody = async (response: Response): Promise<boolean> => {
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { Code?: unknown; RetCode?: unknown } | undefined;
  if (job.provider === "alibaba") return typeof body?.Code === "string" && body.Code.startsWith("Throttling");
  return body?.RetCode === 165;
};
const countingFetch = async (input: Request): Promise<Response> => {
  const at = performance.now();
  if (requests++ === 0) firstAt = at;
  lastAt = at;
  const response = await globalThis.fetch(input);
  if (job.provider === "huawei") {
    if (response.status === 429) throttledSeen++;
  } else if ((job.provider === "ucloudstack" || response.status !== 200) && (await throttlingBody(response))) throttledSeen++;
  return response;
};

const config = { ...job.config, fetch: countingFetch };
const client =
  job.provider === "huawei"
    ? providerEntry.createEvsClient({ ...config, credentials: HUAWEI.credentials })
    : job.provider === "alibaba"
      ? providerEntry.createEcsClient({ ...config, credentials: ALIBABA.credentials })
      : providerEntry.createUCloudStackClient({ ...config, credentials: UCLOUDSTACK.credentials });
const manager = snapshotsEntry.createSnapshotManager({ provider: job.provider, client });
const volumeIds = batchVolumeIds(job.provider, job.volumes);

async function sample(withGc: boolean): Promise<EmulatorSample> {
  const response = await fetch(`${job.control}/sample${withGc ? "?gc=1" : ""}`);
  return (await response.json()) as EmulatorSample;
}
function memory(): MemoryReading {
  gc!();
  gc!();
  const { heapUsed, heapTotal, rss, external } = process.memoryUsage();
  return { heapUsed, heapTotal, rss, external };
}

const server0 = await sample(false);
const before = memory();
let throttledAbsorbed = 0;
let progressEvents = 0;
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
const results = (await manager.snapshotMany(volumeIds, {
  ratePerSecond: job.ratePerSecond,
  concurrency: job.concurrency,
  onProgress: (event: { throttled: number }) => {
    progressEvents++;
    throttledAbsorbed = event.throttled;
  },
})) as Array<{
  volumeId: string;
  status: "fulfilled" | "rejected";
  snapshot?: { id: string; volumeId: string; readyToUse: boolean };
  error?: unknown;
}>;
const batchMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
const server1 = await sample(false);
// Heap after a full GC with every result still held (they are read below).
const after = memory();

const rejections: Record<string, number> = {};
let firstRejection: string | undefined;
let fulfilled = 0;
let matching = 0;
const ids = new Set<string>();
results.forEach((result, index) => {
  if (result.snapshot) ids.add(result.snapshot.id);
  if (result.status === "fulfilled") {
    fulfilled++;
    if (result.volumeId === volumeIds[index] && result.snapshot?.volumeId === volumeIds[index] && result.snapshot.readyToUse) matching++;
  } else {
    const error = result.error as { name?: string; message?: string } | undefined;
    const name = error?.name ?? typeof error;
    rejections[name] = (rejections[name] ?? 0) + 1;
    firstRejection ??= `${name}: ${error?.message ?? String(error)}`;
  }
});
const emulatorAfter = await sample(true);
const requestSpanMs = lastAt - firstAt;
writeResult({
  volumes: job.volumes,
  ratePerSecond: job.ratePerSecond,
  concurrency: job.concurrency,
  requests,
  requestSpanMs,
  requestsPerSecond: requestSpanMs > 0 ? (requests - 1) / (requestSpanMs / 1000) : 0,
  batchMs,
  throttledSeen,
  throttledAbsorbed,
  progressEvents,
  results: results.length,
  fulfilled,
  rejected: results.length - fulfilled,
  rejections,
  ...(firstRejection ? { firstRejection } : {}),
  matching,
  uniqueSnapshotIds: ids.size,
  clientCpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, requests),
  clientCpuShare: (cpu.user + cpu.system) / 1000 / batchMs,
  eventLoopUtilization: elu.utilization,
  emulatorCpuUsPerRequest: (server1.cpuUs - server0.cpuUs) / Math.max(1, requests),
  memory: { before, after },
  emulatorAfter,
} satisfies SnapshotManyRun);
