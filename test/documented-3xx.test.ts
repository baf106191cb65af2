/**
 * An operation that documents a 3xx answer reads it as its answer (Huawei EVS `ListVersions`:
 * `GET /` answers 300 Multiple Choices with the versions,
 * https://github.com/opentelekomcloud-docs/elastic-volume-service/blob/a50f1efe7ba5ece19b2807842200fa7750522f11/api-ref/source/openstack_cinder_apis_recommended/api_version_query/querying_information_of_api_versions.rst):
 * the transport never follows it and never reads its `Location`. Every other 3xx, including a 300 to an
 * operation that does not document one, stays a `RedirectError`.
 */
import { describe, expect, it } from "vitest";
import { operationTable } from "../generated/huawei/evs.operations.ts";
import { createEvsClient, RedirectError } from "../src/huawei/index.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const versions = {
  versions: [
    {
      id: "v2.0",
      links: [{ rel: "self", href: "https://evs.localdomain.com/v2" }],
      "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=1" }],
      min_version: "",
      status: "SUPPORTED",
      updated: "2014-06-28T12:20:21Z",
      version: "",
    },
  ],
};

/** Answers every request with `status`, the versions body and a `Location`, and records the URLs asked for. */
function answering(status: number, options: { followed?: boolean } = {}) {
  const urls: string[] = [];
  const fetch: FetchLike = async (request) => {
    urls.push(request.url);
    const response = new Response(JSON.stringify(versions), {
      status,
      headers: { "content-type": "application/json", location: "https://elsewhere.example/v3", "X-Request-Id": "req-3xx" },
    });
    if (options.followed) Object.defineProperty(response, "redirected", { value: true });
    return response;
  };
  const client = createEvsClient({
    endpoint: "https://evs.test",
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: "AK3XX", secretAccessKey: "SK-3xx-secret" },
    fetch,
    retry: { maxAttempts: 3, baseDelayMs: 1 },
  });
  return { client, urls };
}

describe("a documented 3xx is the operation's answer", () => {
  it("the generated row of ListVersions documents 300", () => {
    expect(operationTable.ListVersions.answers3xx).toEqual([300]);
    expect(operationTable.ShowVersion.answers3xx).toBeUndefined();
  });

  it("ListVersions: a 300 is read as the answer, once, and its Location is never asked for", async () => {
    const { client, urls } = answering(300);
    const result = await client.invoke("ListVersions", {});
    expect(result).toMatchObject({ status: 300, data: versions, requestId: "req-3xx" });
    expect(urls).toEqual(["https://evs.test/"]);
    expect(await client.listVersions()).toEqual(versions);
  });

  it.each([301, 302, 303, 307, 308])("ListVersions: a %i (not documented) is still a RedirectError", async (status) => {
    const { client, urls } = answering(status);
    const error = await client.listVersions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status, operation: "ListVersions" });
    expect(urls).toHaveLength(1);
  });

  it("ShowVersion (which documents no 3xx): a 300 is a RedirectError", async () => {
    const { client, urls } = answering(300);
    const error = await client.showVersion({ version: "v2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 300, operation: "ShowVersion" });
    expect(urls).toHaveLength(1);
  });

  it("ListVersions: an answer a caller's fetch reached by following a redirect is not used", async () => {
    const { client } = answering(300, { followed: true });
    await expect(client.listVersions()).rejects.toBeInstanceOf(RedirectError);
  });
});
