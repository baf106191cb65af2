/**
 * One per-call measurement process. argv[2] is a JSON job:
 *   { provider, op, kinds: ["baseline","ours","reference","peer"], calls, warmup, rounds, ports, entry, benchDir }
 * Every kind is checked once (a list returns its page, an error call throws), warmed
 * up, then measured in `rounds` blocks of `calls` sequential calls; the kinds' blocks
 * alternate (A B C D, D C B A, ...) so drift hits all alike, and with --expose-gc each
 * block starts on a collected heap. Each block records
 * wall µs per call (performance.now) and client CPU µs per call (process.cpuUsage:
 * user + system of this process; the server is another process). The result goes to
 * `job.resultFile` (stdout is left to the SDKs: Huawei's logs every error there).
 */
import { callsFor, LIST_PAGE, type Kind, type Op, type Ports, type Provider } from "../lib/clients.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  provider: Provider;
  op: Op;
  kinds: Kind[];
  calls: number;
  warmup: number;
  rounds: number;
  ports: Ports;
  entry: string;
  benchDir: string;
}

const job = JSON.parse(process.argv[2]!) as Job;

/** The first array found in a result (the page's items), to check a list really returned its page. */
function firstArray(value: unknown, depth = 0): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!value || typeof value !== "object" || depth > 3) return undefined;
  for (const item of Object.values(value)) {
    const found = firstArray(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}

async function check(kind: Kind, fn: () => Promise<unknown>): Promise<string> {
  if (job.op === "error") {
    try {
      await fn();
    } catch (error) {
      return (error as Error).constructor.name;
    }
    throw new Error(`${job.provider} ${kind} error call did not throw`);
  }
  const result = await fn();
  if (job.op === "list") {
    const items = firstArray(result);
    if (items?.length !== LIST_PAGE) throw new Error(`${job.provider} ${kind} list returned ${items?.length} items, expected ${LIST_PAGE}`);
  }
  return "ok";
}

function runner(fn: () => Promise<unknown>): (n: number) => Promise<void> {
  if (job.op !== "error")
    return async (n) => {
      for (let i = 0; i < n; i++) await fn();
    };
  return async (n) => {
    for (let i = 0; i < n; i++) {
      try {
        await fn();
      } catch {
        continue;
      }
      throw new Error("the error call succeeded");
    }
  };
}

const runners = new Map<Kind, (n: number) => Promise<void>>();
const checks: Record<string, string> = {};
for (const kind of job.kinds) {
  const calls = await callsFor(kind, job.provider, job.ports, job.entry, job.benchDir);
  const fn = calls[job.op];
  checks[kind] = await check(kind, fn);
  runners.set(kind, runner(fn));
}

// Warm-up, interleaved.
for (const kind of job.kinds) await runners.get(kind)!(job.warmup);

const collect = (globalThis as { gc?: () => void }).gc;
const blocks: Record<string, Array<{ wallUs: number; cpuUs: number }>> = Object.fromEntries(job.kinds.map((kind) => [kind, []]));
for (let round = 0; round < job.rounds; round++) {
  const order = round % 2 === 0 ? job.kinds : [...job.kinds].reverse();
  for (const kind of order) {
    const run = runners.get(kind)!;
    // With --expose-gc (run.ts passes it), each block starts on a collected heap: no block pays for the
    // garbage another kind left (the SDKs allocate several times what ours does per call).
    collect?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run(job.calls);
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    blocks[kind]!.push({ wallUs: ((t1 - t0) * 1000) / job.calls, cpuUs: (cpu.user + cpu.system) / job.calls });
  }
}

writeResult({ provider: job.provider, op: job.op, checks, blocks });
