/**
 * UCloudStack as one provider definition. Wire form as the official SDKs send it
 * (ucloud/ustack-sdk-java, ucloud-sdk-python3 `ucloudstack`): `POST <endpoint>` with one
 * flat JSON body holding the action, the parameters (`SnapshotIDs.0`...), `PublicKey`
 * and `Signature`; `Region` (and `Zone`, for releases that take it) filled from the
 * configuration; a `RetCode != 0` inside a 200 is an error.
 */
import { parseEndpoint, requireString, type CommonClientConfig } from "../core/client/config.ts";
import type { OperationResult } from "../core/operations/operation-types.ts";
import { defineProvider, type ResultMap } from "../core/client/provider.ts";
import { Redactor } from "../core/shared/redact.ts";
import type { Authenticate } from "../core/http/transport.ts";
import { bodyJson, settleBody, withJsonBody, type WireRequest } from "../core/http/wire.ts";
import { ucloudStackAdapter } from "./errors.ts";
import { assertUCloudStackCredentials, signUCloudStack, type UCloudStackCredentials } from "./signer.ts";

export interface UCloudStackClientConfig extends CommonClientConfig {
  /** The deployment's API gateway, e.g. `https://console.example.com/api` (private cloud: always required). */
  endpoint: string;
  /** `Region` sent with every action (e.g. `cn`). */
  region: string;
  /** `Zone` for releases that take it (1.x); omit it for releases that dropped it (2.x). */
  zone?: string;
  credentials: UCloudStackCredentials;
}

/** The success member of a 200 that may carry `RetCode != 0` (those become errors). */
export interface UCloudStackResult extends ResultMap {
  readonly result: Extract<OperationResult<this["operation"]>, { RetCode: 0 }>;
}

/**
 * Returns a new request whose body is the flat JSON object with `PublicKey` and a fresh
 * `Signature` over every other field, serialized once here: this is the request that is
 * sent. `wire` (every attempt's starting point) is left untouched.
 */
export function ucloudStackAuthentication(credentials: UCloudStackCredentials): Authenticate {
  return async (wire) => {
    // A signature already in the body (a raw request, a caller's parameter) is never signed over; the new one goes last.
    const { Signature: _stale, ...body }: Record<string, unknown> = bodyJson(wire);
    body.PublicKey = credentials.publicKey;
    body.Signature = await signUCloudStack(body, credentials);
    return settleBody(withJsonBody(wire, body));
  };
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
