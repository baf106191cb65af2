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
import type { OperationSpec, OperationTable } from "../../core/operations/operation-table.ts";
import type { Timeline } from "../clock.ts";
import type { EmulatedInstance, EmulatorState, ProviderEmulator } from "../emulator-types.ts";
import type { Faults } from "../faults.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import { paramProblem, readParams } from "../request-check.ts";
import { restRouter } from "../rest-router.ts";
import { createSchedule } from "../schedule.ts";
import { documentedMessage, evsError, gatewayError } from "./answers.ts";
import type { HuaweiHandler } from "./call.ts";
import { evsCinderHandlers } from "./evs-cinder.ts";
import { evsNativeHandlers } from "./evs-native.ts";
import { DEFAULT_HUAWEI_FIXTURE, evsTime, huaweiState, type HuaweiFixture, type HuaweiState } from "./model.ts";
import { type HuaweiEmulatorCredentials, verifyHuaweiRequest } from "./verify.ts";

export type { HuaweiFixture } from "./model.ts";
export type { HuaweiEmulatorCredentials } from "./verify.ts";

const handlers = { ...evsNativeHandlers, ...evsCinderHandlers } as Record<string, HuaweiHandler>;
/** The operations that keep state; every other one answers with its documented example. */
export const HUAWEI_STATEFUL_OPERATIONS: readonly string[] = Object.keys(handlers);

const tables: OperationTable[] = [evsTable, ecsTable];
const answers: Record<string, { ok: { status: number; body?: unknown } }> = { ...ecsAnswers, ...evsAnswers };

export interface HuaweiEmulatorOptions {
  credentials: HuaweiEmulatorCredentials;
  fixture: HuaweiFixture | undefined;
  timeline: Timeline;
  faults: Faults;
}

export function createHuaweiEmulator(options: HuaweiEmulatorOptions): ProviderEmulator {
  const { credentials, timeline, faults } = options;
  const fixture = options.fixture ?? DEFAULT_HUAWEI_FIXTURE;
  const schedule = createSchedule();
  const route = restRouter(tables);
  const specOf = (id: string): OperationSpec => (evsTable as OperationTable)[id] ?? (ecsTable as OperationTable)[id]!;
  let state: HuaweiState = huaweiState(fixture, timeline.clock.now());

  function settle(): number {
    const now = timeline.clock.now();
    schedule.run(now);
    return now;
  }

  function handle(request: EmulatorRequest): EmulatorResponse {
    const now = settle();
    const routed = route(request.method, request.url.pathname);
    if (!("operationId" in routed))
      return gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment.");
    const { operationId } = routed;
    return { ...routedAnswer(request, operationId, routed.params, now), operationId };
  }

  function routedAnswer(request: EmulatorRequest, operationId: string, pathParams: Record<string, string>, now: number): EmulatorResponse {
    const authFailure = verifyHuaweiRequest(request, credentials);
    if (authFailure !== undefined) return gatewayError(401, "APIGW.0301", `${documentedMessage("APIGW.0301")}: ${authFailure}`);
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
    let json: unknown;
    if (request.body.length > 0) {
      try {
        json = JSON.parse(request.body.toString("utf8"));
      } catch {
        return evsError(400, "EVS.5400", "Malformed request body.");
      }
    }
    const spec = specOf(operationId);
    const params = readParams(spec, pathParams, request.url.searchParams, request.headers, json);
    const problem = paramProblem(spec, params);
    if (problem !== undefined) return evsError(400, "EVS.5400", `Invalid input received: ${problem}.`);
    const handler = handlers[operationId];
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
      later: (realisticMs, apply) => {
        const at = timeline.dueAt(realisticMs);
        schedule.at(at, () => apply(at));
      },
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
      settle();
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
          createdAt: evsTime(snapshot.createdAt),
        })),
        instances,
        jobs: [...state.jobs.values()].map(({ id, type, status }) => ({ id, type, status })),
      };
    },
    reset() {
      schedule.clear();
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
