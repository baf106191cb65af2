/**
 * Operations that share one method and path and are told apart by their body (`x-wire-path` +
 * `x-body-selector`): Huawei ECS `BatchStartServers` / `BatchStopServers` (`os-start` / `os-stop`)
 * and EVS `BatchCreateVolumeTags` / `BatchDeleteVolumeTags` (`action: create` / `delete`). The
 * client sends the real path and the body as given; the mock routes by the body and validates
 * against the operation it selects; a body that selects none, or two, is refused.
 */
import { describe, expect, inject, it } from "vitest";
import { readSpecs } from "../scripts/lib/spec-reader.ts";
import { credentials, huaweiMockClients, PROJECT, validCalls } from "./huawei-calls.ts";
import { sendHuawei } from "./signed-send.ts";

const clients = huaweiMockClients();
const models = await readSpecs((api) => api.startsWith("huawei-"));
const selected = Object.entries(models).flatMap(([api, model]) =>
  model.operations.filter((op) => op.bodySelector).map((op) => ({ api, op })),
);
const SERVER = "f70915eb-8ef9-4b15-b726-518ace0663f2";
const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";

type Invoke = { invoke(id: string, params: Record<string, unknown>): Promise<{ status: number; data: unknown }> };

describe("body-selected operations", () => {
  it("are the four SDK operations that share a path, on their real paths", () => {
    expect(selected.map(({ op }) => [op.id, op.method, op.wirePath, op.bodySelector]).sort()).toEqual(
      [
        ["BatchCreateVolumeTags", "post", "/v2/{project_id}/cloudvolumes/{volume_id}/tags/action", { property: "action", value: "create" }],
        ["BatchDeleteVolumeTags", "post", "/v2/{project_id}/cloudvolumes/{volume_id}/tags/action", { property: "action", value: "delete" }],
        ["BatchStartServers", "post", "/v1/{project_id}/cloudservers/action", { property: "os-start" }],
        ["BatchStopServers", "post", "/v1/{project_id}/cloudservers/action", { property: "os-stop" }],
      ].sort(),
    );
  });

  it.each(selected.map(({ api, op }) => [op.id, api, op] as const))(
    "%s: the client sends the real path and the body as given, and the mock answers with no violation",
    async (id, _api, op) => {
      const call = validCalls[id]!;
      const client = clients[call.service] as unknown as Invoke;
      const result = await client.invoke(id, call.params);
      expect(clients.lastViolations()).toEqual([]);
      const request = clients.lastRequest();
      expect(request.method).toBe(op.method.toUpperCase());
      const path = op.wirePath.replace("{project_id}", PROJECT).replace("{volume_id}", VOLUME);
      expect(new URL(request.url).pathname).toBe(path);
      expect(request.url).not.toContain("#");
      const { volume_id: _volume, ...body } = call.params;
      expect(await request.json()).toEqual(body);
      expect(result.status).toBe(Number(Object.keys(op.raw.responses).find((status) => status.startsWith("2"))));
    },
  );

  it("the client refuses a BatchStopServers call whose body holds os-start (before sending)", async () => {
    const sent = clients.calls();
    await expect(clients.ecs.batchStopServers({ "os-start": { servers: [{ id: SERVER }] } } as never)).rejects.toMatchObject({
      name: "InvalidParameterError",
    });
    await expect(
      clients.ecs.batchStopServers({ "os-stop": { servers: [{ id: SERVER }] }, "os-start": { servers: [{ id: SERVER }] } } as never),
    ).rejects.toMatchObject({ name: "InvalidParameterError" });
    expect(clients.calls()).toBe(sent);
  });

  it("the client refuses a BatchCreateVolumeTags call whose action is delete (before sending)", async () => {
    const sent = clients.calls();
    await expect(
      clients.evs.batchCreateVolumeTags({ volume_id: VOLUME, action: "delete", tags: [{ key: "k", value: "v" }] } as never),
    ).rejects.toMatchObject({ name: "InvalidParameterError", field: "action" });
    expect(clients.calls()).toBe(sent);
  });

  const ecsAction = () => `${inject("mocks")["huawei-ecs"]}/v1/${PROJECT}/cloudservers/action`;
  const tagsAction = () => `${inject("mocks")["huawei-evs"]}/v2/${PROJECT}/cloudvolumes/${VOLUME}/tags/action`;

  it("the mock validates a stop body against BatchStopServers (the server list is required)", async () => {
    const response = await sendHuawei(clients.send, ecsAction(), { "os-stop": { type: "SOFT" } }, credentials);
    expect(response.status).toBe(400);
    expect(JSON.stringify(clients.lastViolations())).toContain("servers");
  });

  it("the mock validates a start body against BatchStartServers (type is a stop's field)", async () => {
    const response = await sendHuawei(clients.send, ecsAction(), { "os-start": { servers: [{ id: SERVER }], type: "HARD" } }, credentials);
    expect(response.status).toBe(400);
    expect(JSON.stringify(clients.lastViolations())).toContain("type");
  });

  it.each([
    ["neither os-start nor os-stop", { servers: [{ id: SERVER }] }, /selects no operation/],
    [
      "both os-start and os-stop",
      { "os-start": { servers: [{ id: SERVER }] }, "os-stop": { servers: [{ id: SERVER }] } },
      /selects BatchStartServers and BatchStopServers/,
    ],
  ])("a server action body with %s is a 422 problem naming the selectors", async (_label, body, message) => {
    const response = await sendHuawei(clients.send, ecsAction(), body, credentials);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toMatch(message);
    expect(problem.detail).toContain('BatchStopServers (a "os-stop" property)');
  });

  it("a tag action other than create or delete is a 422 problem naming the selectors", async () => {
    const response = await sendHuawei(clients.send, tagsAction(), { action: "filter", tags: [{ key: "k" }] }, credentials);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toContain('BatchDeleteVolumeTags ("action": "delete")');
  });

  it("the mock validates a delete body against BatchDeleteVolumeTags (a tag value is optional there, the key is not)", async () => {
    const ok = await sendHuawei(clients.send, tagsAction(), { action: "delete", tags: [{ key: "k" }] }, credentials);
    expect(ok.status).toBe(204);
    expect(clients.lastViolations()).toEqual([]);
    const create = await sendHuawei(clients.send, tagsAction(), { action: "create", tags: [{ key: "k" }] }, credentials);
    expect(create.status).toBe(400);
    expect(JSON.stringify(clients.lastViolations())).toContain("value");
  });
});
