/**
 * What an Alibaba handler gets: the routed call, its parameters typed from the spec (they
 * have been read from the wire and checked against the operation's schemas before the
 * handler runs), the state, the clock, and a way to schedule what happens later.
 */
import type { operations } from "../../../generated/alibaba/ecs.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import type { AlibabaState } from "./model.ts";

export interface AlibabaCall<Params = Record<string, unknown>> {
  operationId: string;
  /** The client's flat parameters: flat-indexed lists as arrays, numbers and booleans typed. */
  params: Params;
  state: AlibabaState;
  /** The emulator clock, in epoch ms. */
  now: number;
  /** Runs `apply` once a transition that realistically takes `realisticMs` is over (scaled by the timing), with the time it ended. */
  later(realisticMs: number, apply: (at: number) => void): void;
  /** Whether a test asked this call's resource to end in an error state (`faults.failNext({ kind: "resource-error" })`). */
  endsInError: boolean;
  /** `DryRun=true`: check everything, change nothing, answer `DryRunOperation`. */
  dryRun: boolean;
  /** The host that answers (the envelope's `HostId`). */
  host: string;
  request: EmulatorRequest;
}

type QueryOf<Operation> = Operation extends { parameters: { query: infer Query } }
  ? Query
  : Operation extends { parameters: { query?: infer Query } }
    ? Query | undefined
    : Record<string, never>;

export type EcsHandlers = {
  [Id in keyof operations]?: (call: AlibabaCall<NonNullable<QueryOf<operations[Id]>>>) => EmulatorResponse;
};
export type AlibabaHandler = (call: AlibabaCall) => EmulatorResponse;
