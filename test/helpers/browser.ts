/**
 * Headless Chromium from Debian's package (`apt-get install chromium`), driven by
 * playwright-core; never a downloaded browser. Locally, a missing browser skips the
 * browser suites with a loud message; in CI (`CI=true`) it is a failure.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a machine with no network beyond loopback. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: browser tests ${process.env.CI === "true" ? "FAIL (CI=true)" : "are SKIPPED"}. Install it with: apt-get install chromium`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n${"!".repeat(78)}\n${message}\n${"!".repeat(78)}\n`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
