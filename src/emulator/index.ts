/**
 * `cloud-disk-openapi/emulator`: stateful emulators of the three providers' snapshot and
 * rollback APIs, for tests and demos without a cloud account. Node only (it serves HTTP
 * with `node:http`); the provider entry points stay runtime-neutral.
 *
 *   const emu = await startEmulator({ provider: "huawei", timing: "instant" });
 *   const evs = createEvsClient(emu.clientConfig);
 *   ...
 *   await emu.close();
 */
import { ConfigurationError, type Provider } from "../core/common/errors.ts";
import { type EmulatorClock, type Timing, timeline } from "./clock.ts";
import type { EmulatorState, ProviderEmulator } from "./emulator-types.ts";
import { checkFaultOptions, createFaults, type FaultOptions, type ScheduledFault } from "./faults.ts";
import { type EmulatorRequest, type EmulatorResponse, startHttpServer } from "./http-server.ts";
import {
  type AlibabaEmulatorCredentials,
  type AlibabaFixture,
  createAlibabaEmulator,
  generatedAlibabaCredentials,
} from "./alibaba/index.ts";
import { createHuaweiEmulator, generatedHuaweiCredentials, type HuaweiEmulatorCredentials, type HuaweiFixture } from "./huawei/index.ts";
import {
  createUCloudStackEmulator,
  generatedUCloudStackCredentials,
  type UCloudStackEmulatorCredentials,
  type UCloudStackFixture,
} from "./ucloudstack/index.ts";

export { ManualClock, type EmulatorClock, type Timing } from "./clock.ts";
export type { EmulatorState, EmulatedInstance, EmulatedJob, EmulatedSnapshot, EmulatedVolume } from "./emulator-types.ts";
export type { FaultOptions, ScheduledFault } from "./faults.ts";
export type { HuaweiEmulatorCredentials, HuaweiFixture } from "./huawei/index.ts";
export { HUAWEI_STATEFUL_OPERATIONS } from "./huawei/index.ts";
export type { UCloudStackEmulatorCredentials, UCloudStackFixture } from "./ucloudstack/index.ts";
export { UCLOUDSTACK_STATEFUL_OPERATIONS } from "./ucloudstack/index.ts";
export type { AlibabaEmulatorCredentials, AlibabaFixture } from "./alibaba/index.ts";
export { ALIBABA_STATEFUL_OPERATIONS } from "./alibaba/index.ts";

interface CommonOptions {
  /**
   * How fast resources move through their states: `"instant"` (default: every transition is
   * over by the next request), `"fast"` (a hundredth of realistic), `"realistic"`, or a clock
   * the test moves (`new ManualClock()`, then `clock.advance(ms)`).
   */
  timing?: Timing | EmulatorClock;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Throttling, server errors and latency (see `emu.faults` to change them later). */
  faults?: FaultOptions;
  /**
   * Called after every answer, with the operation it was routed to (if any), for logs and
   * checks (our tests validate each answer against the spec through it). Signatures and
   * tokens are not part of it.
   */
  onExchange?: (exchange: EmulatorExchange) => void;
}

/** One request and its answer, as `onExchange` sees it. */
export interface EmulatorExchange {
  /** The API (the spec's name: `huawei-evs`, `huawei-ecs`, `alibaba`, `ucloudstack`) it was routed to. */
  api: string | undefined;
  /** The operationId the request was routed to; absent when no operation matched. */
  operationId: string | undefined;
  method: string;
  /** Path and query, with a `Signature` query parameter's value replaced by `[redacted]`. */
  path: string;
  status: number;
  /** The JSON answer body (`undefined` when none). */
  body: unknown;
}

export interface HuaweiEmulatorOptions extends CommonOptions {
  provider: "huawei";
  /** AK/SK or a token the emulator accepts; generated when absent (see `clientConfig`). */
  credentials?: HuaweiEmulatorCredentials;
  /** The initial state; absent: the documented default (README "Testing your code"). */
  fixture?: HuaweiFixture;
}

export interface AlibabaEmulatorOptions extends CommonOptions {
  provider: "alibaba";
  /** The AccessKey pair (and STS token) the emulator accepts; generated when absent (see `clientConfig`). */
  credentials?: AlibabaEmulatorCredentials;
  /** The initial state; absent: the documented default (README "Testing your code"). */
  fixture?: AlibabaFixture;
}

export type StartEmulatorOptions = HuaweiEmulatorOptions | AlibabaEmulatorOptions | UCloudStackEmulatorOptions;

export interface UCloudStackEmulatorOptions extends CommonOptions {
  provider: "ucloudstack";
  /** The key pair the emulator accepts; generated when absent (see `clientConfig`). */
  credentials?: UCloudStackEmulatorCredentials;
  /** The initial state; absent: the documented default (README "Testing your code"). */
  fixture?: UCloudStackFixture;
}

/** What `createEvsClient` / `createEcsClient` need to talk to the emulator, ready to spread. */
export interface HuaweiEmulatorClientConfig {
  endpoint: string;
  projectId: string;
  credentials: HuaweiEmulatorCredentials;
}

/** What `createEcsClient` needs to talk to the emulator, ready to spread. */
export interface AlibabaEmulatorClientConfig {
  endpoint: string;
  regionId: string;
  credentials: AlibabaEmulatorCredentials;
}

/** What `createUCloudStackClient` needs to talk to the emulator, ready to spread. */
export interface UCloudStackEmulatorClientConfig {
  endpoint: string;
  region: string;
  zone: string;
  credentials: UCloudStackEmulatorCredentials;
}

/** Any provider's client configuration (each `startEmulator` overload names its own). */
export type EmulatorClientConfig = HuaweiEmulatorClientConfig | AlibabaEmulatorClientConfig | UCloudStackEmulatorClientConfig;

export interface Emulator<ClientConfig = HuaweiEmulatorClientConfig> {
  provider: Provider;
  /** `http://127.0.0.1:<port>` */
  url: string;
  clientConfig: ClientConfig;
  /** A copy of the current state (transitions due by the clock are applied first). */
  state(): EmulatorState;
  /** Back to the fixture: resources, jobs and pending transitions; scheduled faults are dropped. */
  reset(): void;
  /** The emulator's clock (a `ManualClock` when one was given: advance it to move time). */
  clock: EmulatorClock;
  faults: {
    /** The next `count` requests (of `operation`, if given) fail this way. */
    failNext(fault: ScheduledFault): void;
    /** Replaces the rates given at start. */
    configure(options: FaultOptions): void;
  };
  /** Stops serving; open connections are closed. */
  close(): Promise<void>;
}

const OPTION_KEYS = ["provider", "credentials", "fixture", "timing", "port", "host", "faults", "onExchange"];

export async function startEmulator(options: HuaweiEmulatorOptions): Promise<Emulator<HuaweiEmulatorClientConfig>>;
export async function startEmulator(options: AlibabaEmulatorOptions): Promise<Emulator<AlibabaEmulatorClientConfig>>;
export async function startEmulator(options: UCloudStackEmulatorOptions): Promise<Emulator<UCloudStackEmulatorClientConfig>>;
export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator<EmulatorClientConfig>> {
  const bad = (option: string, problem: string) => new ConfigurationError(option, problem);
  if (!options || typeof options !== "object") throw bad("options", "must be an object with at least `provider`");
  for (const key of Object.keys(options))
    if (!OPTION_KEYS.includes(key)) throw bad(key, `is not an option (known: ${OPTION_KEYS.join(", ")})`);
  const timing = options.timing ?? "instant";
  if (
    !(
      timing === "instant" ||
      timing === "fast" ||
      timing === "realistic" ||
      (typeof timing === "object" && timing && typeof timing.now === "function")
    )
  )
    throw bad("timing", "must be 'instant', 'fast', 'realistic' or a clock with now()");
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535))
    throw bad("port", "must be a whole number from 0 to 65535");
  if (options.onExchange !== undefined && typeof options.onExchange !== "function") throw bad("onExchange", "must be a function");
  const faultProblem = options.faults === undefined ? undefined : checkFaultOptions(options.faults);
  if (faultProblem) throw bad("faults", faultProblem);
  const line = timeline(timing);
  const faults = createFaults(options.faults);
  let emulator: ProviderEmulator;
  switch (options.provider) {
    case "huawei": {
      const credentials = options.credentials ?? generatedHuaweiCredentials();
      checkHuaweiCredentials(credentials);
      emulator = createHuaweiEmulator({ credentials, fixture: options.fixture, timeline: line, faults });
      break;
    }
    case "alibaba": {
      const credentials = options.credentials ?? generatedAlibabaCredentials();
      checkAlibabaCredentials(credentials);
      emulator = createAlibabaEmulator({ credentials, fixture: options.fixture, timeline: line, faults });
      break;
    }
    case "ucloudstack": {
      const credentials = options.credentials ?? generatedUCloudStackCredentials();
      checkUCloudStackCredentials(credentials);
      emulator = createUCloudStackEmulator({ credentials, fixture: options.fixture, timeline: line, faults });
      break;
    }
    default:
      throw bad("provider", "must be 'huawei', 'alibaba' or 'ucloudstack'");
  }
  const server = await startHttpServer(
    {
      async handle(request) {
        const delay = faults.delayMs();
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        const response = emulator.handle(request);
        options.onExchange?.(exchangeOf(request, response, emulator.api));
        return response;
      },
      failure: (kind, request) => emulator.failure(kind, request),
    },
    { port: options.port, host: options.host },
  );
  return {
    provider: emulator.provider,
    url: server.url,
    clientConfig: emulator.clientConfig(server.url) as unknown as EmulatorClientConfig,
    state: () => emulator.state(),
    reset() {
      emulator.reset();
      faults.reset();
    },
    clock: line.clock,
    faults: {
      failNext: (fault) => faults.failNext(fault),
      configure(next) {
        const problem = checkFaultOptions(next);
        if (problem) throw new ConfigurationError("faults", problem);
        faults.configure(next);
      },
    },
    close: () => server.close(),
  };
}

function exchangeOf(request: EmulatorRequest, response: EmulatorResponse, api: string | undefined): EmulatorExchange {
  const url = new URL(request.url);
  if (url.searchParams.has("Signature")) url.searchParams.set("Signature", "[redacted]");
  return {
    api: response.api ?? (response.operationId === undefined ? undefined : api),
    operationId: response.operationId,
    method: request.method,
    path: url.pathname + url.search,
    status: response.status,
    body: response.body,
  };
}

function checkHuaweiCredentials(credentials: unknown): void {
  const c = credentials as Record<string, unknown> | null;
  const text = (key: string) => typeof c?.[key] === "string" && (c[key] as string).length > 0;
  if (!c || typeof c !== "object" || !((text("accessKeyId") && text("secretAccessKey")) || text("token")))
    throw new ConfigurationError("credentials", "must be { accessKeyId, secretAccessKey } or { token }, non-empty strings", {
      provider: "huawei",
    });
}

function checkAlibabaCredentials(credentials: unknown): void {
  const c = credentials as Record<string, unknown> | null;
  const text = (key: string) => typeof c?.[key] === "string" && (c[key] as string).length > 0;
  if (
    !c ||
    typeof c !== "object" ||
    !(text("accessKeyId") && text("accessKeySecret")) ||
    (c.securityToken !== undefined && !text("securityToken"))
  )
    throw new ConfigurationError("credentials", "must be { accessKeyId, accessKeySecret, securityToken? }, non-empty strings", {
      provider: "alibaba",
    });
}

function checkUCloudStackCredentials(credentials: unknown): void {
  const c = credentials as Record<string, unknown> | null;
  const text = (key: string) => typeof c?.[key] === "string" && (c[key] as string).length > 0;
  if (!c || typeof c !== "object" || !(text("publicKey") && text("privateKey")))
    throw new ConfigurationError("credentials", "must be { publicKey, privateKey }, non-empty strings", { provider: "ucloudstack" });
}
