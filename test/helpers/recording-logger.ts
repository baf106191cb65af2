/** A logger that keeps every line it is given (level, message and data), for tests that read what was logged. */
import type { Logger } from "../../src/core/common/logger.ts";

export function recordingLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  return { lines, logger };
}
