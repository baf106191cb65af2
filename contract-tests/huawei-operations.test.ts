/**
 * Every Huawei operation through the public client against Prism mocks built from
 * the same specs: the happy path with zero violations, and every documented error
 * status and example, asserting the typed error, provider code, message and request id.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiError,
  AuthenticationError,
  BadRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  ServerError,
  ThrottledError,
  unwrapHuaweiError,
  type ApiResult,
  type CallOptions,
} from "../src/huawei/index.ts";
import { PROJECT, credentials, huaweiMockClients, validCalls } from "./huawei-calls.ts";
import { loadSpecs, operationsOf, type SpecOperation } from "./spec-documents.ts";
import { sendHuawei } from "./signed-send.ts";

const specs = await loadSpecs((api) => api.startsWith("huawei-"));
const operations = operationsOf(specs);
const clients = huaweiMockClients();

/** An operation's `validCalls` key: its id, or `<service>.<id>` where two Huawei services share the id (ECS and EVS `ShowJob`). */
const callKey = (api: string, operationId: string) => {
  const qualified = `${api.slice("huawei-".length)}.${operationId}`;
  return qualified in validCalls ? qualified : operationId;
};

function callOf(api: string, operationId: string, prefer?: string) {
  const call = validCalls[callKey(api, operationId)];
  if (!call) throw new Error(`contract-tests/huawei-calls.ts has no valid call for ${operationId}`);
  // Any service's client, called by operation id (the union of their invoke signatures is not callable as such).
  const client = clients[call.service] as unknown as {
    invoke(id: string, params: Record<string, unknown>, options: CallOptions): Promise<ApiResult<unknown>>;
  };
  return client.invoke(operationId, call.params, prefer ? { headers: { Prefer: prefer } } : {});
}

/** The class a status must surface as; an independent statement of the error contract. */
const expectedClass: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  413: QuotaExceededError,
  429: ThrottledError,
  500: ServerError,
  503: ServerError,
};

/** Provider codes that say more than their status: EVS reports state conflicts as 400, the API gateway throttling as 400 too. */
const expectedClassByCode: Record<string, typeof ApiError> = {
  "EVS.1046": InvalidStateError,
  "APIGW.0308": ThrottledError,
};
/**
 * EVS codes mean something only on EVS: IMS and VBS share the Huawei error responses (and
 * their EVS examples) but document no EVS code, so there an EVS code gets the status's class.
 */
const codeSaysMore = (api: string, code: string | undefined) => (code?.startsWith("EVS.") && api !== "huawei-evs" ? undefined : code);

describe("every spec operation has a contract test", () => {
  it("validCalls covers exactly the operations in the specs", () => {
    expect(Object.keys(validCalls).sort()).toEqual(operations.map((o) => callKey(o.api, o.operationId)).sort());
  });
});

describe("happy path: zero Prism violations", () => {
  it.each(operations.map((o) => [o.operationId, o] as const))("%s", async (_id, op: SpecOperation) => {
    const result = await callOf(op.api, op.operationId);
    expect(clients.lastViolations()).toEqual([]);
    // The 2xx, or the 3xx an operation documents as its answer (EVS ListVersions: 300).
    const success = Object.keys(op.operation.responses).find((status) => /^[23]/.test(status))!;
    expect(result.status).toBe(Number(success));
    expect(result.requestId).toMatch(/\S/);
    const content = op.operation.responses[success].content;
    if (content) expect(result.data).toEqual(Object.values<any>(content["application/json"].examples)[0].value);
    else expect(result.data).toBeUndefined();
  });
});

const errorCases = operations.flatMap((op) =>
  Object.entries<any>(op.operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([status, response]) =>
      Object.entries<any>(response.content["application/json"].examples).map(([example, { value }]) => ({
        label: `${op.operationId} ${status} ${example}`,
        api: op.api,
        operationId: op.operationId,
        status: Number(status),
        example,
        value,
        headerRequestId: response.headers?.["X-Request-Id"]?.example as string | undefined,
      })),
    ),
);

describe("documented errors become typed errors", () => {
  beforeAll(() => {
    expect(errorCases.length).toBeGreaterThan(operations.length * 7);
  });

  it.each(errorCases.map((c) => [c.label, c] as const))("%s", async (_label, c) => {
    const error = await callOf(c.api, c.operationId, `code=${c.status}, example=${c.example}`).catch((e: unknown) => e);
    const expected = unwrapHuaweiError(c.value)!;
    expect(error).toBeInstanceOf(expectedClassByCode[codeSaysMore(c.api, expected.code) ?? ""] ?? expectedClass[c.status]!);
    expect(error).toMatchObject({ provider: "huawei", operation: c.operationId, status: c.status, code: expected.code });
    expect((error as ApiError).message).toContain(expected.message!);
    expect((error as ApiError).requestId).toBe(c.headerRequestId ?? expected.requestId);
    expect((error as ApiError).body).toEqual(c.value);
    expect(clients.lastViolations()).toEqual([]);
  });
});

describe("the mock enforces the spec's constraints on what the client sends", () => {
  // By name, the client refuses these before sending (param checks); signed and sent as written, the mock judges them.
  it("rollback with a name but no volume_id is refused (dependentRequired)", async () => {
    const snapshot_id = "b836dc3d-4e10-4ea4-a34c-8f6b0460a583";
    await expect(clients.evs.rollbackSnapshot({ snapshot_id, rollback: { name: "only-a-name" } as never })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "rollback.volume_id",
    });
    const sent = clients.calls();
    const url = `${inject("mocks")["huawei-evs"]}/v2/${PROJECT}/cloudsnapshots/${snapshot_id}/rollback`;
    const response = await sendHuawei(clients.send, url, { rollback: { name: "only-a-name" } }, credentials);
    expect(clients.calls()).toBe(sent + 1);
    expect(response.status).toBe(400);
    expect(JSON.stringify(clients.lastViolations())).toContain("volume_id");
  });

  it("a snapshot name over 255 characters is refused", async () => {
    const snapshot = { volume_id: "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a", name: "x".repeat(256) };
    await expect(clients.evs.cinderCreateSnapshot({ snapshot })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "snapshot.name",
    });
    const response = await sendHuawei(clients.send, `${inject("mocks")["huawei-evs"]}/v2/${PROJECT}/snapshots`, { snapshot }, credentials);
    expect(response.status).toBe(400);
    expect(JSON.stringify(clients.lastViolations())).toMatch(/name/);
  });
});
