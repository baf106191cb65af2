/**
 * UCloudStack as one provider definition. Wire form as the official SDKs send it
 * (ucloud/ustack-sdk-java, ucloud-sdk-python3 `ucloudstack`): `POST <endpoint>` with one
 * flat JSON body holding the action, the parameters (`SnapshotIDs.0`...), `PublicKey`
 * and `Signature`; `Region` (and `Zone`, for releases that take it) filled from the
 * configuration; a `RetCode != 0` inside a 200 is an error.
 */
import { parseEndpoint, requireString } from "../core/client/config.ts";
import type { OperationResult } from "../core/operations/operation-types.ts";
import { defineProvider, type ResultMap } from "../core/client/provider.ts";
import { Redactor } from "../core/shared/redact.ts";
import { bodyJson, withJsonBody, type WireRequest } from "../core/http/wire.ts";
import { ucloudStackAdapter } from "./errors.ts";
import { ucloudStackAuthentication } from "./auth.ts";
import type { UCloudStackClientConfig } from "./config.ts";
import { assertUCloudStackCredentials } from "./credentials.ts";

/** The success member of a 200 that may carry `RetCode != 0` (those become errors). */
export interface UCloudStackResult extends ResultMap {
  readonly result: Extract<OperationResult<this["operation"]>, { RetCode: 0 }>;
}

/**
 * Every action is a POST of one flat JSON object that the action leads, and it is always
 * the operation's own: an `Action` in the body (a raw request's) must not turn a read into a rollback.
 */
export function placeUCloudStackAction(wire: WireRequest, action: string): WireRequest {
  const { Action: _ignored, ...parameters } = bodyJson(wire);
  return withJsonBody(wire, { Action: action, ...parameters });
}

export const ucloudstack = defineProvider<UCloudStackClientConfig, never, "Region" | "Zone", UCloudStackResult>({
  provider: "ucloudstack",
  configKeys: ["endpoint", "region", "zone", "credentials"],
  adapter: ucloudStackAdapter,
  connect(config) {
    const baseUrl = parseEndpoint(config.endpoint, "endpoint", "ucloudstack");
    const region = requireString(config.region, "region", "ucloudstack");
    const zone = config.zone === undefined ? undefined : requireString(config.zone, "zone", "ucloudstack");
    assertUCloudStackCredentials(config.credentials);
    return {
      baseUrl,
      authenticate: ucloudStackAuthentication(config.credentials),
      // The private key is never sent; it can still appear in nothing we print.
      redactor: new Redactor([config.credentials.privateKey]),
      filled: {},
      defaults: zone === undefined ? { Region: region } : { Region: region, Zone: zone },
      placeAction: placeUCloudStackAction,
    };
  },
});
