/** Small statistics and formatting helpers for the harness. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** `12.3 (11.9–13.0)` */
export function fmt(summary: Summary, digits = 1, unit = ""): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})`;
}

export const MB = 1024 * 1024;

export function mb(bytes: number, digits = 1): string {
  return `${(bytes / MB).toFixed(digits)} MB`;
}

export function kb(bytes: number, digits = 1): string {
  return `${(bytes / 1024).toFixed(digits)} kB`;
}
