/**
 * The Emulator section (issue 13, "Performance"): for each provider, how many simple calls
 * per second the emulator serves, and whether its memory stays flat across 100,000
 * snapshots created and deleted. The emulator runs in its own process (emulator-host.ts),
 * the client in a worker process (workers/emulator.ts), so they do not share an event loop;
 * the same calls with the emulator inside the client's process are reported next to them.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { EmulatorSample } from "../emulator-host.ts";
import type { EmulatorCallsResult, EmulatorMemoryResult } from "../workers/emulator.ts";
import { ALIBABA, HUAWEI, type Provider, UCLOUDSTACK } from "./clients.ts";
import { childEnv, runWorker } from "./processes.ts";
import { fmt, mb, summarize, type Summary } from "./stats.ts";

export interface EmulatorCounts {
  calls: number;
  warmup: number;
  rounds: number;
  /** Calls in flight at once; the last level is the target row's. */
  concurrency: number[];
  snapshots: number;
  checkpoints: number[];
}

export const EMULATOR_COUNTS: Record<"smoke" | "full", EmulatorCounts> = {
  smoke: { calls: 60, warmup: 20, rounds: 1, concurrency: [1, 4], snapshots: 200, checkpoints: [100, 200] },
  full: {
    calls: 5_000,
    warmup: 1_000,
    rounds: 3,
    concurrency: [1, 16],
    snapshots: 100_000,
    checkpoints: Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000),
  },
};

export interface EmulatorLevel {
  concurrency: number;
  callsPerSecond: Summary;
  clientCpuUs: Summary;
  serverCpuUs?: Summary;
}

export interface EmulatorMemoryRow {
  provider: Provider;
  snapshots: number;
  /** At 0 and each checkpoint, after a full GC in the emulator's process. */
  samples: Array<{ count: number; rss: number; heapUsed: number; oldSpace: number; external: number; snapshots: number; jobs: number }>;
  /** The first checkpoint (10,000) and the last (100,000). */
  first: number;
  last: number;
  heapGrowth: number;
  rssGrowth: number;
  /** Least-squares slope of heap used after GC over the checkpoints, bytes per 1,000 snapshots. */
  heapSlopePer1000: number;
  snapshotsPerSecond: number;
}

export interface EmulatorResults {
  counts: EmulatorCounts;
  calls: Array<{ provider: Provider; separate: EmulatorLevel[]; inProcess: EmulatorLevel[] }>;
  memory: EmulatorMemoryRow[];
}

/**
 * Targets. Calls: what the emulator serves per second of its own CPU (1,000,000 ÷ its CPU µs per
 * call, at the highest concurrency, in its own process). On this 2-core machine the wall rate of
 * one client process is bound by the client (our client spends more CPU per call, signing with
 * WebCrypto and sending with undici, than the emulator does answering), so the wall figure is
 * reported next to it, not judged. Memory: heap used after GC, first → last checkpoint.
 */
export const EMULATOR_TARGETS = { callsPerSecond: 5_000, heapGrowth: 1024 * 1024 };

const CREDENTIALS: Record<Provider, Record<string, string>> = {
  huawei: HUAWEI.credentials,
  alibaba: ALIBABA.credentials,
  ucloudstack: UCLOUDSTACK.credentials,
};

interface Host {
  config: Record<string, unknown>;
  control: string;
  stop(): Promise<void>;
}

/** emulator-host.ts in its own process (with --expose-gc, so samples can collect first); it exits when its stdin closes. */
async function startHost(node: string, benchDir: string, provider: Provider, emulatorEntry: string): Promise<Host> {
  const job = { provider, emulatorEntry, credentials: CREDENTIALS[provider] };
  const child = spawn(node, ["--expose-gc", join(benchDir, "emulator-host.ts"), JSON.stringify(job)], {
    stdio: ["pipe", "pipe", "inherit"],
    env: childEnv(),
  });
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<{ config: Record<string, unknown>; control: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the emulator host did not start within 15 s")), 15_000);
    child.once("exit", (code) => reject(new Error(`the emulator host exited early (code ${code})`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  return {
    ...started,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin!.end();
      }),
  };
}

function levels(result: EmulatorCallsResult): EmulatorLevel[] {
  return result.levels.map(({ concurrency, blocks }) => {
    const server = blocks.flatMap((block) => (block.serverCpuUs === undefined ? [] : [block.serverCpuUs]));
    return {
      concurrency,
      callsPerSecond: summarize(blocks.map((block) => block.callsPerSecond)),
      clientCpuUs: summarize(blocks.map((block) => block.clientCpuUs)),
      ...(server.length ? { serverCpuUs: summarize(server) } : {}),
    };
  });
}

function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

export async function measureEmulator(options: {
  node: string;
  benchDir: string;
  /** The client entry template (`{provider}`), as the other sections use. */
  entry: string;
  /** The emulator's entry (`src/emulator/index.ts` until the package exports it). */
  emulatorEntry: string;
  providers: Provider[];
  counts: EmulatorCounts;
  log: (message: string) => void;
}): Promise<EmulatorResults> {
  const { node, benchDir, entry, emulatorEntry, counts, log } = options;
  const worker = join(benchDir, "workers", "emulator.ts");
  const results: EmulatorResults = { counts, calls: [], memory: [] };
  const base = { entry, calls: counts.calls, warmup: counts.warmup, rounds: counts.rounds, concurrency: counts.concurrency };
  for (const provider of options.providers) {
    log(
      `emulator ${provider}: show/describe calls, emulator in its own process (${counts.rounds} × ${counts.calls} calls at ${counts.concurrency.join(" and ")} in flight)`,
    );
    const host = await startHost(node, benchDir, provider, emulatorEntry);
    let separate: EmulatorLevel[];
    try {
      separate = levels(
        runWorker<EmulatorCallsResult>(node, worker, { ...base, mode: "calls", provider, config: host.config, control: host.control }),
      );
    } finally {
      await host.stop();
    }
    log(`emulator ${provider}: the same calls, emulator in the client's process`);
    const inProcess = levels(
      runWorker<EmulatorCallsResult>(node, worker, { ...base, mode: "calls", provider, inProcess: true, emulatorEntry }),
    );
    results.calls.push({ provider, separate, inProcess });
  }
  for (const provider of options.providers) {
    log(`emulator ${provider}: memory across ${counts.snapshots.toLocaleString("en-US")} snapshots created and deleted`);
    const host = await startHost(node, benchDir, provider, emulatorEntry);
    let run: EmulatorMemoryResult;
    try {
      run = runWorker<EmulatorMemoryResult>(node, worker, {
        mode: "memory",
        provider,
        entry,
        config: host.config,
        control: host.control,
        snapshots: counts.snapshots,
        checkpoints: counts.checkpoints,
      });
    } finally {
      await host.stop();
    }
    const samples = run.samples.map(({ count, sample }: { count: number; sample: EmulatorSample }) => ({
      count,
      rss: sample.rss,
      heapUsed: sample.heapUsed,
      oldSpace: sample.oldSpace,
      external: sample.external,
      snapshots: sample.state?.snapshots ?? -1,
      jobs: sample.state?.jobs ?? -1,
    }));
    const first = counts.checkpoints[0]!;
    const last = counts.checkpoints.at(-1)!;
    const at = (count: number) => samples.find((s) => s.count === count)!;
    results.memory.push({
      provider,
      snapshots: last,
      samples,
      first,
      last,
      heapGrowth: at(last).heapUsed - at(first).heapUsed,
      rssGrowth: at(last).rss - at(first).rss,
      heapSlopePer1000: slope(samples.filter((s) => s.count >= first).map((s) => [s.count / 1000, s.heapUsed])),
      snapshotsPerSecond: run.snapshotsPerSecond,
    });
  }
  return results;
}

const NAME: Record<Provider, string> = { huawei: "Huawei", alibaba: "Alibaba", ucloudstack: "UCloudStack" };
const count = (n: number) => n.toLocaleString("en-US");
const signedMb = (bytes: number) => `${bytes >= 0 ? "+" : ""}${mb(bytes, 2)}`;

export function emulatorTargets(
  results: EmulatorResults | undefined,
  full: boolean,
): Array<{ figure: string; target: string; measured: string; met: boolean | undefined }> {
  if (!results) return [];
  const rows = [];
  for (const row of results.calls) {
    const top = row.separate.at(-1)!;
    const capacity = top.serverCpuUs ? 1_000_000 / top.serverCpuUs.median : undefined;
    rows.push({
      figure: `emulator, ${NAME[row.provider]}: show/describe calls served per second of the emulator's CPU (1,000,000 ÷ its CPU µs per call), ${top.concurrency} in flight, client in another process (§6)`,
      target: `≥ ${count(EMULATOR_TARGETS.callsPerSecond)}`,
      measured: `${capacity === undefined ? "–" : count(Math.round(capacity))} (${top.serverCpuUs?.median.toFixed(0) ?? "?"} µs per call; wall ${count(Math.round(top.callsPerSecond.median))}/s with the client on the other core)`,
      met: full && capacity !== undefined ? capacity >= EMULATOR_TARGETS.callsPerSecond : undefined,
    });
  }
  for (const row of results.memory) {
    rows.push({
      figure: `emulator, ${NAME[row.provider]}: heap used after a full GC, ${count(row.first)} → ${count(row.last)} snapshots created and deleted (§6)`,
      target: `flat: ≤ +${mb(EMULATOR_TARGETS.heapGrowth, 0)} (under 11 bytes per snapshot)`,
      measured: `${signedMb(row.heapGrowth)} (slope ${(row.heapSlopePer1000 / 1024).toFixed(1)} kB per 1,000; RSS ${signedMb(row.rssGrowth)})`,
      met: full ? row.heapGrowth <= EMULATOR_TARGETS.heapGrowth : undefined,
    });
  }
  return rows;
}

export function renderEmulator(results: EmulatorResults | undefined, push: (...lines: string[]) => void): void {
  push("## 6. Emulator", "");
  if (!results) {
    push("Not measured in this run.", "");
    return;
  }
  const c = results.counts;
  push(
    `\`cloud-disk-openapi/emulator\` (from \`src/emulator/index.ts\`), instant timing, the documented default fixture. **Calls**: our client's show/describe of one fixture resource (Huawei \`ShowSnapshot\`, Alibaba \`DescribeDisks\` with one id, UCloudStack \`DescribeSnapshot\` with one id), signed, every signature verified by the emulator, over Node's global fetch (keep-alive); ${c.rounds} block${c.rounds === 1 ? "" : "s"} of ${count(c.calls)} calls per level after ${count(c.warmup)} warm-up calls, with 1 call in flight (latency-bound) and ${c.concurrency.at(-1)} in flight (what the emulator serves). *Own process*: the emulator in its own process (bench/emulator-host.ts) and the client in a worker, so they do not share an event loop (2 cores: one each); emulator CPU is that process's user + system CPU per call. *In-process*: the emulator inside the client's process, as a user's test runs it; CPU is the whole process's.`,
    "",
    "| provider | in flight | own process: calls/s (wall) | client CPU µs/call | emulator CPU µs/call | emulator capacity, calls per CPU-second | in-process: calls/s | CPU µs/call |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of results.calls) {
    row.separate.forEach((level, index) => {
      const same = row.inProcess[index];
      push(
        `| ${NAME[row.provider]} | ${level.concurrency} | ${fmt(level.callsPerSecond, 0)} | ${fmt(level.clientCpuUs, 0)} | ${level.serverCpuUs ? fmt(level.serverCpuUs, 0) : "–"} | ${level.serverCpuUs ? count(Math.round(1_000_000 / level.serverCpuUs.median)) : "–"} | ${same ? fmt(same.callsPerSecond, 0) : "–"} | ${same ? fmt(same.clientCpuUs, 0) : "–"} |`,
      );
    });
  }
  push(
    "",
    "The target row is the emulator's capacity: calls answered per second of its own CPU. The wall rate of one client process on this 2-core machine is bound by the client, whose CPU per call (signing with WebCrypto, sending with undici) is larger than the emulator's: client and emulator together need their two CPU figures per call, so two cores give at most 2,000,000 ÷ (client + emulator µs) calls per second, whatever the emulator does. The in-process figures are what a user's test sees with the emulator and the client on one event loop.",
    "",
    `**Memory**: one lane per volume/disk of the default fixture, each creating a snapshot and deleting it (instant timing: the create has settled when the delete arrives), ${count(results.memory[0]?.snapshots ?? 0)} snapshots in all; at 0 and at every checkpoint the emulator's process runs \`emu.state()\` and two full GCs, then reads its memory. *Flat* is judged on heap used after GC from the first checkpoint to the last: at most +${mb(EMULATOR_TARGETS.heapGrowth, 0)}, i.e. under 11 bytes retained per snapshot (a retained record of any kind is larger); the slope is the least-squares fit over the checkpoints. RSS is shown for information (it includes pages the allocator keeps).`,
    "",
    "| provider | snapshots/s | heap after GC at first → last | growth | slope per 1,000 | RSS at first → last | snapshots / jobs left |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of results.memory) {
    const first = row.samples.find((s) => s.count === row.first)!;
    const last = row.samples.find((s) => s.count === row.last)!;
    push(
      `| ${NAME[row.provider]} | ${count(Math.round(row.snapshotsPerSecond))} | ${mb(first.heapUsed, 2)} → ${mb(last.heapUsed, 2)} | ${signedMb(row.heapGrowth)} | ${(row.heapSlopePer1000 / 1024).toFixed(2)} kB | ${mb(first.rss)} → ${mb(last.rss)} | ${last.snapshots} / ${last.jobs} |`,
    );
  }
  push("");
  for (const row of results.memory)
    push(
      `${NAME[row.provider]}, heap used after GC by snapshots created and deleted: ${row.samples.map((s) => `${count(s.count)}: ${mb(s.heapUsed, 2)}`).join(", ")}.`,
      "",
    );
}
