/**
 * The Prism `route` component for operations told apart by their body (`x-wire-path` +
 * `x-body-selector`, read by scripts/lib/spec-reader.ts): Huawei ECS `BatchStartServers` and
 * `BatchStopServers` are both `POST /v1/{project_id}/cloudservers/action`, the body holding
 * `os-start` or `os-stop`. The spec describes each under a pseudo-path (`…/action#os-stop`);
 * a request on the real path goes to the one operation its body selects, with the real path
 * template, so Prism validates the path parameters and the body against that operation. A
 * body that selects none (or, against the reader's checks, several) is a 422 problem naming
 * the selectors. Every other request goes to Prism's own router.
 */
import * as E from "fp-ts/lib/Either.js";
import { ProblemJsonError } from "@stoplight/prism-http";
// Deep imports: Prism 5.16.0 has no exports map, so they resolve (the pin keeps it that way).
import { UNPROCESSABLE_ENTITY } from "@stoplight/prism-http/dist/mocker/errors.js";
import stockRouteModule from "@stoplight/prism-http/dist/router/index.js";
import type { BodySelector, SpecModel, SpecOperation } from "../lib/spec-reader.ts";

type Json = Record<string, any>;
type Route = (args: { resources: Json[]; input: Json }) => unknown;

const stockRoute = ((stockRouteModule as { default?: unknown }).default ?? stockRouteModule) as Route;

interface SharedPath {
  method: string;
  wirePath: string;
  pattern: RegExp;
  operations: SpecOperation[];
}

/** `/v1/{project_id}/cloudservers/action` -> a pattern for one request path (a placeholder is one segment). */
function pathPattern(template: string): RegExp {
  const parts = template.split(/\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/]+")}/?$`);
}

/** Whether a (parsed JSON) body has the selector's property, holding its value if it names one. */
export function selects(selector: BodySelector, body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body) || !Object.hasOwn(body, selector.property)) return false;
  return selector.value === undefined || (body as Json)[selector.property] === selector.value;
}

const describeSelector = (op: SpecOperation) =>
  op.bodySelector!.value === undefined
    ? `${op.id} (a "${op.bodySelector!.property}" property)`
    : `${op.id} ("${op.bodySelector!.property}": "${op.bodySelector!.value}")`;

/** The route component, or undefined when the spec has no body-selected operations. */
export function bodySelectorRoute(spec: SpecModel, fallback: Route = stockRoute): Route | undefined {
  const shared = new Map<string, SharedPath>();
  for (const op of spec.operations) {
    if (!op.bodySelector) continue;
    const key = `${op.method} ${op.wirePath}`;
    const entry = shared.get(key) ?? { method: op.method, wirePath: op.wirePath, pattern: pathPattern(op.wirePath), operations: [] };
    entry.operations.push(op);
    shared.set(key, entry);
  }
  if (!shared.size) return undefined;
  return (args) => {
    const method = String(args.input.method).toLowerCase();
    const path = String(args.input.url?.path ?? "");
    const entry = [...shared.values()].find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!entry) return fallback(args);
    const chosen = entry.operations.filter((op) => selects(op.bodySelector!, args.input.body));
    const resource = chosen.length === 1 && args.resources.find((r) => r.method === method && r.path === chosen[0]!.path);
    if (!resource)
      return E.left(
        ProblemJsonError.fromTemplate(
          UNPROCESSABLE_ENTITY,
          `${method.toUpperCase()} ${entry.wirePath}: the body selects ${chosen.length ? chosen.map((op) => op.id).join(" and ") : "no operation"}; ` +
            `it must select exactly one of ${entry.operations.map(describeSelector).join(", ")}`,
        ),
      );
    // The real path template: Prism reads the path parameters from it.
    return E.right({ ...resource, path: entry.wirePath });
  };
}
