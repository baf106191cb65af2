/**
 * A provider in one object: `defineProvider` in `src/<provider>/provider.ts` says how a
 * configuration becomes an endpoint, an authentication step and the parameters the
 * client fills, which error adapter reads the answers, and (types only) what a by-name
 * method resolves to. `createProviderClient` turns that plus a service's generated
 * operation table into the client, the same way for every provider.
 */
import { resolveCommonConfig, type CommonClientConfig } from "./config.ts";
import type { Provider } from "../shared/errors.ts";
import { createOperationClient, type OperationClientBase, type ProviderAdapter } from "../operations/operation-client.ts";
import type { OperationTable } from "../operations/operation-table.ts";
import type { MethodName, OperationArgs, OperationResult } from "../operations/operation-types.ts";
import type { Redactor } from "../shared/redact.ts";
import type { PlaceAction } from "../operations/rpc.ts";
import type { Authenticate } from "../http/transport.ts";

/**
 * What a provider's by-name methods resolve to, as a function of the operation's
 * generated type: `result` is read with `operation` set (`ResultOf`). A provider
 * declares its own by extending this interface and reading `this["operation"]`.
 */
export interface ResultMap {
  readonly operation: unknown;
  readonly result: unknown;
}

/** The success body as the spec documents it. */
export interface SpecResult extends ResultMap {
  readonly result: OperationResult<this["operation"]>;
}

/** `Results` applied to one operation. */
export type ResultOf<Results extends ResultMap, Op> = (Results & { readonly operation: Op })["result"];

/**
 * One method per operation (`lowerCamel(operationId)`): the parameters minus those the
 * client fills (`Filled`), with those it defaults made optional (`Defaulted`).
 */
export type ProviderMethods<Ops, Filled extends PropertyKey, Defaulted extends PropertyKey, Results extends ResultMap = SpecResult> = {
  [Id in keyof Ops & string as MethodName<Id>]: (...args: OperationArgs<Ops[Id], Filled, Defaulted>) => Promise<ResultOf<Results, Ops[Id]>>;
};

/** What one client of a provider's service is built from, resolved from its configuration. */
export interface ProviderConnection<Filled extends string, Defaulted extends string> {
  baseUrl: string;
  /** The per-attempt step that returns a new, authenticated request. */
  authenticate: Authenticate;
  /** Knows this client's secrets, so nothing printed holds them. */
  redactor: Redactor;
  /** Parameters the client fills on every call that takes them; callers cannot pass them (`project_id`). */
  filled: Readonly<Partial<Record<Filled, string>>>;
  /** Parameters the client fills where an operation takes them and the caller passed none (`RegionId`). */
  defaults: Readonly<Partial<Record<Defaulted, unknown>>>;
  /** RPC APIs: where an operation's action travels (query, header, JSON body). */
  placeAction?: PlaceAction;
}

export interface ProviderDefinition<
  Config extends CommonClientConfig,
  Filled extends string,
  Defaulted extends string,
  Results extends ResultMap,
> {
  provider: Provider;
  /** The provider's own options; any other key beyond the common ones is refused. */
  configKeys: readonly string[];
  /** Request ids, error envelopes, failures inside a 2xx. */
  adapter: ProviderAdapter;
  /** Endpoint, authentication and filled parameters for one service (`evs`) and its operation table. */
  connect(config: Config, service: string, operations: OperationTable): ProviderConnection<Filled, Defaulted>;
  /** Type only (never set): what the by-name methods resolve to. */
  readonly results?: Results;
}

/** Keeps a provider's definition as it is typed, so its parameter names and result map reach the client type. */
export function defineProvider<
  Config extends CommonClientConfig,
  Filled extends string = never,
  Defaulted extends string = never,
  Results extends ResultMap = SpecResult,
>(definition: ProviderDefinition<Config, Filled, Defaulted, Results>): ProviderDefinition<Config, Filled, Defaulted, Results> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: matches every definition, whatever its configuration type
type AnyDefinition = ProviderDefinition<any, string, string, ResultMap>;

/** The by-name methods a definition gives a service's operations. */
export type ServiceMethods<Definition extends AnyDefinition, Ops> =
  Definition extends ProviderDefinition<infer _Config, infer Filled, infer Defaulted, infer Results>
    ? ProviderMethods<Ops, Filled, Defaulted, Results>
    : never;

/** A service's client: its by-name methods and the generic surfaces typed from them. */
export type ProviderClient<Definition extends AnyDefinition, Ops, Paths extends {}, Table extends OperationTable> = OperationClientBase<
  ServiceMethods<Definition, Pick<Ops, keyof Ops & keyof Table & string>>,
  Paths,
  Table
> &
  ServiceMethods<Definition, Pick<Ops, keyof Ops & keyof Table & string>>;

/** The one factory behind every public `create...Client`. */
export function createProviderClient<Definition extends AnyDefinition, Ops, Paths extends {}, Table extends OperationTable>(
  definition: Definition,
  config: Definition extends ProviderDefinition<infer Config, string, string, ResultMap> ? Config : never,
  service: string,
  operations: Table,
): ProviderClient<Definition, Ops, Paths, Table> {
  const common = resolveCommonConfig(config, definition.provider, definition.configKeys);
  const { filled, defaults, ...connection } = definition.connect(config, service, operations);
  return createOperationClient<ServiceMethods<Definition, Pick<Ops, keyof Ops & keyof Table & string>>, Paths, Table>({
    ...common,
    ...connection,
    adapter: definition.adapter,
    operations,
    fixedParams: filled,
    defaultParams: defaults,
  });
}
