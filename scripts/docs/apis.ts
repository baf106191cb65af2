/**
 * The APIs the docs site documents: every entry of redocly.yaml `apis:`, with the
 * provider, the package subpath and the client factory derived from its name
 * (`huawei-evs` -> provider `huawei`, service `evs`, `createEvsClient` from
 * `cloud-disk-openapi/huawei`). Adding a spec to redocly.yaml adds its page; the
 * only hand-kept data is the small PROVIDERS table below (one entry per provider).
 */
import { bundleSpec, listSpecs, projectRoot, readSpec, type Json, type SpecModel } from "../lib/spec-reader.ts";

export { projectRoot, type Json };

/** What a code sample needs to know about a provider's client (the spec's model says the rest). */
export interface ProviderInfo {
  /** The factory's config object, as TypeScript source (without the braces' indentation); `options`: the client options the spec's `x-client-param`s name. */
  config(api: { options: ReadonlySet<string> }): string;
  /** RPC only: how the docs call each wire style of `x-rpc-protocol` that puts the action in a header. */
  headerStyleNote?: string;
}

/** One entry per provider. Factory names follow `create<Service>Client` unless FACTORY_NAMES says otherwise. */
export const PROVIDERS: Record<string, ProviderInfo> = {
  huawei: {
    config: ({ options }) =>
      [
        `region: "cn-north-4",`,
        ...(options.has("projectId") ? [`projectId: process.env.HW_PROJECT_ID!, // {project_id}`] : []),
        `credentials: {`,
        `  accessKeyId: process.env.HW_ACCESS_KEY_ID!,`,
        `  secretAccessKey: process.env.HW_SECRET_ACCESS_KEY!,`,
        `},`,
      ].join("\n"),
  },
  alibaba: {
    config: () =>
      [
        `regionId: "cn-hangzhou", // endpoint and RegionId`,
        `credentials: {`,
        `  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID!,`,
        `  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET!,`,
        `},`,
      ].join("\n"),
    headerStyleNote: "V3 signature, the client's default",
  },
  ucloudstack: {
    config: () =>
      [
        `// Your deployment's API gateway:`,
        `endpoint: "https://console.example.com/api",`,
        `region: "cn", // fills Region`,
        `zone: "zone-01", // fills Zone (1.x only)`,
        `credentials: {`,
        `  publicKey: process.env.UCS_PUBLIC_KEY!,`,
        `  privateKey: process.env.UCS_PRIVATE_KEY!,`,
        `},`,
      ].join("\n"),
  },
};

/** Factories whose name is not `create<Service>Client` (keyed by redocly.yaml API name). */
const FACTORY_NAMES: Record<string, string> = { ucloudstack: "createUCloudStackClient" };
/** Variable names in samples that differ from the service name. */
const CLIENT_VARIABLES: Record<string, string> = { ucloudstack: "ucs" };

export interface DocApi {
  /** redocly.yaml API name, also the page name: `site/<name>.html`. */
  name: string;
  /** Absolute path of the root spec file. */
  root: string;
  provider: string;
  service: string;
  /** `cloud-disk-openapi/huawei` */
  importPath: string;
  /** `createEvsClient` */
  factory: string;
  /** `evs` */
  clientVariable: string;
}

/** Every API of redocly.yaml, in file order. */
export async function listDocApis(): Promise<DocApi[]> {
  return (await listSpecs()).map(({ name, root, provider, service }) => {
    if (!PROVIDERS[provider])
      throw new Error(`docs: redocly.yaml api '${name}': no PROVIDERS entry for provider '${provider}' (scripts/docs/apis.ts)`);
    const camel = service.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
    return {
      name,
      root,
      provider,
      service,
      importPath: `cloud-disk-openapi/${provider}`,
      factory: FACTORY_NAMES[name] ?? `create${camel}Client`,
      clientVariable: CLIENT_VARIABLES[name] ?? service.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    };
  });
}

/** The API bundled into one document ($refs to other files pulled in; local `#/components` refs kept). */
export async function bundleApi(api: DocApi): Promise<Json> {
  return bundleSpec(api.root, { dereference: false });
}

/** The API's facts and extensions, read by scripts/lib/spec-reader.ts. */
export async function readApi(api: DocApi): Promise<SpecModel> {
  return readSpec(api);
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationRef {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  pathItem: Json;
  operation: Json;
}

/** Every operation of a document, in document order. */
export function operationsOf(document: Json): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, rawItem] of Object.entries<Json>(document.paths ?? {})) {
    const pathItem = deref(document, rawItem);
    for (const method of HTTP_METHODS) if (pathItem[method]) out.push({ path, method, pathItem, operation: pathItem[method] });
  }
  return out;
}

/** Follows local `$ref`s (`#/components/...`) of a bundled document. */
export function deref<T = Json>(document: Json, value: T): T {
  let current: any = value;
  for (let depth = 0; current && typeof current === "object" && typeof current.$ref === "string"; depth++) {
    if (depth > 20) throw new Error(`docs: $ref loop at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`docs: unexpected non-local $ref ${ref} in a bundled document`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node: any, key) => node?.[decodeURIComponent(key)], document);
    if (current === undefined) throw new Error(`docs: unresolved $ref ${ref}`);
  }
  return current as T;
}
