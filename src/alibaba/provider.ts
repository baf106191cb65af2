/**
 * Alibaba Cloud as one provider definition: the endpoint from `regionId` (the official
 * endpoint map) or `endpoint`, V3 or V1 signing, Alibaba's error bodies (a passed dry
 * run is a result), the action in headers (V3) or the query (V1), and `RegionId` filled
 * from `regionId` wherever an action takes it and the caller passed none.
 */
import { defineProvider, type ResultMap } from "../core/client/provider.ts";
import type { OperationResult } from "../core/operations/operation-types.ts";
import type { PlaceAction } from "../core/operations/rpc.ts";
import { withHeaders } from "../core/http/wire.ts";
import { info } from "../../generated/alibaba/ecs.operations.ts";
import {
  ECS_CONFIG_KEYS,
  resolveEcsBaseUrl,
  resolveRegionId,
  resolveSignatureVersion,
  type EcsClientConfig,
  type SignatureVersion,
} from "./config.ts";
import { alibabaAuthentication } from "./auth.ts";
import { alibabaAdapter, type DryRunPassed } from "./errors.ts";

type HasDryRun<Op> = Op extends { parameters: { query?: infer Q } } ? ("DryRun" extends keyof NonNullable<Q> ? true : false) : false;

/** Actions that take `DryRun` may also resolve to `DryRunPassed`. */
export interface AlibabaResult extends ResultMap {
  readonly result: OperationResult<this["operation"]> | (HasDryRun<this["operation"]> extends true ? DryRunPassed : never);
}

/** Where the action travels: V3 in headers, V1 in the query (the signer adds the other common parameters). */
export function placeEcsAction(version: SignatureVersion): PlaceAction {
  if (version === "v3")
    return (wire, action) =>
      withHeaders(wire, (headers) => {
        headers.set("x-acs-action", action);
        headers.set("x-acs-version", info.version);
      });
  return (wire, action) => {
    const url = new URL(wire.url);
    url.search = `Action=${encodeURIComponent(action)}&Version=${encodeURIComponent(info.version)}${url.search ? `&${url.search.slice(1)}` : ""}`;
    return { ...wire, url: url.toString() };
  };
}

export const alibaba = defineProvider<EcsClientConfig, never, "RegionId", AlibabaResult>({
  provider: "alibaba",
  configKeys: ECS_CONFIG_KEYS,
  adapter: alibabaAdapter,
  connect(config) {
    const baseUrl = resolveEcsBaseUrl(config);
    const regionId = resolveRegionId(config);
    const version = resolveSignatureVersion(config);
    return {
      baseUrl,
      ...alibabaAuthentication(config, version),
      filled: {},
      defaults: regionId ? { RegionId: regionId } : {},
      placeAction: placeEcsAction(version),
    };
  },
});
