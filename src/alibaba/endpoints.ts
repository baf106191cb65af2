/**
 * `ecsEndpointHost`: the ECS host a region id selects, by the official rules as the
 * spec records them (its server template `https://ecs.{regionId}.aliyuncs.com` and, in
 * `x-region-hosts`, the SDK's endpoint map with its citation): what a client built with
 * that `regionId` and no `endpoint` talks to.
 */
import { resolveBaseUrl } from "../core/client/endpoint.ts";
import { service as ecs } from "../../generated/alibaba/ecs.operations.ts";

/** The ECS API host for a region; anything that is not a region id is a `ConfigurationError` (it cannot change the host). */
export function ecsEndpointHost(regionId: string): string {
  return new URL(resolveBaseUrl(ecs.servers, { regionId }, "alibaba")).host;
}
