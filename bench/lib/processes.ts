/** Child processes of the harness: the server, the workers, and timed one-shot runs. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Ports } from "./clients.ts";

/** Environment for every child: the caller's, minus anything that would change how Node starts. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_V8_COVERAGE;
  return env;
}

export interface BenchServer {
  ports: Ports;
  stop(): Promise<void>;
}

/**
 * A helper process that prints one JSON line once it is ready and serves until its stdin closes (the
 * benchmark server, an emulator host): resolves with that line and a `stop` that closes stdin (SIGKILL
 * after 5 s). `what` names it in the errors.
 */
export async function startLineChild<First>(node: string, args: string[], what: string): Promise<{ first: First; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(node, args, { stdio: ["pipe", "pipe", "inherit"], env: childEnv() });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<First>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 15 s`)), 15_000);
    child.once("exit", (code) => reject(new Error(`${what} exited early (code ${code})`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as First);
    });
  });
  return {
    first,
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

/** Starts bench/server.ts in its own process; it exits when its stdin closes. */
export async function startServer(node: string, script: string): Promise<BenchServer> {
  const { first: ports, stop } = await startLineChild<Ports>(node, [script], "the benchmark server");
  return { ports, stop };
}

/**
 * Runs a worker script with one JSON job (plus `resultFile`) and returns the JSON it
 * wrote there. The worker's stdout is discarded: SDKs may log to it.
 */
export function runWorker<T>(node: string, script: string, job: Record<string, unknown>, extraArgs: string[] = []): T {
  const dir = mkdtempSync(join(tmpdir(), "cdo-bench-worker-"));
  const resultFile = join(dir, "result.json");
  try {
    const result = spawnSync(node, [...extraArgs, script, JSON.stringify({ ...job, resultFile })], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
      env: childEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    return JSON.parse(readFileSync(resultFile, "utf8")) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whole-process wall time of `node ...args`, in ms; throws if it fails. */
export function timeProcess(node: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(node, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: childEnv() });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${node} ${args.join(" ")} failed in ${cwd}:\n${result.stderr}`);
  return ms;
}

/** Runs `node ...args` and returns its stdout. */
export function output(node: string, args: string[], cwd: string): string {
  const result = spawnSync(node, args, { cwd, encoding: "utf8", env: childEnv() });
  if (result.status !== 0) throw new Error(`${node} ${args.join(" ")} failed in ${cwd}:\n${result.stderr}`);
  return result.stdout.trim();
}
