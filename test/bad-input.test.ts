/**
 * Bad input fails before anything is sent, with a typed error naming the field.
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError, InvalidParameterError, createEvsClient, createImsClient } from "../src/huawei/index.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const credentials = { accessKeyId: "AKBADINPUT", secretAccessKey: "SK-bad-input-secret" };
const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";

/** A fetch that records what would have been sent and answers 202. */
function observedFetch() {
  const sent: Request[] = [];
  const fetch: FetchLike = async (request) => {
    sent.push(request);
    return new Response(null, { status: 202 });
  };
  return { sent, fetch };
}

describe("path parameters never change the path", () => {
  it.each([
    ["a/b", "/v2/0123456789abcdef0123456789abcdef/volumes/a%2Fb"],
    ["../x", "/v2/0123456789abcdef0123456789abcdef/volumes/..%2Fx"],
    ["x?y#z", "/v2/0123456789abcdef0123456789abcdef/volumes/x%3Fy%23z"],
    ["spaced id", "/v2/0123456789abcdef0123456789abcdef/volumes/spaced%20id"],
  ])("encodes %j as one segment", async (id, path) => {
    const { sent, fetch } = observedFetch();
    const evs = createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials, fetch });
    await evs.cinderDeleteVolume({ volume_id: id });
    expect(new URL(sent[0]!.url).pathname).toBe(path);
  });

  it.each([".", "..", "%2e%2E", ""])("refuses %j as a path value and sends nothing", async (id) => {
    const { sent, fetch } = observedFetch();
    const evs = createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials, fetch });
    const error = await evs.cinderDeleteVolume({ volume_id: id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field: "volume_id", operation: "CinderDeleteVolume" });
    expect(sent).toHaveLength(0);
  });
});

describe("headers", () => {
  it("refuses CR/LF in a per-call header before sending", async () => {
    const { sent, fetch } = observedFetch();
    const evs = createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials, fetch });
    const error = await evs
      .cinderShowVolume({ volume_id: VOLUME }, { headers: { "X-Trace": "a\r\nX-Injected: 1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).field).toBe("options.headers.X-Trace");
    expect(sent).toHaveLength(0);
  });

  it("refuses CR/LF in configured headers at construction", () => {
    expect(() =>
      createEvsClient({
        endpoint: "https://evs.test",
        projectId: "0123456789abcdef0123456789abcdef",
        credentials,
        headers: { "X-Project-Id": "p\n1" },
      }),
    ).toThrow(ConfigurationError);
  });
});

describe("parameters", () => {
  it("rejects a parameter the operation does not have", async () => {
    const { sent, fetch } = observedFetch();
    const evs = createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials, fetch });
    // @ts-expect-error: `volumeId` is not a parameter (it is `volume_id`)
    const error = await evs.cinderShowVolume({ volumeId: VOLUME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(sent).toHaveLength(0);
  });

  it("requires a body where the spec does", async () => {
    const { sent, fetch } = observedFetch();
    const evs = createEvsClient({ endpoint: "https://evs.test", projectId: "0123456789abcdef0123456789abcdef", credentials, fetch });
    // @ts-expect-error: the snapshot body is required
    await expect(evs.cinderCreateSnapshot({})).rejects.toMatchObject({ name: "InvalidParameterError", field: "body" });
    expect(sent).toHaveLength(0);
  });
});

describe("configuration is checked at construction", () => {
  const cases: Array<[string, () => unknown, string]> = [
    [
      "missing credentials",
      () => createEvsClient({ region: "cn-north-4", projectId: "0123456789abcdef0123456789abcdef" } as never),
      "credentials",
    ],
    [
      "missing secret key",
      () =>
        createEvsClient({
          region: "cn-north-4",
          projectId: "0123456789abcdef0123456789abcdef",
          credentials: { accessKeyId: "AK" } as never,
        }),
      "credentials.secretAccessKey",
    ],
    [
      "empty token",
      () => createEvsClient({ region: "cn-north-4", projectId: "0123456789abcdef0123456789abcdef", credentials: { token: "" } }),
      "credentials.token",
    ],
    ["missing region and endpoint", () => createEvsClient({ projectId: "0123456789abcdef0123456789abcdef", credentials }), "region"],
    [
      "malformed region",
      () => createEvsClient({ region: "cn north/4", projectId: "0123456789abcdef0123456789abcdef", credentials }),
      "region",
    ],
    [
      "malformed endpoint",
      () => createEvsClient({ endpoint: "evs.example", projectId: "0123456789abcdef0123456789abcdef", credentials }),
      "endpoint",
    ],
    ["missing project id", () => createEvsClient({ region: "cn-north-4", credentials } as never), "projectId"],
    ["project id with a slash", () => createEvsClient({ region: "cn-north-4", projectId: "a/b", credentials }), "projectId"],
    ["non-positive timeout", () => createImsClient({ region: "cn-north-4", credentials, timeoutMs: 0 }), "timeoutMs"],
  ];
  it.each(cases)("%s", (_label, make, option) => {
    let caught: unknown;
    try {
      make();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as ConfigurationError).option).toBe(option);
    expect((caught as Error).message).toContain(`'${option}'`);
  });

  it("builds the regional endpoint from region", async () => {
    const { sent, fetch } = observedFetch();
    const ims = createImsClient({ region: "ap-southeast-1", credentials: { token: "tok-abcdefgh" }, fetch });
    await ims.glanceListImages().catch(() => undefined);
    expect(new URL(sent[0]!.url).origin).toBe("https://ims.ap-southeast-1.myhuaweicloud.com");
    expect(sent[0]!.headers.get("x-auth-token")).toBe("tok-abcdefgh");
  });
});
