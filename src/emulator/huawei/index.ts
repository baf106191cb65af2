/**
 * The Huawei Cloud emulator: EVS (native and Cinder-compatible paths) and the ECS server
 * operations, on one endpoint. Each request is routed by the generated operation tables,
 * authenticated by the emulator's own verifier, checked against the spec's parameter
 * schemas, then answered from state (the operations in `huaweiHandlers`) or with the
 * spec's documented example.
 */
import { randomUUID } from "node:crypto";
import { operationTable as ecsTable } from "../../../generated/huawei/ecs.operations.ts";
import { answers as ecsAnswers } from "../../../generated/huawei/ecs.answers.ts";
import { operationTable as evsTable } from "../../../generated/huawei/evs.operations.ts";
import { answers as evsAnswers } from "../../../generated/huawei/evs.answers.ts";
import type { OperationTable } from "../../core/operations/operation-table.ts";
import type { EmulatedInstance, EmulatorState, ProviderEmulator, ProviderEmulatorOptions } from "../emulator-types.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import { paramProblem, readParams } from "../request-check.ts";
import { type RouteTarget, restRouter } from "../rest-router.ts";
import { createTimekeeper } from "../timekeeper.ts";
import { documentedMessage, evsError, gatewayError } from "./answers.ts";
import type { HuaweiHandler } from "./call.ts";
import { ecsHandlers } from "./ecs.ts";
import { evsCinderHandlers } from "./evs-cinder.ts";
import { evsNativeHandlers } from "./evs-native.ts";
import { DEFAULT_HUAWEI_FIXTURE, evsTime, huaweiState, type HuaweiFixture, type HuaweiState } from "./model.ts";
import { type HuaweiEmulatorCredentials, verifyHuaweiRequest } from "./verify.ts";

export type { HuaweiFixture } from "./model.ts";
export type { HuaweiEmulatorCredentials } from "./verify.ts";

type Answers = Record<string, { ok: { status: number; body?: unknown }; selector?: { property: string; value?: string } }>;

/** Per API (the redocly.yaml names): its operation table, documented answers and stateful handlers. */
const apis = {
  "huawei-evs": {
    table: evsTable as OperationTable,
    answers: evsAnswers as Answers,
    handlers: { ...evsNativeHandlers, ...evsCinderHandlers },
  },
  "huawei-ecs": { table: ecsTable as OperationTable, answers: ecsAnswers as Answers, handlers: ecsHandlers },
};
type Api = keyof typeof apis;

/** The operations that keep state, by API; every other one answers with its documented example. */
export const HUAWEI_STATEFUL_OPERATIONS: Readonly<Record<Api, readonly string[]>> = {
  "huawei-evs": Object.keys(apis["huawei-evs"].handlers),
  "huawei-ecs": Object.keys(apis["huawei-ecs"].handlers),
};

export type HuaweiEmulatorOptions = ProviderEmulatorOptions<HuaweiEmulatorCredentials, HuaweiFixture>;

export function createHuaweiEmulator(options: HuaweiEmulatorOptions): ProviderEmulator {
  const { credentials, timeline, faults } = options;
  const fixture = options.fixture ?? DEFAULT_HUAWEI_FIXTURE;
  const time = createTimekeeper(timeline);
  const route = restRouter({ "huawei-evs": evsTable, "huawei-ecs": ecsTable });
  let state: HuaweiState = huaweiState(fixture, timeline.clock.now());

  function handle(request: EmulatorRequest): EmulatorResponse {
    const now = time.settle();
    const routed = route(request.method, request.url.pathname);
    if (!("candidates" in routed))
      return gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment.");
    const authFailure = verifyHuaweiRequest(request, credentials);
    const first = routed.candidates[0]!;
    const tag = (answer: EmulatorResponse, api: string, operationId: string) => ({ ...answer, api, operationId });
    if (authFailure !== undefined)
      return tag(gatewayError(401, "APIGW.0301", `${documentedMessage("APIGW.0301")}: ${authFailure}`), first.api, first.operationId);
    let json: unknown;
    if (request.body.length > 0) {
      try {
        json = JSON.parse(request.body.toString("utf8"));
      } catch {
        return tag(evsError(400, "EVS.5400", "Malformed request body."), first.api, first.operationId);
      }
    }
    const chosen = choose(routed.candidates, json, routed.params);
    if ("problem" in chosen) return tag(evsError(400, "EVS.5400", chosen.problem), first.api, first.operationId);
    return tag(routedAnswer(request, chosen.api, chosen.operationId, routed.params, json, now), chosen.api, chosen.operationId);
  }

  /**
   * One operation of those sharing a method and path: the one the body selects
   * (`x-body-selector`), or, for `ShowJob` (EVS and ECS), the API whose job it is.
   */
  function choose(
    candidates: RouteTarget[],
    body: unknown,
    params: Record<string, string>,
  ): { api: Api; operationId: string } | { problem: string } {
    if (candidates.length === 1) return candidates[0] as { api: Api; operationId: string };
    const withSelectors = candidates.filter(({ api, operationId }) => apis[api as Api].answers[operationId]?.selector);
    if (withSelectors.length > 0) {
      const picked = withSelectors.filter(({ api, operationId }) => {
        const selector = apis[api as Api].answers[operationId]!.selector!;
        const record = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
        return (
          record !== undefined &&
          Object.hasOwn(record, selector.property) &&
          (selector.value === undefined || record[selector.property] === selector.value)
        );
      });
      if (picked.length === 1) return picked[0] as { api: Api; operationId: string };
      return {
        problem: `Invalid input received: the body must select exactly one of ${withSelectors.map((c) => c.operationId).join(", ")}.`,
      };
    }
    const job = params.job_id === undefined ? undefined : state.jobs.get(params.job_id);
    const service = job?.service === "ecs" ? "huawei-ecs" : "huawei-evs";
    return (candidates.find((candidate) => candidate.api === service) ?? candidates[0]) as { api: Api; operationId: string };
  }

  function routedAnswer(
    request: EmulatorRequest,
    api: Api,
    operationId: string,
    pathParams: Record<string, string>,
    json: unknown,
    now: number,
  ): EmulatorResponse {
    const fault = faults.pick(operationId);
    if (fault === "throttled")
      return gatewayError(
        429,
        "APIGW.0308",
        "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute",
      );
    if (fault === "server-error") return evsError(500, "EVS.5500", "Internal server error.");
    if (pathParams.project_id !== undefined && pathParams.project_id !== state.projectId)
      return evsError(400, "EVS.5400", "invalid tenant id!");
    const { table, answers, handlers } = apis[api];
    const spec = table[operationId]!;
    const params = readParams(spec, pathParams, request.url.searchParams, request.headers, json);
    const problem = paramProblem(spec, params);
    if (problem !== undefined) return evsError(400, "EVS.5400", `Invalid input received: ${problem}.`);
    const handler = (handlers as Record<string, HuaweiHandler | undefined>)[operationId];
    if (!handler) {
      const ok = answers[operationId]!.ok;
      return ok.body === undefined ? { status: ok.status } : { status: ok.status, body: ok.body };
    }
    return handler({
      operationId,
      params: params.flat,
      body: params.body,
      state,
      now,
      later: time.later,
      endsInError: faults.takeResourceError(operationId),
      request,
    });
  }

  return {
    provider: "huawei",
    handle,
    failure(kind) {
      return kind === "too-large"
        ? evsError(413, "EVS.5400", "Request body too large.")
        : evsError(500, "EVS.5500", "Internal server error.");
    },
    state(): EmulatorState {
      time.settle();
      const instances: EmulatedInstance[] = [...state.servers.values()].map(({ id, name, status }) => ({ id, name, status }));
      return {
        volumes: [...state.volumes.values()].map((volume) => ({
          id: volume.id,
          name: volume.name,
          status: volume.status,
          size: volume.size,
          instanceId: volume.attachment?.serverId,
          device: volume.attachment?.device,
          bootable: volume.bootable,
          createdAt: evsTime(volume.createdAt),
        })),
        snapshots: [...state.snapshots.values()].map((snapshot) => ({
          id: snapshot.id,
          volumeId: snapshot.volumeId,
          name: snapshot.name,
          status: snapshot.status,
          size: snapshot.size,
          progress: snapshot.status === "creating" ? 0 : 100,
          usable: snapshot.status === "available",
          createdAt: evsTime(snapshot.createdAt),
        })),
        instances,
        jobs: [...state.jobs.values()].map(({ id, type, status }) => ({ id, type, status })),
      };
    },
    reset() {
      time.clear();
      state = huaweiState(fixture, timeline.clock.now());
    },
    clientConfig(endpoint) {
      return { endpoint, projectId: state.projectId, credentials: { ...credentials } };
    },
  };
}

/** Fresh AK/SK for an emulator started without credentials (returned in `clientConfig`). */
export function generatedHuaweiCredentials(): HuaweiEmulatorCredentials {
  return { accessKeyId: `EMU${randomUUID().replace(/-/g, "").slice(0, 17).toUpperCase()}`, secretAccessKey: randomUUID() + randomUUID() };
}
