/**
 * Memory at scale: iterates `items` snapshots through the client's async page
 * iterator (`client.paginate`), or the raw baseline's hand-written loop, against the
 * paged mock, sampling RSS and heap every page-worth of items. argv[2] is a JSON job:
 *   { provider, kind, forceGc?, ports, entry, items, pageSize, checkpoints: [10000, 100000] }
 * Writes one JSON result (lib/result.ts): RSS/heap at each checkpoint, the peak RSS between the first
 * and the last, and the throughput. Without `forceGc` nothing is forced: what a
 * user's process would see.
 */
import { baselinePager, ourPager, type Ports, type Provider } from "../lib/clients.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  provider: Provider;
  /** `ours`: client.paginate; `baseline`: raw fetch + signer, cursor followed by hand. */
  kind: "ours" | "baseline";
  /** Run with --expose-gc and collect before each checkpoint: what is really retained. */
  forceGc?: boolean;
  ports: Ports;
  entry: string;
  items: number;
  pageSize: number;
  checkpoints: number[];
}

const job = JSON.parse(process.argv[2]!) as Job;
const pager = job.kind === "baseline" ? baselinePager(job.provider, job.ports, job.entry, job.pageSize) : await ourPager(job.provider, job.ports, job.entry, job.pageSize);
const gc = (globalThis as { gc?: () => void }).gc;
if (job.forceGc && !gc) throw new Error("forceGc needs --expose-gc");

const at: Record<number, { rss: number; heapUsed: number }> = {};
let peakRss = 0;
let count = 0;
let lastId = "";
const first = job.checkpoints[0]!;
const started = performance.now();
for await (const item of pager) {
  count++;
  // Touch each item as user code would.
  lastId = String((item as Record<string, unknown>).id ?? (item as Record<string, unknown>).SnapshotId ?? (item as Record<string, unknown>).SnapshotID);
  if (count % job.pageSize === 0 || job.checkpoints.includes(count)) {
    if (job.forceGc && job.checkpoints.includes(count)) gc!();
    const { rss, heapUsed } = process.memoryUsage();
    if (count >= first) peakRss = Math.max(peakRss, rss);
    if (job.checkpoints.includes(count)) at[count] = { rss, heapUsed };
  }
  if (count >= job.items) break;
}
const seconds = (performance.now() - started) / 1000;
if (count < job.items) throw new Error(`${job.provider}: the iterator stopped after ${count} items`);
writeResult({ provider: job.provider, count, lastId, at, peakRss, seconds, itemsPerSecond: count / seconds });
