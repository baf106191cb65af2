/**
 * A success body that is a top-level JSON array (Huawei EVS `UnsubscribePostpaidVolume`: 202 with
 * `[{"results": [...]}]`, https://support.huaweicloud.com/intl/en-us/api-evs/evs_04_2005.html):
 * the generator promises a list (`returns: "list"`), the client answers an array as a success and
 * anything else as an `UnparseableResponseError`, as it does for object bodies.
 */
import { describe, expect, it } from "vitest";
import { operationTable } from "../generated/huawei/evs.operations.ts";
import { brokenPromise } from "../src/core/operations/promised-body.ts";
import { createEvsClient, UnparseableResponseError } from "../src/huawei/index.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const results = [{ results: [{ volume_id: VOLUME, order_id: "CS2405201012ABCDE", result: "SUCCESS" }] }];

function evsAnswering(status: number, body: string | null) {
  const fetch: FetchLike = async () =>
    new Response(body, { status, headers: { "content-type": "application/json", "X-Request-Id": "req-list" } });
  return createEvsClient({
    endpoint: "https://evs.test",
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: "AKLIST", secretAccessKey: "SK-list-body-secret" },
    fetch,
    retry: false,
  });
}

describe("top-level array success bodies", () => {
  it("the generated row promises a list", () => {
    expect(operationTable.UnsubscribePostpaidVolume.returns).toBe("list");
  });

  it("brokenPromise: a list keeps a list promise; an object, null, a string or nothing breaks it", () => {
    expect(brokenPromise("list", [])).toBeUndefined();
    expect(brokenPromise("list", results)).toBeUndefined();
    expect(brokenPromise("list", { results: [] })).toBe("an object where the spec documents a list");
    expect(brokenPromise("list", null)).toBe("null where the spec documents a list");
    expect(brokenPromise("list", "ok")).toBe("a string where the spec documents a list");
    expect(brokenPromise("list", undefined)).toBe("an empty body where the spec documents one");
    // Object promises are unchanged.
    expect(brokenPromise(["job_id"], [])).toBe("a list where the spec documents an object");
  });

  it("UnsubscribePostpaidVolume: 202 with the array is a success whose data is the array", async () => {
    const result = await evsAnswering(202, JSON.stringify(results)).unsubscribePostpaidVolume({ volume_ids: [VOLUME] });
    expect(result).toEqual(results);
  });

  it.each([
    ["an object", JSON.stringify(results[0]), "an object where the spec documents a list"],
    ["null", "null", "null where the spec documents a list"],
    ["no body", null, "an empty body"],
  ])("UnsubscribePostpaidVolume: 202 with %s is an UnparseableResponseError", async (_label, body, words) => {
    const error = await evsAnswering(202, body)
      .unsubscribePostpaidVolume({ volume_ids: [VOLUME] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect((error as Error).message).toContain(words);
    expect(error).toMatchObject({ operation: "UnsubscribePostpaidVolume", status: 202, requestId: "req-list" });
  });
});
