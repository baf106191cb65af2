/** What every provider emulator offers the shared front (src/emulator/index.ts). */
import type { Provider } from "../core/common/errors.ts";
import type { Timeline } from "./clock.ts";
import type { Faults } from "./faults.ts";
import type { EmulatorRequest, EmulatorResponse } from "./http-server.ts";

/** A volume/disk as `emu.state()` shows it (the provider's own status spelling). */
export interface EmulatedVolume {
  id: string;
  name: string;
  status: string;
  /** GiB. */
  size: number;
  /** The instance it is attached to. */
  instanceId?: string | undefined;
  device?: string | undefined;
  bootable: boolean;
  createdAt: string;
}

export interface EmulatedSnapshot {
  id: string;
  volumeId: string;
  name: string;
  status: string;
  /** GiB. */
  size: number;
  /** 0 to 100. */
  progress: number;
  /**
   * A volume can be created from it or rolled back to it. Alibaba reaches this point
   * (`Available: true`) before `accomplished`; on Huawei and UCloudStack it is true exactly
   * when the snapshot is `available` / `Normal`.
   */
  usable: boolean;
  createdAt: string;
}

export interface EmulatedInstance {
  id: string;
  name: string;
  status: string;
}

export interface EmulatedJob {
  id: string;
  type: string;
  status: string;
}

/** `emu.state()`: a copy, safe to keep and compare. */
export interface EmulatorState {
  volumes: EmulatedVolume[];
  snapshots: EmulatedSnapshot[];
  instances: EmulatedInstance[];
  jobs: EmulatedJob[];
}

export interface ProviderEmulator {
  provider: Provider;
  /** The API (redocly.yaml name) answers belong to when they do not say (`EmulatorResponse.api`): single-API providers. */
  api?: string;
  /** Answers one request (the front has already applied latency). */
  handle(request: EmulatorRequest): EmulatorResponse;
  /** The provider's answer when the front cannot read a request, or a handler failed. */
  failure(kind: "too-large" | "crash", request: EmulatorRequest): EmulatorResponse;
  state(): EmulatorState;
  reset(): void;
  /** What a client needs besides the endpoint: credentials, project or region. */
  clientConfig(endpoint: string): Record<string, unknown>;
}

/** What the front gives a provider emulator: the credentials it accepts, the fixture, time and faults. */
export interface ProviderEmulatorOptions<Credentials, Fixture> {
  credentials: Credentials;
  fixture: Fixture | undefined;
  timeline: Timeline;
  faults: Faults;
}
