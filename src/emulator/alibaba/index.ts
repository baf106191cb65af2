/**
 * The Alibaba Cloud ECS emulator: one RPC endpoint. Each request is read in whichever wire
 * form it came (rpc-request.ts), routed by its action with the generated operation table
 * (`rpcAction`), authenticated by the emulator's own verifier (V3 or V1), checked against the
 * spec's parameter schemas, then answered from state (the actions in `ecsHandlers`) or with
 * the spec's documented example. ClientToken idempotency is the front's: the same token with
 * the same parameters gets the first answer again, with other parameters
 * `IdempotentParameterMismatch` (spec CreateSnapshot: "Idempotence").
 */
import { randomBytes } from "node:crypto";
import { answers } from "../../../generated/alibaba/ecs.answers.ts";
import { operationTable } from "../../../generated/alibaba/ecs.operations.ts";
import type { OperationSpec, OperationTable } from "../../core/operations/operation-table.ts";
import type { EmulatorState, ProviderEmulator, ProviderEmulatorOptions } from "../emulator-types.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import { paramProblem } from "../request-check.ts";
import { createTimekeeper } from "../timekeeper.ts";
import { alibabaError, newRequestId } from "./answers.ts";
import type { AlibabaHandler } from "./call.ts";
import { ecsHandlers } from "./ecs.ts";
import { type AlibabaFixture, type AlibabaState, alibabaState, DEFAULT_ALIBABA_FIXTURE, ecsTime } from "./model.ts";
import { flatParams, readWire } from "./rpc-request.ts";
import { type AlibabaEmulatorCredentials, NonceMemory, verifyAlibabaRequest } from "./verify.ts";

/**
 * Most ClientTokens remembered at once (the oldest answer forgotten first). The documents cited
 * in the spec name no period for which a token holds, so the bound is the emulator's own: a retry
 * of a call comes back long before 10,000 other token-carrying calls.
 */
export const KEPT_TOKENS = 10_000;

export type { AlibabaFixture } from "./model.ts";
export type { AlibabaEmulatorCredentials } from "./verify.ts";

const handlers = ecsHandlers as Record<string, AlibabaHandler>;
/** The actions that keep state; every other one answers with its documented example. */
export const ALIBABA_STATEFUL_OPERATIONS: readonly string[] = Object.keys(handlers);

const table = operationTable as OperationTable;
const byAction = new Map<string, [string, OperationSpec]>(
  Object.entries(table).flatMap(([id, spec]) =>
    spec.rpcAction ? [[spec.rpcAction, [id, spec]] as [string, [string, OperationSpec]]] : [],
  ),
);

export type AlibabaEmulatorOptions = ProviderEmulatorOptions<AlibabaEmulatorCredentials, AlibabaFixture>;

export function createAlibabaEmulator(options: AlibabaEmulatorOptions): ProviderEmulator {
  const { credentials, timeline, faults } = options;
  const fixture = options.fixture ?? DEFAULT_ALIBABA_FIXTURE;
  const time = createTimekeeper(timeline);
  const nonces = new NonceMemory();
  let state: AlibabaState = alibabaState(fixture, timeline.clock.now());

  function handle(request: EmulatorRequest): EmulatorResponse {
    const now = time.settle();
    const host = request.headers.host ?? request.url.host;
    const wire = readWire(request);
    const routed = wire.action === undefined ? undefined : byAction.get(wire.action);
    if (!routed) {
      // No action: ECS's common MissingParameter ("Response results"); an unknown one: the gateway's
      // 404 InvalidAction.NotFound with its documented message (common.yaml, openapi/ERRATA.md entry 122).
      if (wire.action === undefined)
        return alibabaError(undefined, "MissingParameter", host, {
          message: "The input parameter Action that is mandatory for processing this request is not supplied.",
        });
      return alibabaError(undefined, "InvalidAction.NotFound", host, { status: 404 });
    }
    const [operationId, spec] = routed;
    return { ...routedAnswer(request, wire.params, operationId, spec, host, now), operationId };
  }

  function routedAnswer(
    request: EmulatorRequest,
    wireParams: Array<[string, string]>,
    operationId: string,
    spec: OperationSpec,
    host: string,
    now: number,
  ): EmulatorResponse {
    const auth = verifyAlibabaRequest(request, wireParams, credentials, nonces);
    if (auth) return alibabaError(operationId, auth.code, host, { message: auth.message });
    const fault = faults.pick(operationId);
    if (fault === "throttled") return alibabaError(operationId, "Throttling.User", host);
    if (fault === "server-error") return alibabaError(operationId, "InternalError", host);
    const { flat, problem: unreadable } = flatParams(spec, wireParams);
    const problem = unreadable ?? paramProblem(spec, { flat, body: undefined });
    if (problem !== undefined) {
      const missing = /^(\S+) is required$/.exec(problem)?.[1];
      return missing
        ? alibabaError(operationId, "MissingParameter", host, {
            message: `The input parameter ${missing} that is mandatory for processing this request is not supplied.`,
          })
        : // ECS's common code for an invalid parameter (common.yaml `InvalidParameter`), saying which and why.
          alibabaError(operationId, "InvalidParameter", host, { message: `The specified parameter is not valid: ${problem}.` });
    }
    const tokenName = spec.clientToken;
    const token = tokenName ? flat[tokenName] : undefined;
    let fingerprint = "";
    if (typeof token === "string" && flat.DryRun !== true) {
      fingerprint = JSON.stringify(
        Object.entries(flat)
          .filter(([name]) => name !== tokenName)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
      const seen = state.tokens.get(`${operationId} ${token}`);
      if (seen) {
        if (seen.fingerprint !== fingerprint) return alibabaError(operationId, "IdempotentParameterMismatch", host);
        return { status: 200, body: { ...(seen.body as object), RequestId: newRequestId() } };
      }
    }
    const handler = handlers[operationId];
    if (!handler) {
      if (flat.DryRun === true) return alibabaError(operationId, "DryRunOperation", host);
      const ok = answers[operationId]!.ok;
      return ok.body === undefined ? { status: ok.status } : { status: ok.status, body: ok.body };
    }
    const answer = handler({
      operationId,
      params: flat,
      state,
      now,
      later: time.later,
      endsInError: faults.takeResourceError(operationId),
      dryRun: flat.DryRun === true,
      host,
      request,
    });
    if (typeof token === "string" && fingerprint && answer.status === 200) {
      state.tokens.set(`${operationId} ${token}`, { operationId, fingerprint, body: answer.body });
      // Our client (and the official SDKs) fill a fresh ClientToken into every call that takes one,
      // so an emulator that kept them all would grow with every snapshot created: the oldest go first.
      if (state.tokens.size > KEPT_TOKENS) state.tokens.delete(state.tokens.keys().next().value!);
    }
    return answer;
  }

  return {
    provider: "alibaba",
    api: "alibaba-ecs",
    handle,
    failure(kind, request) {
      const host = request.headers.host ?? request.url.host;
      return kind === "too-large"
        ? alibabaError(undefined, "InvalidParameter", host, { message: "The request body is too large." })
        : alibabaError(undefined, "InternalError", host);
    },
    state(): EmulatorState {
      time.settle();
      return {
        volumes: [...state.disks.values()].map((disk) => ({
          id: disk.id,
          name: disk.name,
          status: disk.status,
          size: disk.size,
          instanceId: disk.instanceId,
          device: disk.device,
          bootable: disk.type === "system",
          createdAt: ecsTime(disk.createdAt),
        })),
        snapshots: [...state.snapshots.values()].map((snapshot) => ({
          id: snapshot.id,
          volumeId: snapshot.diskId,
          name: snapshot.name,
          status: snapshot.status,
          size: snapshot.sourceDiskSize,
          progress: snapshot.progress,
          usable: snapshot.usable,
          createdAt: ecsTime(snapshot.createdAt),
        })),
        instances: [...state.instances.values()].map(({ id, name, status }) => ({ id, name, status })),
        jobs: [],
      };
    },
    reset() {
      time.clear();
      nonces.clear();
      state = alibabaState(fixture, timeline.clock.now());
    },
    clientConfig(endpoint) {
      return { endpoint, regionId: state.regionId, credentials: { ...credentials } };
    },
  };
}

/** A fresh AccessKey pair for an emulator started without credentials (returned in `clientConfig`). */
export function generatedAlibabaCredentials(): AlibabaEmulatorCredentials {
  return { accessKeyId: `LTAI${randomBytes(10).toString("hex").slice(0, 20)}`, accessKeySecret: randomBytes(15).toString("base64url") };
}
