/**
 * The parameters a client fills from its configuration, as the spec declares them
 * (`x-client-param`, generated as `clientParams`): `always` ones on every call that takes
 * them, refused per call (Huawei `project_id` from `projectId`); `default` ones when a
 * call passes none (Alibaba `RegionId` from `regionId`). Each value is checked once, here,
 * against the parameter's own schema, so a bad option fails at construction, naming it.
 */
import type { Provider } from "../common/errors.ts";
import { findFailure } from "../operations/param-check.ts";
import type { OperationTable } from "../operations/operation-table.ts";
import type { ClientParams } from "../operations/service-spec.ts";
import { configError } from "./config.ts";

export interface ResolvedClientParams {
  filled: Record<string, string>;
  defaults: Record<string, unknown>;
}

export function resolveClientParams(
  params: ClientParams,
  operations: OperationTable,
  config: object,
  provider: Provider,
): ResolvedClientParams {
  const resolved: ResolvedClientParams = { filled: {}, defaults: {} };
  for (const [name, { option, fill }] of Object.entries(params)) {
    const value: unknown = Reflect.get(config, option);
    if (value === undefined) {
      if (fill === "always") throw configError(option, `is required: it fills '${name}' in every call`, provider);
      continue;
    }
    if (typeof value !== "string") throw configError(option, "must be a string", provider);
    // Every operation that takes the parameter has the same schema for it (the spec reader checks the extension is the same everywhere).
    const check = Object.values(operations).find((operation) => operation.params?.pr?.[name] !== undefined)?.params?.pr?.[name];
    const failure = check === undefined ? undefined : findFailure(check, value, option);
    if (failure) throw configError(option, `${failure[1]} (it fills '${name}')`, provider);
    if (fill === "always") resolved.filled[name] = value;
    else resolved.defaults[name] = value;
  }
  return resolved;
}
