/** Numbered, indented steps for the demo's output, and a poller that prints each state it sees. */
import { ApiError } from "../../src/core/public.ts";

export function stepPrinter(title: string) {
  let step = 0;
  console.log(`\n== ${title}`);
  return (heading: string, lines: string[] = []): void => {
    step += 1;
    console.log(`\n${String(step).padStart(2)}. ${heading}`);
    for (const line of lines) console.log(`      ${line}`);
  };
}

/**
 * Polls `read` with the client, as a user's code waits on the real cloud, printing every
 * state it has not printed just before, until `done` holds (the emulator runs on `"fast"`
 * timing: a hundredth of the realistic durations). Fails after `timeoutMs`.
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  describe: (value: T) => string,
  done: (value: T) => boolean,
  { intervalMs = 25, timeoutMs = 5_000 } = {},
): Promise<T> {
  const started = Date.now();
  let last = "";
  for (;;) {
    const value = await read();
    const text = describe(value);
    if (text !== last) console.log(`      ${`+${Date.now() - started} ms`.padStart(9)}  ${text}`);
    last = text;
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`still "${text}" after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The error a call that must fail fails with (the demo stops if it succeeds). */
export async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("the call was expected to fail");
}

/** An API error as one line (the class is the same for every provider: the shared core). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.name}: HTTP ${error.status}, code ${error.code}: ${error.message}`;
  throw error;
}
