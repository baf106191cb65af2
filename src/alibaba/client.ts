/**
 * `createEcsClient`: the shared operation client over the generated ECS table, with
 * the RPC wire form (pseudo-path -> `POST /?...` plus the action in `x-acs-action`
 * for V3 or `Action=` for V1), Alibaba signing and error unwrapping.
 */
import { resolveCommonConfig } from "../core/config.ts";
import { createOperationClient, type OperationClientBase } from "../core/operation-client.ts";
import type { OperationArgs, OperationResult } from "../core/operation-types.ts";
import type { PlaceAction } from "../core/rpc.ts";
import { withHeaders } from "../core/wire.ts";
import type { operations as EcsOperations, paths as EcsPaths } from "../../generated/alibaba/ecs.ts";
import { info, operationTable } from "../../generated/alibaba/ecs.operations.ts";
import {
  ECS_CONFIG_KEYS,
  alibabaAuthentication,
  resolveEcsBaseUrl,
  resolveRegionId,
  resolveSignatureVersion,
  type EcsClientConfig,
  type SignatureVersion,
} from "./config.ts";
import { alibabaAdapter, type DryRunPassed } from "./errors.ts";

type HasDryRun<Op> = Op extends { parameters: { query?: infer Q } } ? ("DryRun" extends keyof NonNullable<Q> ? true : false) : false;

/** One method per action; actions that take `DryRun` may also resolve to `DryRunPassed`. */
export type EcsMethods = {
  [Id in keyof EcsOperations & string as Uncapitalize<Id>]: (
    ...args: OperationArgs<EcsOperations[Id], never, "RegionId">
  ) => Promise<OperationResult<EcsOperations[Id]> | (HasDryRun<EcsOperations[Id]> extends true ? DryRunPassed : never)>;
};

export type EcsClient = OperationClientBase<EcsMethods, EcsPaths, typeof operationTable> & EcsMethods;

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

/** Alibaba Cloud ECS (API 2014-05-26): disks, snapshots, disk reset. */
export function createEcsClient(config: EcsClientConfig): EcsClient {
  const common = resolveCommonConfig(config, "alibaba", ECS_CONFIG_KEYS);
  const baseUrl = resolveEcsBaseUrl(config);
  const regionId = resolveRegionId(config);
  const version = resolveSignatureVersion(config);
  const { authenticate, redactor } = alibabaAuthentication(config, version);
  return createOperationClient<EcsOperations, EcsPaths, typeof operationTable, never, "RegionId">({
    ...common,
    adapter: alibabaAdapter,
    operations: operationTable,
    baseUrl,
    fixedParams: {},
    defaultParams: regionId ? { RegionId: regionId } : {},
    authenticate,
    redactor,
    placeAction: placeEcsAction(version),
  }) as unknown as EcsClient;
}
