/**
 * A block of README.md that a script writes, between `<!-- name:start -->` and
 * `<!-- name:end -->` (the size table, the operation tables). `--check` mode only
 * compares: `npm test` fails when the README and what the script measures differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const README = resolve(import.meta.dirname, "..", "..", "README.md");

export function readmeMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/**
 * Writes `block` (markers included) in place of the README's block `name`, or, with `check`,
 * exits 1 saying `stale` when they differ. `label` prefixes every line printed.
 */
export function syncReadmeBlock(name: string, block: string, options: { check: boolean; label: string; stale: string }): void {
  const { start: START, end: END } = readmeMarkers(name);
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`README.md has no ${START} … ${END} block`);
    process.exit(1);
  }
  const current = readme.slice(start, end + END.length);
  if (options.check) {
    if (current !== block) {
      console.error(`${options.label}: ${options.stale}\n--- README\n${current}\n--- expected\n${block}`);
      process.exit(1);
    }
    console.log(`${options.label}: README.md is current`);
  } else if (current === block) console.log(`${options.label}: README.md already current`);
  else {
    writeFileSync(README, readme.slice(0, start) + block + readme.slice(end + END.length));
    console.log(`${options.label}: README.md updated`);
  }
}
