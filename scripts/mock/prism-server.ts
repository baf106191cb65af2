/**
 * Prism in-process: a mock (or validating proxy) HTTP server built from one spec,
 * with no child process to leak. Used by `npm run mock`, `npm run demo` and the
 * contract tests. Prism 5.16.0 is pinned exactly (package.json).
 */
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { readSpec } from "../lib/spec-reader.ts";
import { bodySelectorRoute } from "./body-router.ts";
import { rpcComponents } from "./rpc-router.ts";
import { restComponents } from "./wire-forms.ts";

export interface PrismServerOptions {
  /** Path of the OpenAPI document. */
  spec: string;
  port?: number;
  host?: string;
  /** Forward to this upstream instead of mocking, validating both directions. */
  upstream?: string;
  /** In proxy mode: reject invalid requests (422) and invalid upstream responses (500). */
  errors?: boolean;
  /** Prism log level. @default "silent" */
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
}

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

export async function startPrism(options: PrismServerOptions): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(options.spec);
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const config = (
    options.upstream ? { ...shared, isProxy: true, upstream: new URL(options.upstream) } : { ...shared, isProxy: false }
  ) as IHttpConfig;
  const logger = createLogger("cloud-disk-openapi-mock", { level: options.logLevel ?? "silent" });
  // RPC specs get an action router and a flat-indexed validator, both reading every wire form the spec's
  // x-wire-forms lists; REST specs use Prism as it is, but for the tolerances x-wire-forms lists.
  const model = await readSpec(options.spec);
  const rpc = rpcComponents(model);
  const rest = restComponents(model);
  // Operations that share a method and path, told apart by the body (x-wire-path, x-body-selector), route by the body.
  const route = bodySelectorRoute(model);
  const components = rpc.isRpc
    ? { logger, route: rpc.route, validateSecurity: rpc.validateSecurity, validateInput: rpc.validateInput }
    : { logger, ...rest, ...(route ? { route } : {}) };
  const server = createServer(operations, { cors: true, config, components: components as { logger: typeof logger } });
  const url = await server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return { url: url.replace(/\/$/, ""), close: () => server.close() };
}

export interface RunningMocks {
  /** redocly.yaml API name -> base URL. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

/**
 * One mock per spec in the catalog. `fixedPorts` uses the catalog's ports
 * (`npm run mock`); otherwise each gets a free port (tests, demo).
 */
export async function startAllMocks(
  catalog: Array<{ name: string; spec: string; port: number }>,
  options: { fixedPorts?: boolean; host?: string; logLevel?: PrismServerOptions["logLevel"] } = {},
): Promise<RunningMocks> {
  const running: RunningPrism[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const entry of catalog) {
      const server = await startPrism({
        spec: entry.spec,
        port: options.fixedPorts ? entry.port : 0,
        host: options.host ?? "127.0.0.1",
        logLevel: options.logLevel ?? "silent",
      });
      running.push(server);
      urls[entry.name] = server.url;
    }
  } catch (error) {
    await Promise.all(running.map((server) => server.close()));
    throw error;
  }
  return { urls, close: async () => void (await Promise.all(running.map((server) => server.close()))) };
}
