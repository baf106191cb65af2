/**
 * One provider definition, one generic factory: a provider written with `defineProvider`
 * (authentication, adapter, RPC wire style, result map) and a service's generated
 * `service` value (hosts, client-filled parameters, RPC protocol, operations) become a
 * working, typed client through `createProviderClient` / `clientFactory`, with no
 * provider-specific code in between. The three real providers are built the same way
 * (`src/<provider>/provider.ts`, `src/<provider>/services.ts`).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CommonClientConfig } from "../src/core/client/config.ts";
import { ConfigurationError, InvalidParameterError } from "../src/core/common/errors.ts";
import type { ProviderAdapter } from "../src/core/operations/operation-client.ts";
import type { OperationResult } from "../src/core/operations/operation-types.ts";
import { clientFactory, createProviderClient, defineProvider, type ResultMap } from "../src/core/client/provider.ts";
import { Redactor } from "../src/core/common/redact.ts";
import { settleBody, withHeaders } from "../src/core/http/wire.ts";
import type { operations as EvsOperations } from "../generated/huawei/evs.ts";
import { service as evs } from "../generated/huawei/evs.operations.ts";
import type { operations as UcsOperations } from "../generated/ucloudstack/ucloudstack.ts";
import { service as ucs } from "../generated/ucloudstack/ucloudstack.operations.ts";
import { huawei } from "../src/huawei/provider.ts";
import { alibaba } from "../src/alibaba/provider.ts";
import { ucloudstack } from "../src/ucloudstack/provider.ts";

interface ToyConfig extends CommonClientConfig {
  endpoint?: string;
  area?: string;
  tenant?: string;
  style?: string;
}

const TENANT = "0123456789abcdef0123456789abcdef";

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

const restToy = defineProvider<ToyConfig>({
  provider: "huawei",
  configKeys: ["endpoint", "area", "tenant"],
  adapter: toyAdapter("huawei"),
  connect: () => ({
    authenticate: async (wire) => withHeaders(wire, { "x-toy-auth": "signed" }),
    redactor: new Redactor([]),
  }),
});

/** EVS's operations under another host template and another option for `project_id`: what a spec says is what the client does. */
const toyEvs = {
  ...evs,
  name: "toy",
  servers: [{ url: "https://evs.{area}.toy.test", variables: ["area"] }],
  clientParams: { project_id: { option: "tenant", fill: "always" } },
} as const;

describe("defineProvider + createProviderClient", () => {
  it("a REST service: the host from the spec's server template, filled path parameters from the option the spec names", async () => {
    const { requests, fetch } = recordingFetch(() => Response.json({ volume: { id: "v-1" } }, { headers: { "x-request-id": "r-1" } }));
    const client = createProviderClient(restToy, { area: "cn-toy-1", tenant: TENANT, fetch, retry: false }, toyEvs);

    await client.cinderShowVolume({ volume_id: "v-1" });
    expect(requests[0]!.url).toBe(`https://evs.cn-toy-1.toy.test/v2/${TENANT}/volumes/v-1`);
    expect(requests[0]!.headers.get("x-toy-auth")).toBe("signed");
    const result = await client.invoke("CinderShowVolume", { volume_id: "v-2" });
    expect(result.requestId).toBe("r-1");

    // The filled parameter is the configuration's: a per-call one is refused, and nothing is sent.
    // @ts-expect-error: project_id is filled by the client, so it is not a parameter of the method
    const refused = client.cinderShowVolume({ volume_id: "v-1", project_id: "other" });
    await expect(refused).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(refused).rejects.toMatchObject({ field: "project_id" });
    expect(requests).toHaveLength(2);

    expectTypeOf(client.cinderShowVolume).parameter(0).not.toHaveProperty("project_id");
    expectTypeOf(client.cinderShowVolume).returns.resolves.toEqualTypeOf<OperationResult<EvsOperations["CinderShowVolume"]>>();
  });

  it("an `endpoint` option replaces the server template; without either, the variable is named", async () => {
    const { requests, fetch } = recordingFetch(() => Response.json({ volume: { id: "v-1" } }));
    const client = createProviderClient(restToy, { endpoint: "https://proxy.test/base", tenant: TENANT, fetch }, toyEvs);
    await client.cinderShowVolume({ volume_id: "v-1" });
    expect(requests[0]!.url).toBe(`https://proxy.test/base/v2/${TENANT}/volumes/v-1`);

    expect(() => createProviderClient(restToy, { tenant: TENANT, fetch }, toyEvs)).toThrow(
      expect.objectContaining({ name: "ConfigurationError", option: "area" }),
    );
    // A value that would end the host name is refused before it is written into one.
    expect(() => createProviderClient(restToy, { area: "evil.test/x", tenant: TENANT, fetch }, toyEvs)).toThrow(
      expect.objectContaining({ option: "area" }),
    );
  });

  it("a filled parameter's option is required and checked against the parameter's own schema, naming the option", () => {
    const fetch = async () => Response.json({});
    // @ts-expect-error: the spec fills project_id from `tenant` on every call, so the option is required
    const missing = () => createProviderClient(restToy, { area: "cn-toy-1", fetch }, toyEvs);
    expect(missing).toThrow(ConfigurationError);
    expect(missing).toThrow(expect.objectContaining({ option: "tenant" }));
    // The spec's project_id is 32 lower-case hex characters.
    const malformed = () => createProviderClient(restToy, { area: "cn-toy-1", tenant: "not-a-project", fetch }, toyEvs);
    expect(malformed).toThrow(expect.objectContaining({ option: "tenant", message: expect.stringContaining("project_id") }));
  });

  it("an RPC service: defaults fill what the caller left out, the action goes where the chosen wire style says", async () => {
    const toy = defineProvider<ToyConfig, Wrapped>({
      provider: "ucloudstack",
      configKeys: ["endpoint", "area", "style"],
      adapter: toyAdapter("ucloudstack"),
      connect: (config) => ({ authenticate: async (wire) => settleBody(wire), redactor: new Redactor([]), rpcStyle: config.style }),
    });
    const toyUcs = {
      ...ucs,
      clientParams: { Region: { option: "area", fill: "default" } },
      rpcProtocol: {
        styles: {
          body: { action: { in: "body", name: "ToyAction" } },
          split: { action: { in: "query", name: "Do" }, version: { in: "header", name: "x-toy-version" } },
        },
      },
    } as const;
    const { requests, fetch } = recordingFetch(() => Response.json({ RetCode: 0, Action: "DescribeSnapshotResponse", Infos: [] }));
    const inBody = createProviderClient(toy, { endpoint: "https://toy.test/api", area: "cn", style: "body", fetch, retry: false }, toyUcs);
    await inBody.describeSnapshot({ SnapshotIDs: ["s-1"] });
    await inBody.describeSnapshot({ SnapshotIDs: ["s-2"], Region: "other" });
    expect(requests.map((request) => request.url)).toEqual(["https://toy.test/api", "https://toy.test/api"]);
    expect(await Promise.all(requests.map((request) => request.json()))).toEqual([
      { ToyAction: "DescribeSnapshot", Region: "cn", "SnapshotIDs.0": "s-1" },
      { ToyAction: "DescribeSnapshot", Region: "other", "SnapshotIDs.0": "s-2" },
    ]);

    const split = createProviderClient(toy, { endpoint: "https://toy.test/api", area: "cn", style: "split", fetch, retry: false }, toyUcs);
    await split.describeSnapshot({ SnapshotIDs: ["s-3"] });
    expect(requests[2]!.url).toBe("https://toy.test/api?Do=DescribeSnapshot");
    expect(requests[2]!.headers.get("x-toy-version")).toBe(ucs.version);

    expect(() => createProviderClient(toy, { endpoint: "https://toy.test/api", style: "smoke", fetch }, toyUcs)).toThrow(
      expect.objectContaining({ option: "rpcStyle", message: expect.stringContaining("body, split") }),
    );

    // Defaulted, so optional (the whole parameter object is, as nothing else is required).
    expectTypeOf<NonNullable<Parameters<typeof inBody.describeSnapshot>[0]>["Region"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(inBody.describeSnapshot).toBeCallableWith();
    expectTypeOf(inBody.describeSnapshot).returns.resolves.toEqualTypeOf<{ wrapped: OperationResult<UcsOperations["DescribeSnapshot"]> }>();
    expectTypeOf(inBody.invoke<"DescribeSnapshot">)
      .returns.resolves.toHaveProperty("data")
      .toHaveProperty("wrapped");
  });

  it("an unknown option is refused before connect runs", () => {
    let connected = false;
    const toy = defineProvider<ToyConfig>({
      provider: "huawei",
      configKeys: ["endpoint", "tenant"],
      adapter: toyAdapter("huawei"),
      connect() {
        connected = true;
        return { authenticate: async (wire) => wire, redactor: new Redactor([]) };
      },
    });
    const config = { endpoint: "https://toy.test", tenant: TENANT, colour: "blue" };
    expect(() => createProviderClient(toy, config, toyEvs)).toThrow(/colour/);
    expect(connected).toBe(false);
  });

  it("clientFactory: a service's public factory is one line, typed from the service value", async () => {
    const createToyClient = clientFactory(restToy, toyEvs);
    const { requests, fetch } = recordingFetch(() => Response.json({ volume: { id: "v-1" } }));
    await createToyClient({ area: "cn-toy-1", tenant: TENANT, fetch }).cinderShowVolume({ volume_id: "v-9" });
    expect(requests[0]!.url).toBe(`https://evs.cn-toy-1.toy.test/v2/${TENANT}/volumes/v-9`);
    expectTypeOf(createToyClient).parameter(0).toHaveProperty("tenant").toEqualTypeOf<string>();
  });

  it("the three providers are definitions of the same shape", () => {
    for (const definition of [huawei, alibaba, ucloudstack]) {
      expect(typeof definition.connect).toBe("function");
      expect(definition.adapter.provider).toBe(definition.provider);
      expect(definition.configKeys.length).toBeGreaterThan(0);
    }
  });
});
