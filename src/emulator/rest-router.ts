/**
 * Finds the operation of a REST request from the generated operation tables (the spec's
 * paths, never restated here): method and path template, with the path parameters read
 * out. Where two templates match (`/snapshots/detail` and `/snapshots/{snapshot_id}`), the
 * one with more literal segments wins, as OpenAPI says concrete paths match first.
 */
import type { OperationTable } from "../core/operations/operation-table.ts";

/** An operation of one API (the redocly.yaml name: `huawei-evs`). */
export interface RouteTarget {
  api: string;
  operationId: string;
}

export interface RestRoute {
  /**
   * The operation; when several share the method and path, all of them: the body picks one
   * (`x-body-selector`: Huawei ECS `BatchStartServers`/`BatchStopServers`), or the state does
   * (Huawei EVS and ECS both have `ShowJob` on `/v1/{project_id}/jobs/{job_id}`).
   */
  candidates: RouteTarget[];
  /** Path parameters by name, percent-decoded. */
  params: Record<string, string>;
}

interface CompiledRoute extends RouteTarget {
  method: string;
  /** The path template with parameter names dropped (`/v1/{}/jobs/{}`): routes with the same one share a path. */
  template: string;
  /** Literal segments, or `{name}` for a parameter. */
  segments: Array<{ literal: string } | { param: string }>;
  literals: number;
  /** Every route with this one's method and path (itself included), worked out once. */
  candidates: RouteTarget[];
}

export type RouteResult = RestRoute | { notFound: true } | { methodNotAllowed: true };

export function restRouter(tables: Readonly<Record<string, OperationTable>>): (method: string, pathname: string) => RouteResult {
  const routes: CompiledRoute[] = [];
  for (const [api, table] of Object.entries(tables)) {
    for (const [operationId, spec] of Object.entries(table)) {
      if (spec.rpcAction) continue;
      const segments = spec.path
        .split("/")
        .slice(1)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part)?.[1];
          return param === undefined ? { literal: part } : { param };
        });
      routes.push({
        api,
        operationId,
        method: spec.method.toUpperCase(),
        template: spec.path.replace(/\{[^}]*\}/g, "{}"),
        segments,
        literals: segments.filter((s) => "literal" in s).length,
        candidates: [],
      });
    }
  }
  routes.sort((a, b) => b.literals - a.literals);
  // Per route, the operations sharing its method and path; and the routes by segment count, so a
  // request is matched only against the paths of its own length (the emulator's hot path).
  const byLength = new Map<number, CompiledRoute[]>();
  for (const route of routes) {
    route.candidates = routes
      .filter((other) => other.method === route.method && other.template === route.template)
      .map(({ api, operationId }) => ({ api, operationId }));
    const same = byLength.get(route.segments.length) ?? [];
    same.push(route);
    byLength.set(route.segments.length, same);
  }
  return (method, pathname) => {
    const parts = pathname.split("/").slice(1);
    // A trailing slash is the same resource (Cinder clients send some paths with one).
    if (parts.length > 1 && parts.at(-1) === "") parts.pop();
    let pathMatched = false;
    for (const route of byLength.get(parts.length) ?? []) {
      const params = match(route, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return { candidates: route.candidates.map((target) => ({ ...target })), params };
    }
    return pathMatched ? { methodNotAllowed: true } : { notFound: true };
  };
}

function match(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < parts.length; index++) {
    const segment = route.segments[index]!;
    const part = parts[index]!;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      try {
        params[segment.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
