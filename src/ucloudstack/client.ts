/**
 * `createUCloudStackClient`: the shared operation client over the generated
 * UCloudStack table. Wire form as the official SDKs send it (ucloud/ustack-sdk-java,
 * ucloud-sdk-python3 `ucloudstack`): `POST <endpoint>` with one flat JSON body holding
 * the action, the parameters (`SnapshotIDs.0`...), `PublicKey` and `Signature`.
 */
import { parseEndpoint, requireString, resolveCommonConfig, type CommonClientConfig } from "../core/config.ts";
import { createOperationClient, type OperationClientBase } from "../core/operation-client.ts";
import type { OperationArgs, OperationResult } from "../core/operation-types.ts";
import { Redactor } from "../core/redact.ts";
import { bodyJson, type WireRequest } from "../core/wire.ts";
import type { Authenticate } from "../core/transport.ts";
import type { operations as UcsOperations, paths as UcsPaths } from "../../generated/ucloudstack/ucloudstack.ts";
import { operationTable } from "../../generated/ucloudstack/ucloudstack.operations.ts";
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
type Success<R> = Extract<R, { RetCode: 0 }>;

export type UCloudStackMethods = {
  [Id in keyof UcsOperations & string as Uncapitalize<Id>]: (
    ...args: OperationArgs<UcsOperations[Id], never, "Region" | "Zone">
  ) => Promise<Success<OperationResult<UcsOperations[Id]>>>;
};

export type UCloudStackClient = OperationClientBase<UCloudStackMethods, UcsPaths, typeof operationTable> & UCloudStackMethods;

/** Every action is a POST of one flat JSON object. */
function setJson(wire: WireRequest, json: Record<string, unknown>): void {
  wire.method = "POST";
  wire.headers.set("content-type", "application/json");
  wire.json = json;
}

/**
 * Adds `PublicKey` and `Signature` over every body parameter, on every attempt. The
 * attempt's wire request is its own (the transport hands a copy to attempts that may be
 * retried), so its JSON object is completed in place instead of being copied once per field.
 */
function ucloudStackAuthentication(credentials: UCloudStackCredentials): Authenticate {
  return async (wire) => {
    const body = bodyJson(wire);
    // A signature already in the body (a raw request, a caller's parameter) is never signed over; the new one goes last.
    if (Object.hasOwn(body, "Signature")) delete body.Signature;
    body.PublicKey = credentials.publicKey;
    body.Signature = await signUCloudStack(body, credentials);
    setJson(wire, body);
    return wire;
  };
}

export function createUCloudStackClient(config: UCloudStackClientConfig): UCloudStackClient {
  const common = resolveCommonConfig(config, "ucloudstack", ["endpoint", "region", "zone", "credentials"]);
  const baseUrl = parseEndpoint(config.endpoint, "endpoint", "ucloudstack");
  const region = requireString(config.region, "region", "ucloudstack");
  const zone = config.zone === undefined ? undefined : requireString(config.zone, "zone", "ucloudstack");
  assertUCloudStackCredentials(config.credentials);
  return createOperationClient<UcsOperations, UcsPaths, typeof operationTable, never, "Region" | "Zone">({
    ...common,
    adapter: ucloudStackAdapter,
    operations: operationTable,
    baseUrl,
    fixedParams: {},
    defaultParams: zone === undefined ? { Region: region } : { Region: region, Zone: zone },
    authenticate: ucloudStackAuthentication(config.credentials),
    // The private key is never sent; it can still appear in nothing we print.
    redactor: new Redactor([config.credentials.privateKey]),
    // The action leads the flat JSON object, and it is always the operation's own: an `Action`
    // in the body (a raw request's) must not turn a read into a rollback.
    placeAction: (wire, action) => {
      const { Action: _ignored, ...parameters } = bodyJson(wire);
      setJson(wire, { Action: action, ...parameters });
    },
  }) as unknown as UCloudStackClient;
}
