/**
 * The Emulator section's client process. argv[2] is a JSON job:
 *   { mode: "calls", provider, config, control, entry, calls, warmup, rounds, concurrency: [1, 16] }
 *   { mode: "calls", inProcess: true, emulatorEntry, ... }   the emulator in this process (no `config`/`control`)
 *   { mode: "memory", provider, config, control, entry, snapshots, checkpoints: [10000, 20000, ...] }
 *
 * calls: our client's show/describe of one resource (lib/emulator-calls.ts), checked once,
 * warmed up, then `rounds` blocks of `calls` calls per concurrency level: that many calls
 * in flight at once over Node's global fetch (keep-alive), so a level of 1 is latency-bound
 * and a higher one measures what the emulator serves. Per block: calls per second (wall),
 * this process's CPU µs per call, and, when the emulator is another process, its CPU µs per
 * call (read from emulator-host.ts's control port before and after the block).
 *
 * memory: one lane per volume/disk of the default fixture, each creating a snapshot and
 * deleting it (instant timing: the create has settled by the delete, the delete by the next
 * request), until `snapshots` were created and deleted; at 0 and at every checkpoint the
 * emulator's memory after a full GC (and its state counts) is read from the control port.
 */
import { pathToFileURL } from "node:url";
import type { EmulatorSample } from "../emulator-host.ts";
import { ALIBABA, HUAWEI, type Provider, UCLOUDSTACK } from "../lib/clients.ts";
import { emulatorCalls } from "../lib/emulator-calls.ts";
import { writeResult } from "../lib/result.ts";

interface Job {
  mode: "calls" | "memory";
  provider: Provider;
  entry: string;
  config?: Record<string, unknown>;
  control?: string;
  inProcess?: boolean;
  emulatorEntry?: string;
  calls: number;
  warmup: number;
  rounds: number;
  concurrency: number[];
  snapshots: number;
  checkpoints: number[];
}

export interface EmulatorCallBlock {
  callsPerSecond: number;
  clientCpuUs: number;
  /** The emulator process's CPU per call (absent in-process: it is in `clientCpuUs`). */
  serverCpuUs?: number;
}

export interface EmulatorCallsResult {
  check: string;
  levels: Array<{ concurrency: number; blocks: EmulatorCallBlock[] }>;
}

export interface EmulatorMemoryResult {
  samples: Array<{ count: number; sample: EmulatorSample }>;
  seconds: number;
  snapshotsPerSecond: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const CREDENTIALS = {
  huawei: HUAWEI.credentials,
  alibaba: ALIBABA.credentials,
  ucloudstack: UCLOUDSTACK.credentials,
};

let config = job.config;
let close: (() => Promise<void>) | undefined;
if (job.inProcess) {
  const { startEmulator } = (await import(pathToFileURL(job.emulatorEntry!).href)) as typeof import("../../src/emulator/index.ts");
  const emu = await startEmulator({
    provider: job.provider,
    timing: "instant",
    credentials: CREDENTIALS[job.provider],
  } as Parameters<typeof startEmulator>[0]);
  const { credentials: _known, ...rest } = emu.clientConfig as unknown as Record<string, unknown>;
  config = rest;
  close = () => emu.close();
}
const calls = await emulatorCalls(job.provider, config!, job.entry);

async function sample(gc: boolean): Promise<EmulatorSample | undefined> {
  if (!job.control) return undefined;
  const response = await fetch(`${job.control}/sample${gc ? "?gc=1" : ""}`);
  return (await response.json()) as EmulatorSample;
}

/** `total` calls of `fn`, `concurrency` in flight at a time. */
async function inFlight(total: number, concurrency: number, fn: () => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      next++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
}

if (job.mode === "calls") {
  const found = await calls.show();
  if (found !== calls.shownId) throw new Error(`${job.provider}: show returned ${found}, expected ${calls.shownId}`);
  const levels: EmulatorCallsResult["levels"] = job.concurrency.map((concurrency) => ({ concurrency, blocks: [] }));
  for (const level of levels) await inFlight(job.warmup, level.concurrency, calls.show);
  for (let round = 0; round < job.rounds; round++) {
    // Levels alternate in order from round to round, so drift hits each alike.
    const order = round % 2 === 0 ? levels : [...levels].reverse();
    for (const level of order) {
      const server0 = await sample(false);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await inFlight(job.calls, level.concurrency, calls.show);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const server1 = await sample(false);
      level.blocks.push({
        callsPerSecond: job.calls / seconds,
        clientCpuUs: (cpu.user + cpu.system) / job.calls,
        ...(server0 && server1 ? { serverCpuUs: (server1.cpuUs - server0.cpuUs) / job.calls } : {}),
      });
    }
  }
  writeResult({ check: "ok", levels } satisfies EmulatorCallsResult);
} else {
  const samples: EmulatorMemoryResult["samples"] = [{ count: 0, sample: (await sample(true))! }];
  let created = 0;
  const t0 = performance.now();
  for (const checkpoint of job.checkpoints) {
    await Promise.all(
      calls.lanes.map(async (lane) => {
        while (created < checkpoint) {
          created++;
          const id = await lane.create();
          if (typeof id !== "string" || id === "") throw new Error(`${job.provider}: create answered no snapshot id`);
          await lane.remove(id);
        }
      }),
    );
    const at = (await sample(true))!;
    // Everything created was deleted: only the fixture's own snapshot(s) remain.
    if (at.state && at.state.snapshots > samples[0]!.sample.state!.snapshots)
      throw new Error(`${job.provider}: ${at.state.snapshots} snapshots left at ${created}`);
    samples.push({ count: created, sample: at });
  }
  const seconds = (performance.now() - t0) / 1000;
  writeResult({ samples, seconds, snapshotsPerSecond: created / seconds } satisfies EmulatorMemoryResult);
}
await close?.();
