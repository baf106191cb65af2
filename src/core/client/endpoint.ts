/**
 * A service's base URL from its spec's first server (`servers` in the generated table):
 * each `{variable}` is filled from the client option of the same name (`region`,
 * `regionId`, `endpoint`), a region the spec maps to another host (`x-region-hosts`, the
 * official SDK's endpoint map) gets that host, and an `endpoint` option replaces the
 * template altogether (a mock, a proxy, a private link). Nothing here knows a host name.
 */
import type { Provider } from "../common/errors.ts";
import type { ServerSpec } from "../operations/service-spec.ts";
import { REGION_ID, configError, parseEndpoint, requireString } from "./config.ts";

/** The option that replaces a templated server (for a server that is `{endpoint}` itself, it fills it). */
const ENDPOINT_OPTION = "endpoint";

/** The host `regionHosts` gives `region`, if any (host -> space-separated regions, as generated). */
export function regionHost(server: ServerSpec, region: string): string | undefined {
  for (const [host, regions] of Object.entries(server.regionHosts ?? {})) if (regions.split(" ").includes(region)) return host;
  return undefined;
}

/** `https://evs.{region}.myhuaweicloud.com` with `region: "cn-north-4"`, or the `endpoint` option, checked, without a trailing slash. */
export function resolveBaseUrl(servers: readonly ServerSpec[], config: object, provider: Provider): string {
  const option = (name: string): unknown => Reflect.get(config, name);
  const server = servers[0];
  const wholeUrl = server?.variables.find((variable) => server.url === `{${variable}}`);
  if (!server || (option(ENDPOINT_OPTION) !== undefined && wholeUrl === undefined))
    return parseEndpoint(option(ENDPOINT_OPTION), ENDPOINT_OPTION, provider);
  if (wholeUrl !== undefined) return parseEndpoint(option(wholeUrl), wholeUrl, provider);
  let url = server.url;
  let host: string | undefined;
  for (const variable of server.variables) {
    if (option(variable) === undefined)
      throw configError(variable, `is required: it fills ${server.url} (or pass '${ENDPOINT_OPTION}')`, provider);
    // A value that could end the host name or start a path is refused before it is written into one.
    const value = requireString(
      option(variable),
      variable,
      provider,
      REGION_ID,
      `a region id such as 'cn-north-4' (or pass '${ENDPOINT_OPTION}')`,
    );
    url = url.replace(`{${variable}}`, value);
    host ??= regionHost(server, value);
  }
  if (host) {
    const mapped = new URL(url);
    mapped.host = host;
    url = mapped.href;
  }
  return parseEndpoint(url, server.variables[0] ?? ENDPOINT_OPTION, provider);
}
