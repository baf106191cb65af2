/**
 * One provider definition, one generic factory: a provider written with `defineProvider`
 * (endpoint, authentication, adapter, action placement, filled and defaulted parameters,
 * result map) becomes a working, typed client through `createProviderClient`, with no
 * provider-specific code in between. The three real providers are built the same way
 * (`src/<provider>/provider.ts`).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CommonClientConfig } from "../src/core/client/config.ts";
import { InvalidParameterError } from "../src/core/shared/errors.ts";
import type { ProviderAdapter } from "../src/core/operations/operation-client.ts";
import type { OperationResult } from "../src/core/operations/operation-types.ts";
import { createProviderClient, defineProvider, type ResultMap } from "../src/core/client/provider.ts";
import { Redactor } from "../src/core/shared/redact.ts";
import { bodyJson, settleBody, withHeaders, withJsonBody } from "../src/core/http/wire.ts";
import type { operations as EvsOperations, paths as EvsPaths } from "../generated/huawei/evs.ts";
import { operationTable as evsTable } from "../generated/huawei/evs.operations.ts";
import type { operations as UcsOperations, paths as UcsPaths } from "../generated/ucloudstack/ucloudstack.ts";
import { operationTable as ucsTable } from "../generated/ucloudstack/ucloudstack.operations.ts";
import { huawei } from "../src/huawei/provider.ts";
import { alibaba } from "../src/alibaba/provider.ts";
import { ucloudstack } from "../src/ucloudstack/provider.ts";

interface ToyConfig extends CommonClientConfig {
  endpoint: string;
  tenant?: string;
  area?: string;
}

/** A provider whose methods resolve to a wrapper around the documented body (as Alibaba adds DryRunPassed). */
interface Wrapped extends ResultMap {
  readonly result: Wrap<OperationResult<this["operation"]>>;
}
type Wrap<Body> = { wrapped: Body };

/** Every request the client sends, as the fetch saw it. */
function recordingFetch(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer();
  };
  return { requests, fetch };
}

function toyAdapter(provider: "huawei" | "ucloudstack"): ProviderAdapter {
  return { provider, requestId: (headers) => headers.get("x-request-id") ?? undefined, toError: () => undefined };
}

describe("defineProvider + createProviderClient", () => {
  it("a REST provider: endpoint and authentication from connect, filled path parameters refused per call", async () => {
    const seen: Array<{ service: string; operations: number }> = [];
    const toy = defineProvider<ToyConfig & { tenant: string }, "project_id">({
      provider: "huawei",
      configKeys: ["endpoint", "tenant", "area"],
      adapter: toyAdapter("huawei"),
      connect(config, service, operations) {
        seen.push({ service, operations: Object.keys(operations).length });
        return {
          baseUrl: config.endpoint,
          authenticate: async (wire) => withHeaders(wire, (headers) => headers.set("x-toy-auth", "signed")),
          redactor: new Redactor([]),
          filled: { project_id: config.tenant },
          defaults: {},
        };
      },
    });
    const { requests, fetch } = recordingFetch(() => Response.json({ volume: { id: "v-1" } }, { headers: { "x-request-id": "r-1" } }));
    const client = createProviderClient<typeof toy, EvsOperations, EvsPaths, typeof evsTable>(
      toy,
      { endpoint: "https://toy.test", tenant: "tenant-1", fetch, retry: false },
      "evs",
      evsTable,
    );
    expect(seen).toEqual([{ service: "evs", operations: Object.keys(evsTable).length }]);

    await client.showVolume({ volume_id: "v-1" });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("https://toy.test/v2/tenant-1/volumes/v-1");
    expect(requests[0]!.headers.get("x-toy-auth")).toBe("signed");
    const result = await client.invoke("ShowVolume", { volume_id: "v-2" });
    expect(result.requestId).toBe("r-1");

    // The filled parameter is the configuration's: a per-call one is refused, and nothing is sent.
    // @ts-expect-error: project_id is filled by the client, so it is not a parameter of the method
    const refused = client.showVolume({ volume_id: "v-1", project_id: "other" });
    await expect(refused).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(refused).rejects.toMatchObject({ field: "project_id" });
    expect(requests).toHaveLength(2);

    expectTypeOf(client.showVolume).parameter(0).not.toHaveProperty("project_id");
    expectTypeOf(client.showVolume).returns.resolves.toEqualTypeOf<OperationResult<EvsOperations["ShowVolume"]>>();
  });

  it("an RPC provider: defaults fill what the caller left out, the action is placed, the result map types the methods", async () => {
    const toy = defineProvider<ToyConfig, never, "Region" | "Zone", Wrapped>({
      provider: "ucloudstack",
      configKeys: ["endpoint", "tenant", "area"],
      adapter: toyAdapter("ucloudstack"),
      connect: (config) => ({
        baseUrl: config.endpoint,
        authenticate: async (wire) => settleBody(wire),
        redactor: new Redactor([]),
        filled: {},
        defaults: { Region: config.area ?? "toy-region" },
        placeAction: (wire, action) => withJsonBody(wire, { ...bodyJson(wire), ToyAction: action }),
      }),
    });
    const { requests, fetch } = recordingFetch(() => Response.json({ RetCode: 0, Action: "DescribeSnapshotResponse", Infos: [] }));
    const client = createProviderClient<typeof toy, UcsOperations, UcsPaths, typeof ucsTable>(
      toy,
      { endpoint: "https://toy.test/api", area: "cn", fetch, retry: false },
      "ucloudstack",
      ucsTable,
    );

    await client.describeSnapshot({ SnapshotIDs: ["s-1"] });
    await client.describeSnapshot({ SnapshotIDs: ["s-2"], Region: "other" });
    expect(requests.map((request) => request.url)).toEqual(["https://toy.test/api", "https://toy.test/api"]);
    const bodies = await Promise.all(requests.map((request) => request.json()));
    expect(bodies).toEqual([
      { Region: "cn", "SnapshotIDs.0": "s-1", ToyAction: "DescribeSnapshot" },
      { Region: "other", "SnapshotIDs.0": "s-2", ToyAction: "DescribeSnapshot" },
    ]);

    // Defaulted, so optional (the whole parameter object is, as nothing else is required).
    expectTypeOf<NonNullable<Parameters<typeof client.describeSnapshot>[0]>["Region"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(client.describeSnapshot).toBeCallableWith();
    expectTypeOf(client.describeSnapshot).returns.resolves.toEqualTypeOf<{ wrapped: OperationResult<UcsOperations["DescribeSnapshot"]> }>();
    expectTypeOf(client.invoke<"DescribeSnapshot">)
      .returns.resolves.toHaveProperty("data")
      .toHaveProperty("wrapped");
  });

  it("an unknown option is refused before connect runs", () => {
    let connected = false;
    const toy = defineProvider<ToyConfig>({
      provider: "huawei",
      configKeys: ["endpoint"],
      adapter: toyAdapter("huawei"),
      connect(config) {
        connected = true;
        return { baseUrl: config.endpoint, authenticate: async (wire) => wire, redactor: new Redactor([]), filled: {}, defaults: {} };
      },
    });
    const config = { endpoint: "https://toy.test", tenant: "t" };
    expect(() => createProviderClient<typeof toy, EvsOperations, EvsPaths, typeof evsTable>(toy, config, "evs", evsTable)).toThrow(
      /tenant/,
    );
    expect(connected).toBe(false);
  });

  it("the three providers are definitions of the same shape", () => {
    for (const definition of [huawei, alibaba, ucloudstack]) {
      expect(typeof definition.connect).toBe("function");
      expect(definition.adapter.provider).toBe(definition.provider);
      expect(definition.configKeys.length).toBeGreaterThan(0);
    }
  });
});
