/**
 * A provider in one object: `defineProvider` in `src/<provider>/provider.ts` says how a
 * configuration authenticates, which error adapter reads the answers, which of the spec's
 * RPC wire styles it sends, and (types only) what a by-name method resolves to. Everything
 * else a client needs comes from the service's generated `service` value: the host
 * (`servers`), the parameters the client fills (`clientParams`), where the action travels
 * (`rpcProtocol`), error categories and the operation table. `createProviderClient` (or a
 * factory from `clientFactory`) joins the two, the same way for every provider and service.
 */
import type { Provider } from "../common/errors.ts";
import type { Redactor } from "../common/redact.ts";
import type { Authenticate } from "../http/transport.ts";
import { createOperationClient, type OperationClientBase, type ProviderAdapter } from "../operations/operation-client.ts";
import type { OperationTable } from "../operations/operation-table.ts";
import type { MethodName, OperationArgs, OperationResult } from "../operations/operation-types.ts";
import { placeActionFor } from "../operations/rpc.ts";
import type { ClientParams, ServiceSpec } from "../operations/service-spec.ts";
import { resolveClientParams } from "./client-params.ts";
import { assertConfigObject, configError, resolveCommonConfig, type CommonClientConfig } from "./config.ts";
import { resolveBaseUrl } from "./endpoint.ts";

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

/** How one client of a provider authenticates, resolved from its configuration. */
export interface ProviderConnection {
  /** The per-attempt step that returns a new, authenticated request. */
  authenticate: Authenticate;
  /** Knows this client's secrets, so nothing printed holds them. */
  redactor: Redactor;
  /** RPC APIs: which of the spec's wire styles (`x-rpc-protocol`) this client sends (Alibaba `v3`/`v1`); the only one when the spec has one. */
  rpcStyle?: string;
}

export interface ProviderDefinition<Config extends CommonClientConfig, Results extends ResultMap> {
  provider: Provider;
  /**
   * The provider's own options; any other key beyond the common ones is refused. The spec
   * names some of them: its server variables (`region`) and the options its client-filled
   * parameters come from (`projectId`), which the factory reads itself.
   */
  configKeys: readonly string[];
  /** Request ids, error envelopes, failures inside a 2xx. */
  adapter: ProviderAdapter;
  /** Authentication (and, for RPC APIs, the wire style) for one service. */
  connect(config: Config, service: AnyServiceSpec): ProviderConnection;
  /** Type only (never set): what the by-name methods resolve to. */
  readonly results?: Results;
}

/** Keeps a provider's definition as it is typed, so its configuration and result map reach the client type. */
export function defineProvider<Config extends CommonClientConfig, Results extends ResultMap = SpecResult>(
  definition: ProviderDefinition<Config, Results>,
): ProviderDefinition<Config, Results> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: matches every definition, whatever its configuration type
type AnyDefinition = ProviderDefinition<any, ResultMap>;
// biome-ignore lint/suspicious/noExplicitAny: matches every generated service, whatever its operation types
export type AnyServiceSpec = ServiceSpec<any, OperationTable, ClientParams>;

type ConfigOf<Definition> = Definition extends ProviderDefinition<infer Config, ResultMap> ? Config : never;
type ResultsOf<Definition> = Definition extends ProviderDefinition<infer _Config, infer Results> ? Results : never;
type OpsOf<Service extends AnyServiceSpec> = NonNullable<Service["types"]>["operations"];
type TableOf<Service extends AnyServiceSpec> = Service["operations"];
type ParamsOf<Service extends AnyServiceSpec> = Service["clientParams"];

/** The service's client-filled parameters whose `fill` is `Fill` (`"always"`: `project_id`). */
type FilledBy<Params, Fill extends string> = { [Name in keyof Params]: Params[Name] extends { fill: Fill } ? Name : never }[keyof Params] &
  string;
/** The options the service cannot do without: those that fill an `always` parameter (`projectId` for EVS). */
type RequiredOptions<Params> = {
  [Name in keyof Params as Params[Name] extends { fill: "always"; option: infer Option extends string } ? Option : never]: string;
};

/** The operations the service's table has, with their generated types. */
type ServiceOps<Service extends AnyServiceSpec> = Pick<OpsOf<Service>, keyof OpsOf<Service> & keyof TableOf<Service> & string>;

/** The by-name methods a definition gives a service's operations. */
export type ServiceMethods<Definition extends AnyDefinition, Service extends AnyServiceSpec> = ProviderMethods<
  ServiceOps<Service>,
  FilledBy<ParamsOf<Service>, "always">,
  FilledBy<ParamsOf<Service>, "default">,
  ResultsOf<Definition>
>;

/** The configuration a service's factory takes: the provider's, with the options the service's spec requires made required. */
export type ServiceConfig<Definition extends AnyDefinition, Service extends AnyServiceSpec> = ConfigOf<Definition> &
  RequiredOptions<ParamsOf<Service>>;

/** A service's client: its by-name methods and the generic surfaces typed from them. */
export type ProviderClient<Definition extends AnyDefinition, Service extends AnyServiceSpec> = OperationClientBase<
  ServiceMethods<Definition, Service>,
  TableOf<Service>
> &
  ServiceMethods<Definition, Service>;

/** The one factory behind every public `create...Client`. */
export function createProviderClient<Definition extends AnyDefinition, Service extends AnyServiceSpec>(
  definition: Definition,
  config: ServiceConfig<Definition, Service>,
  service: Service,
): ProviderClient<Definition, Service> {
  const { provider } = definition;
  const common = resolveCommonConfig(config, provider, definition.configKeys);
  assertConfigObject(config, provider);
  const { authenticate, redactor, rpcStyle } = definition.connect(config, service);
  const { filled, defaults } = resolveClientParams(service.clientParams, service.operations, config, provider);
  return createOperationClient<ServiceMethods<Definition, Service>, TableOf<Service>>({
    ...common,
    baseUrl: resolveBaseUrl(service.servers, config, provider),
    authenticate,
    redactor,
    adapter: definition.adapter,
    operations: service.operations,
    errorCategories: service.errorCategories,
    fixedParams: filled,
    defaultParams: defaults,
    placeAction: placeActionOf(service, rpcStyle, provider),
  });
}

/** A public factory for one service: `export const createEvsClient = clientFactory(huawei, evs);`. */
export function clientFactory<Definition extends AnyDefinition, Service extends AnyServiceSpec>(
  definition: Definition,
  service: Service,
): (config: ServiceConfig<Definition, Service>) => ProviderClient<Definition, Service> {
  return (config) => createProviderClient(definition, config, service);
}

/** The chosen wire style of an RPC spec as a `PlaceAction`; `undefined` for a REST spec. */
function placeActionOf(service: AnyServiceSpec, style: string | undefined, provider: Provider) {
  const protocol = service.rpcProtocol;
  if (!protocol) return undefined;
  const styles = Object.keys(protocol.styles);
  const name = style ?? (styles.length === 1 ? styles[0]! : undefined);
  const chosen = name === undefined ? undefined : protocol.styles[name];
  // A provider definition naming a style its spec does not have is our bug, not the caller's; say which.
  if (!chosen) throw configError("rpcStyle", `must be one of ${styles.join(", ")} (the wire styles of ${service.name}'s spec)`, provider);
  return placeActionFor(chosen, service.version);
}
