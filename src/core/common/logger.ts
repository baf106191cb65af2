/**
 * The logger a client reports to. Anything with these four methods fits (console,
 * pino, winston). Lines are already redacted when they get here.
 */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** The methods a logger must have (checked when a client is built). */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

const noop = () => {};

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
