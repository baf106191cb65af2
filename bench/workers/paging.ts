/**
 * Memory at scale: iterates `items` snapshots through the client's async page
 * iterator (`client.paginate`), or the raw baseline's hand-written loop, against the
 * paged mock. argv[2] is a JSON job:
 *   { provider, kind, forceGc?: "full" | "last-resort", ports, entry, items, pageSize, checkpoints: [10000, 100000, ...] }
 * Writes one JSON result (lib/result.ts): at each checkpoint RSS, `process.memoryUsage()`
 * (heapTotal, heapUsed, external, arrayBuffers) and the resident size of each V8 heap
 * space (`v8.getHeapSpaceStatistics()` physical_space_size: new space, old space, code,
 * large objects, the rest), so the report can say which part of RSS grew; the GCs V8
 * ran between the first and the last checkpoint; the peak RSS between them (sampled
 * every page); and the throughput. Without `forceGc` nothing is forced: what a user's
 * process would see. With it (`--expose-gc`), a GC runs before each checkpoint is read:
 * `full` is a plain `gc()` (heap used is then what is really retained; pages it freed
 * may still be committed), `last-resort` is V8's memory-reducing collection
 * (`gc({ flavor: "last-resort" })`: several full GCs, compaction, free pages and unused
 * new-space pages given back), so RSS is then the process's retained footprint.
 * Node flags (`--max-semi-space-size`, ...) and the environment (`MALLOC_ARENA_MAX`)
 * are the harness's choice: see the paging setups in run.ts.
 */
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { baselinePager, ourPager, type Ports, type Provider } from "../lib/clients.ts";
import type { PagingCheckpoint, PagingWorkerResult } from "../lib/report.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  provider: Provider;
  /** `ours`: client.paginate; `baseline`: raw fetch + signer, cursor followed by hand. */
  kind: "ours" | "baseline";
  /** Run with --expose-gc and collect before each checkpoint: what is really retained. */
  forceGc?: false | "full" | "last-resort";
  ports: Ports;
  entry: string;
  items: number;
  pageSize: number;
  checkpoints: number[];
}

const job = JSON.parse(process.argv[2]!) as Job;
const pager =
  job.kind === "baseline"
    ? baselinePager(job.provider, job.ports, job.entry, job.pageSize)
    : await ourPager(job.provider, job.ports, job.entry, job.pageSize);
const gc = (globalThis as { gc?: (options?: { type: "major"; execution: "sync"; flavor: "regular" | "last-resort" }) => void }).gc;
if (job.forceGc && !gc) throw new Error("forceGc needs --expose-gc");

const gcEvents: Array<{ start: number; kind: number }> = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    gcEvents.push({ start: entry.startTime, kind: (entry as { detail?: { kind?: number } }).detail?.kind ?? 0 });
});
observer.observe({ entryTypes: ["gc"] });

function checkpoint(): PagingCheckpoint {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const spaces = { new: 0, old: 0, code: 0, largeObject: 0, other: 0 };
  for (const space of getHeapSpaceStatistics()) {
    const key =
      space.space_name === "new_space"
        ? "new"
        : space.space_name === "old_space"
          ? "old"
          : space.space_name === "code_space"
            ? "code"
            : space.space_name === "large_object_space"
              ? "largeObject"
              : "other";
    spaces[key] += space.physical_space_size;
  }
  return { rss, heapTotal, heapUsed, external, arrayBuffers, spaces };
}

const at: Record<string, PagingCheckpoint> = {};
/** When the forced GCs ran: their entries are not counted as the loop's GCs. */
const forced: Array<[number, number]> = [];
/** performance.now() just after the first checkpoint was read and just before the last one's forced GC. */
let windowStart = Number.NaN;
let windowEnd = Number.NaN;
let peakRss = 0;
let count = 0;
let lastId = "";
const first = job.checkpoints[0]!;
const last = job.checkpoints[job.checkpoints.length - 1]!;
const started = performance.now();
for await (const item of pager) {
  count++;
  // Touch each item as user code would.
  lastId = String(
    (item as Record<string, unknown>).id ?? (item as Record<string, unknown>).SnapshotId ?? (item as Record<string, unknown>).SnapshotID,
  );
  if (job.checkpoints.includes(count)) {
    if (count === last) windowEnd = performance.now();
    if (job.forceGc) {
      const start = performance.now();
      gc!({ type: "major", execution: "sync", flavor: job.forceGc === "last-resort" ? "last-resort" : "regular" });
      forced.push([start, performance.now()]);
    }
    at[count] = checkpoint();
    if (count >= first) peakRss = Math.max(peakRss, at[count]!.rss);
    if (count === first) windowStart = performance.now();
  } else if (count % job.pageSize === 0 && count > first) {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  if (count >= job.items) break;
}
const seconds = (performance.now() - started) / 1000;
if (count < job.items) throw new Error(`${job.provider}: the iterator stopped after ${count} items`);

// GC entries are delivered asynchronously: let the observer catch up before counting.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
const inWindow = gcEvents.filter(
  (event) =>
    event.start >= windowStart && event.start < windowEnd && !forced.some(([from, to]) => event.start >= from && event.start <= to),
);
const gcs = {
  scavenges: inWindow.filter((event) => event.kind === constants.NODE_PERFORMANCE_GC_MINOR).length,
  markCompacts: inWindow.filter((event) => event.kind === constants.NODE_PERFORMANCE_GC_MAJOR).length,
};
writeResult({
  provider: job.provider,
  kind: job.kind,
  count,
  lastId,
  at,
  peakRss,
  gcs,
  seconds,
  itemsPerSecond: count / seconds,
} satisfies PagingWorkerResult);
