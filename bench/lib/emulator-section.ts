import { loadavg } from "node:os";
import { join } from "node:path";
import type { EmulatorSample } from "../emulator-host.ts";
import type { EmulatorCallsResult, EmulatorMemoryResult } from "../workers/emulator.ts";
import type { EmulatorLoadResult } from "../workers/emulator-load.ts";
import { ALIBABA, HUAWEI, type Provider, UCLOUDSTACK } from "./clients.ts";
import { runWorker, startLineChild } from "./processes.ts";
import { fmt, mb, summarize, type Summary } from "./stats.ts";

export interface EmulatorCounts {
  calls: number;
  warmup: number;
  rounds: number;
  /** Calls in flight at once; the last level is the target row's. */
  concurrency: number[];
  snapshots: number;
  checkpoints: number[];
  /** The load generator (workers/emulator-load.ts): calls in flight per level, warm-up and block length, blocks. */
  load: { concurrency: number[]; warmupMs: number; blockMs: number; blocks: number };
}

export const EMULATOR_COUNTS: Record<"smoke" | "full", EmulatorCounts> = {
  smoke: {
    calls: 60,
    warmup: 20,
    rounds: 1,
    concurrency: [1, 4],
    snapshots: 200,
    checkpoints: [100, 200],
    load: { concurrency: [2, 4], warmupMs: 100, blockMs: 200, blocks: 2 },
  },
  full: {
    calls: 5_000,
    warmup: 1_000,
    rounds: 3,
    concurrency: [1, 16],
    snapshots: 100_000,
    checkpoints: Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000),
    load: { concurrency: [16, 64], warmupMs: 2_000, blockMs: 2_000, blocks: 3 },
  },
};

export interface EmulatorLevel {
  concurrency: number;
  callsPerSecond: Summary;
  clientCpuUs: Summary;
  serverCpuUs?: Summary;
}

/** One level of the load generator: served calls per second (wall), failures, CPU per call on each side. */
export interface EmulatorLoadLevel {
  concurrency: number;
  callsPerSecond: Summary;
  failures: number;
  served: number;
  generatorCpuUs: Summary;
  serverCpuUs: Summary;
}

export interface EmulatorLoadRow {
  provider: Provider;
  signing: EmulatorLoadResult["signing"];
  firstFailure?: string;
  /** The machine's 1-minute load average before and after the run: other work on the 2 cores lowers the wall rate. */
  loadAverage: [number, number];
  levels: EmulatorLoadLevel[];
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
  /** The wall rate the target is judged on: the lean load generator against the emulator in its own process. */
  load: EmulatorLoadRow[];
  memory: EmulatorMemoryRow[];
}

/**
 * Targets. Calls: show/describe calls the emulator serves per second, wall clock, with the lean
 * load generator (workers/emulator-load.ts) in another process: the best median of its levels
 * (16 and 64 in flight), with no failed answer. The client-driven figures (our client as the load,
 * bound by the client's own CPU on this 2-core machine) are shown as informative rows. Memory:
 * heap used after GC, first → last checkpoint.
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

/**
 * emulator-host.ts in its own process (with --expose-gc, so samples can collect first); it exits when its stdin closes.
 * `extra`: the host's optional job fields (§7: a generated fixture, faults, exchange counting).
 */
export async function startHost(
  node: string,
  benchDir: string,
  provider: Provider,
  emulatorEntry: string,
  extra: { volumes?: number; faults?: { ratePerSecond?: number }; countExchanges?: boolean } = {},
): Promise<Host> {
  const job = { provider, emulatorEntry, credentials: CREDENTIALS[provider], ...extra };
  const { first, stop } = await startLineChild<{ config: Record<string, unknown>; control: string }>(
    node,
    ["--expose-gc", join(benchDir, "emulator-host.ts"), JSON.stringify(job)],
    "the emulator host",
  );
  return { ...first, stop };
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
  const results: EmulatorResults = { counts, calls: [], load: [], memory: [] };
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
  const loadWorker = join(benchDir, "workers", "emulator-load.ts");
  for (const provider of options.providers) {
    const { concurrency, warmupMs, blockMs, blocks } = counts.load;
    log(
      `emulator ${provider}: load generator (node:http, keep-alive), ${blocks} × ${blockMs / 1000} s at ${concurrency.join(" and ")} in flight after ${warmupMs / 1000} s warm-up`,
    );
    const host = await startHost(node, benchDir, provider, emulatorEntry);
    const loadBefore = loadavg()[0]!;
    let run: EmulatorLoadResult;
    try {
      run = runWorker<EmulatorLoadResult>(node, loadWorker, {
        ...counts.load,
        provider,
        entry,
        config: host.config,
        control: host.control,
      });
    } finally {
      await host.stop();
    }
    results.load.push({
      provider,
      signing: run.signing,
      loadAverage: [loadBefore, loadavg()[0]!],
      ...(run.firstFailure ? { firstFailure: run.firstFailure } : {}),
      levels: run.levels.map(({ concurrency, blocks }) => ({
        concurrency,
        callsPerSecond: summarize(blocks.map((block) => block.callsPerSecond)),
        served: blocks.reduce((sum, block) => sum + block.served, 0),
        failures: blocks.reduce((sum, block) => sum + block.failures, 0),
        generatorCpuUs: summarize(blocks.map((block) => block.generatorCpuUs)),
        serverCpuUs: summarize(blocks.map((block) => block.serverCpuUs)),
      })),
    });
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

/** The level with the highest median served rate. */
function bestLevel(row: EmulatorLoadRow): EmulatorLoadLevel {
  return row.levels.reduce((best, level) => (level.callsPerSecond.median > best.callsPerSecond.median ? level : best));
}

const NAME: Record<Provider, string> = { huawei: "Huawei", alibaba: "Alibaba", ucloudstack: "UCloudStack" };
const count = (n: number) => n.toLocaleString("en-US");
const signedMb = (bytes: number) => `${bytes >= 0 ? "+" : ""}${mb(bytes, 2)}`;

export function emulatorTargets(
  results: EmulatorResults | undefined,
  full: boolean,
): Array<{ figure: string; target: string; measured: string; met: boolean | undefined; informative?: boolean }> {
  if (!results) return [];
  const rows: Array<{ figure: string; target: string; measured: string; met: boolean | undefined; informative?: boolean }> = [];
  for (const row of results.load) {
    const best = bestLevel(row);
    const failures = row.levels.reduce((sum, level) => sum + level.failures, 0);
    rows.push({
      figure: `emulator, ${NAME[row.provider]}: show/describe calls served per second, wall clock, by the emulator in its own process to a lean load generator in another (node:http keep-alive, every answer checked; the best of ${row.levels.map((level) => level.concurrency).join(" and ")} in flight) (§6)`,
      target: `≥ ${count(EMULATOR_TARGETS.callsPerSecond)}`,
      measured: `${count(Math.round(best.callsPerSecond.median))} at ${best.concurrency} in flight (${row.levels.map((level) => `${level.concurrency}: ${count(Math.round(level.callsPerSecond.median))}`).join(", ")}; ${failures} failed; emulator ${best.serverCpuUs.median.toFixed(0)} µs CPU per call)`,
      met: full ? failures === 0 && best.callsPerSecond.median >= EMULATOR_TARGETS.callsPerSecond : undefined,
    });
  }
  for (const row of results.calls) {
    const top = row.separate.at(-1)!;
    const capacity = top.serverCpuUs ? 1_000_000 / top.serverCpuUs.median : undefined;
    rows.push({
      figure: `emulator, ${NAME[row.provider]}: show/describe calls per second with our client as the load, ${top.concurrency} in flight, client in another process (bound by the client's CPU; informative) (§6)`,
      target: "–",
      measured: `wall ${count(Math.round(top.callsPerSecond.median))}/s (client ${top.clientCpuUs.median.toFixed(0)} µs, emulator ${top.serverCpuUs?.median.toFixed(0) ?? "?"} µs CPU per call; emulator capacity ${capacity === undefined ? "–" : count(Math.round(capacity))} calls per CPU-second)`,
      met: undefined,
      informative: true,
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
  const l = c.load;
  push(
    `\`cloud-disk-openapi/emulator\` (from \`src/emulator/index.ts\`), instant timing, the documented default fixture, in its own process (bench/emulator-host.ts); its CPU is that process's user + system CPU, read from its control port. The call: the show/describe of one fixture resource (Huawei \`ShowSnapshot\`, Alibaba \`DescribeDisks\` with one id, UCloudStack \`DescribeSnapshot\` with one id), signed, every signature verified by the emulator.`,
    "",
    `**Served calls per second** (the target): a lean load generator (bench/workers/emulator-load.ts) in another process records our client's signed request once, then sends it with \`node:http\` and a keep-alive Agent, ${l.concurrency.join(" or ")} in flight, for ${l.blocks} block${l.blocks === 1 ? "" : "s"} of ${l.blockMs / 1000} s after a ${l.warmupMs / 1000} s warm-up. Huawei's request is replayed as signed (SDK-HMAC-SHA256 has no nonce and its X-Sdk-Date stays valid for 15 minutes), UCloudStack's too (its signature covers the parameters only: no timestamp, no nonce); Alibaba refuses a reused nonce, so the generator signs each Alibaba request itself (ACS3-HMAC-SHA256 with \`node:crypto\`, a fresh nonce and date each time; its cost is in the generator's CPU). Every answer is checked (status 200, the body parsed, the expected id in its documented field); a failed one is counted and is not a served call. The target is judged on the best median of the levels, with no failure. The two processes need about one core each, so any other work on the machine lowers the wall rate directly: the load average before and after each provider's run is shown with it.`,
    "",
    "| provider | in flight | served calls/s (wall) | failed | generator CPU µs/call | emulator CPU µs/call | signing | load average, 1 min, before → after |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of results.load)
    for (const level of row.levels)
      push(
        `| ${NAME[row.provider]} | ${level.concurrency} | ${fmt(level.callsPerSecond, 0)} | ${level.failures} of ${count(level.served + level.failures)} | ${fmt(level.generatorCpuUs, 0)} | ${fmt(level.serverCpuUs, 0)} | ${row.signing} | ${row.loadAverage.map((value) => value.toFixed(2)).join(" → ")} |`,
      );
  for (const row of results.load) if (row.firstFailure) push("", `${NAME[row.provider]}, first failed answer: \`${row.firstFailure}\``);
  push(
    "",
    `**With our client as the load** (informative): ${c.rounds} block${c.rounds === 1 ? "" : "s"} of ${count(c.calls)} calls per level through our client over Node's global fetch (keep-alive) after ${count(c.warmup)} warm-up calls, with 1 call in flight (latency-bound) and ${c.concurrency.at(-1)} in flight. *Own process*: the emulator in its own process and the client in a worker, so they do not share an event loop (2 cores: one each). *In-process*: the emulator inside the client's process, as a user's test runs it; CPU is the whole process's.`,
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
    "With our client as the load, the wall rate on this 2-core machine is bound by the client, whose CPU per call (signing with WebCrypto, sending with undici) is larger than the emulator's: two cores give at most 2,000,000 ÷ (client + emulator µs) calls per second, whatever the emulator does. That is why the target is judged with the lean generator. The in-process figures are what a user's test sees with the emulator and the client on one event loop.",
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
