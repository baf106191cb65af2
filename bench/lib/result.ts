/** How a worker hands its figures back: JSON in the file named by its job's `resultFile`. */
import { writeFileSync } from "node:fs";

export function writeResult(result: unknown): void {
  const job = JSON.parse(process.argv[2] ?? "{}") as { resultFile?: string };
  const text = `${JSON.stringify(result)}\n`;
  if (job.resultFile) writeFileSync(job.resultFile, text);
  else process.stdout.write(text);
}
