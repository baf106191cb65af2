/**
 * What a Huawei handler gets: the routed call (its body typed from the spec: it has been
 * checked against the operation's schema before the handler runs), the state, the clock,
 * and a way to schedule what happens later.
 */
import type { operations as EcsOperations } from "../../../generated/huawei/ecs.ts";
import type { operations as EvsOperations } from "../../../generated/huawei/evs.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import type { HuaweiState } from "./model.ts";

export interface HuaweiCall<Body = unknown> {
  operationId: string;
  /** Path and query parameters, with query values read as the spec types them (numbers, booleans). */
  params: Record<string, unknown>;
  /** The JSON body without its `null`s, checked against the operation's schema. */
  body: Body;
  state: HuaweiState;
  /** The emulator clock, in epoch ms. */
  now: number;
  /** Runs `apply` once a transition that realistically takes `realisticMs` is over (scaled by the timing), with the time it ended. */
  later(realisticMs: number, apply: (at: number) => void): void;
  /** Whether a test asked this call's resource to end in an error state (`faults.failNext({ kind: "resource-error" })`). */
  endsInError: boolean;
  request: EmulatorRequest;
}

type BodyOf<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : Operation extends { requestBody?: { content: { "application/json": infer Body } } }
    ? Body | undefined
    : undefined;

type HandlersOf<Operations> = { [Id in keyof Operations]?: (call: HuaweiCall<BodyOf<Operations[Id]>>) => EmulatorResponse };

export type EvsHandlers = HandlersOf<EvsOperations>;
export type EcsHandlers = HandlersOf<EcsOperations>;
export type HuaweiHandler = (call: HuaweiCall<unknown>) => EmulatorResponse;
