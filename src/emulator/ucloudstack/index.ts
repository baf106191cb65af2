/**
 * The UCloudStack emulator: one gateway URL, every action a `POST` with its parameters in a
 * JSON or form body. Each request is read (wire.ts), its action looked up in the generated
 * operation table (`rpcAction`), its signature checked by the emulator's own verifier, the
 * fault knobs consulted, its parameters checked against the spec, then answered from state
 * (actions.ts). Every answer is HTTP 200 with `RetCode` (0 or the documented failure code).
 *
 * Order of the checks and their RetCodes (1.x return-code list, spec catalog): no `Action`
 * 154; `PublicKey`/`Signature` missing 170, not verifying 171; an action this API does not
 * have 140 (the lists name no code for it: the generic parameter error); throttled 165;
 * injected server error 130; a required parameter missing 229; any other parameter problem
 * 140; a `Region` other than the emulator's 162, a `Zone` other than its zone 163.
 */
import { randomBytes } from "node:crypto";
import { answers } from "../../../generated/ucloudstack/ucloudstack.answers.ts";
import { operationTable } from "../../../generated/ucloudstack/ucloudstack.operations.ts";
import type { OperationSpec } from "../../core/operations/operation-table.ts";
import type { EmulatorState, ProviderEmulator, ProviderEmulatorOptions } from "../emulator-types.ts";
import type { EmulatorRequest, EmulatorResponse } from "../http-server.ts";
import { createTimekeeper } from "../timekeeper.ts";
import { type UcsHandler, handlers } from "./actions.ts";
import { failure } from "./answers.ts";
import { DEFAULT_UCLOUDSTACK_FIXTURE, type UCloudStackFixture, type UcsState, ucloudStackState } from "./model.ts";
import { type UCloudStackEmulatorCredentials, verifyUCloudStackParams } from "./verify.ts";
import { businessParams, readWire } from "./wire.ts";

export type { UCloudStackFixture } from "./model.ts";
export type { UCloudStackEmulatorCredentials } from "./verify.ts";

/** The generated table's rows by wire action (`x-rpc-action`): the one place actions come from. */
const byAction = new Map<string, [string, OperationSpec]>(
  Object.entries(operationTable as Record<string, OperationSpec>).flatMap(([id, spec]) =>
    spec.rpcAction === undefined ? [] : [[spec.rpcAction, [id, spec] as [string, OperationSpec]]],
  ),
);
const stateful = handlers as unknown as Record<string, UcsHandler | undefined>;

/** The operations that keep state; every other one answers with its documented example (none: all 13 keep state). */
export const UCLOUDSTACK_STATEFUL_OPERATIONS: readonly string[] = Object.keys(operationTable).filter((id) => stateful[id] !== undefined);

export type UCloudStackEmulatorOptions = ProviderEmulatorOptions<UCloudStackEmulatorCredentials, UCloudStackFixture>;

export function createUCloudStackEmulator(options: UCloudStackEmulatorOptions): ProviderEmulator {
  const { credentials, timeline, faults } = options;
  const fixture = options.fixture ?? DEFAULT_UCLOUDSTACK_FIXTURE;
  const time = createTimekeeper(timeline);
  let state: UcsState = ucloudStackState(fixture, timeline.clock.now());

  function handle(request: EmulatorRequest): EmulatorResponse {
    const now = time.settle();
    const wire = readWire(request);
    if ("problem" in wire) return failure(undefined, "140", wire.problem);
    const action = wire.params.Action;
    if (typeof action !== "string" || action === "") return failure(undefined, "154");
    const routed = byAction.get(action);
    const operationId = routed?.[0];
    const answer = (response: EmulatorResponse): EmulatorResponse => (operationId === undefined ? response : { ...response, operationId });
    const authFailure = verifyUCloudStackParams(wire.params, credentials);
    if (authFailure) return answer(failure(action, authFailure.retCode, authFailure.detail));
    if (!routed)
      return answer(failure(action, "140", `${action.length > 40 ? `${action.slice(0, 40)}…` : action} is not an action of this API`));
    const [id, spec] = routed;
    const fault = faults.pick(id);
    if (fault === "throttled") return answer(failure(action, "165"));
    if (fault === "server-error") return answer(failure(action, "130"));
    const read = businessParams(spec, wire.params, wire.form);
    if ("problem" in read) return answer(failure(action, read.missing ? "229" : "140", read.problem));
    const { Region, Zone } = read.params;
    if (Region !== state.region) return answer(failure(action, "162", `${String(Region)}`));
    if (Zone !== undefined && Zone !== state.zone) return answer(failure(action, "163", `${String(Zone)}`));
    const handler = stateful[id];
    if (!handler) {
      const ok = answers[id]!.ok;
      return answer({ status: ok.status, body: ok.body });
    }
    return answer(
      handler({
        action,
        params: read.params,
        state,
        now,
        later: time.later,
        endsInError: faults.takeResourceError(id),
      }),
    );
  }

  return {
    provider: "ucloudstack",
    api: "ucloudstack",
    handle,
    failure(kind, request) {
      // The gateway answers in a 200 with a RetCode whatever went wrong (the spec documents no 4xx or 5xx).
      const wire = kind === "crash" ? readWire(request) : undefined;
      const named = wire && "params" in wire ? wire.params.Action : undefined;
      const action = typeof named === "string" ? named : undefined;
      return kind === "too-large" ? failure(action, "140", "the request body is too large") : failure(action, "130");
    },
    state(): EmulatorState {
      time.settle();
      return {
        volumes: [...state.disks.values()].map((disk) => ({
          id: disk.id,
          name: disk.name,
          status: disk.status,
          size: disk.size,
          instanceId: disk.vmId,
          device: disk.drive,
          bootable: disk.usage === "Boot",
          createdAt: new Date(disk.createdAt).toISOString(),
        })),
        snapshots: [...state.snapshots.values()].map((snapshot) => ({
          id: snapshot.id,
          volumeId: snapshot.diskId,
          name: snapshot.name,
          status: snapshot.status,
          size: snapshot.size,
          progress: snapshot.status === "Createing" ? 0 : 100,
          usable: snapshot.status === "Normal",
          createdAt: new Date(snapshot.createdAt).toISOString(),
        })),
        instances: [...state.vms.values()].map((vm) => ({ id: vm.id, name: vm.name, status: vm.state })),
        jobs: [],
      };
    },
    reset() {
      time.clear();
      state = ucloudStackState(fixture, timeline.clock.now());
    },
    clientConfig(endpoint) {
      return { endpoint, region: state.region, zone: state.zone, credentials: { ...credentials } };
    },
  };
}

/** A fresh key pair for an emulator started without credentials (returned in `clientConfig`). */
export function generatedUCloudStackCredentials(): UCloudStackEmulatorCredentials {
  return { publicKey: `emu${randomBytes(20).toString("base64url")}`, privateKey: randomBytes(32).toString("base64url") };
}
