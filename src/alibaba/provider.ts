/**
 * Alibaba Cloud as one provider definition: V3 or V1 signing (and the wire style of the
 * same name from the spec's `x-rpc-protocol`: the action in headers or in the query), and
 * Alibaba's error bodies (a passed dry run is a result). The host (the official endpoint
 * map, or `endpoint`) and `RegionId` (from `regionId`) come from the spec.
 */
import { defineProvider, type ResultMap } from "../core/client/provider.ts";
import type { OperationResult } from "../core/operations/operation-types.ts";
import { alibabaAuthentication } from "./auth.ts";
import { ECS_CONFIG_KEYS, resolveSignatureVersion, type EcsClientConfig } from "./config.ts";
import { alibabaAdapter, type DryRunPassed } from "./errors.ts";

type HasDryRun<Op> = Op extends { parameters: { query?: infer Q } } ? ("DryRun" extends keyof NonNullable<Q> ? true : false) : false;

/** Actions that take `DryRun` may also resolve to `DryRunPassed`. */
export interface AlibabaResult extends ResultMap {
  readonly result: OperationResult<this["operation"]> | (HasDryRun<this["operation"]> extends true ? DryRunPassed : never);
}

export const alibaba = defineProvider<EcsClientConfig, AlibabaResult>({
  provider: "alibaba",
  configKeys: ECS_CONFIG_KEYS,
  adapter: alibabaAdapter,
  connect(config) {
    const version = resolveSignatureVersion(config);
    return { ...alibabaAuthentication(config, version), rpcStyle: version };
  },
});
