/**
 * What a generated table module (`generated/<provider>/<service>.operations.ts`) says
 * about its service besides the operation rows: hosts, the parameters the client fills,
 * and for RPC APIs where the action travels. scripts/lib/spec-reader.ts reads each of
 * these from the spec's extensions and checks them; scripts/generate.ts writes them as
 * one `service` value, so a client factory needs nothing but that value and its provider.
 */
import type { CodeCategories } from "../common/errors.ts";
import type { OperationTable } from "./operation-table.ts";

/** One server of the spec: its URL template and the `{variables}` in it, each filled from the client option of that name. */
export interface ServerSpec {
  readonly url: string;
  readonly variables: readonly string[];
  /**
   * Hosts that some regions use instead of the template (`x-region-hosts` on the server):
   * host -> its regions, space-separated (one string per host keeps a browser bundle small).
   */
  readonly regionHosts?: Readonly<Record<string, string>>;
}

/**
 * A parameter the client fills from its configuration (`x-client-param`):
 * `always` on every call that takes it, and callers cannot pass it (Huawei `project_id`);
 * `default` when the caller passed none and the option is set (Alibaba `RegionId`).
 */
export interface ClientParamSpec {
  readonly option: string;
  readonly fill: "always" | "default";
}

export type ClientParams = Readonly<Record<string, ClientParamSpec>>;

/** Where one protocol value travels on the wire. */
export interface WirePlace {
  readonly in: "query" | "header" | "body";
  readonly name: string;
}

/** One wire style of an RPC API (Alibaba `v3`/`v1`, UCloudStack `json`): where the action and the API version go. */
export interface RpcStyle {
  readonly action: WirePlace;
  readonly version?: WirePlace;
}

/** An RPC spec's `x-rpc-protocol`. */
export interface RpcProtocol {
  readonly styles: Readonly<Record<string, RpcStyle>>;
  /** JSON-body RPC: fields the client adds to every body besides the parameters (the action, key, signature). */
  readonly bodyProtocol?: readonly string[];
}

/**
 * Everything a client factory needs about one service. `Ops` (the openapi-typescript
 * `operations` of `<service>.ts`) is carried as a type only, so one value types the whole client.
 */
export interface ServiceSpec<Ops, Table extends OperationTable, Params extends ClientParams = ClientParams> {
  /** The service as the provider knows it (`evs`, `ecs`, `ucloudstack`). */
  readonly name: string;
  /** The API version (`info.version`; RPC APIs send it with every call). */
  readonly version: string;
  readonly servers: readonly ServerSpec[];
  readonly clientParams: Params;
  readonly rpcProtocol?: RpcProtocol;
  /** Error code -> category, space-separated codes per category (only codes some operation documents). */
  readonly errorCategories?: CodeCategories;
  readonly operations: Table;
  /** Type only (never set). */
  readonly types?: { readonly operations: Ops };
}
