/**
 * UCloudStack as one provider definition: the key-pair signature over the flat JSON body,
 * and `RetCode != 0` inside a 200 as an error. The wire form is the spec's
 * (`x-rpc-protocol`: `POST <endpoint>` with one flat JSON body that the action leads,
 * as the official SDKs send it — ucloud/ustack-sdk-java, ucloud-sdk-python3 `ucloudstack`),
 * and so are the endpoint (`{endpoint}`) and `Region`/`Zone` (from `region`/`zone`).
 */
import { requireString } from "../core/client/config.ts";
import { defineProvider, type ResultMap } from "../core/client/provider.ts";
import type { OperationResult } from "../core/operations/operation-types.ts";
import { Redactor } from "../core/common/redact.ts";
import { ucloudStackAuthentication } from "./auth.ts";
import { UCLOUDSTACK_CONFIG_KEYS, type UCloudStackClientConfig } from "./config.ts";
import { assertUCloudStackCredentials } from "./credentials.ts";
import { ucloudStackAdapter } from "./errors.ts";

/** The success member of a 200 that may carry `RetCode != 0` (those become errors). */
export interface UCloudStackResult extends ResultMap {
  readonly result: Extract<OperationResult<this["operation"]>, { RetCode: 0 }>;
}

export const ucloudstack = defineProvider<UCloudStackClientConfig, UCloudStackResult>({
  provider: "ucloudstack",
  configKeys: UCLOUDSTACK_CONFIG_KEYS,
  adapter: ucloudStackAdapter,
  connect(config) {
    // Every action takes a Region; the spec lets a call name another, but a client always has one.
    requireString(config.region, "region", "ucloudstack");
    assertUCloudStackCredentials(config.credentials);
    return {
      authenticate: ucloudStackAuthentication(config.credentials),
      // The private key is never sent; it can still appear in nothing we print.
      redactor: new Redactor([config.credentials.privateKey]),
    };
  },
});
