/**
 * The other wire forms of x-wire-forms, as the mocks take them:
 *  - UCloudStack as the official ucloud-sdk-python3 sends it (not installed here; its
 *    `ucloud/core/client/_client.py` `_build_http_request` and `typesystem/encoder.py`
 *    @32d3c696f2245007b5cb8bc191e5907fb1da9c10): `POST` with an `application/x-www-form-urlencoded`
 *    body, every value a string (`true`/`false`, numbers as decimals), lists as `Key.0`, `Key.0.Field`,
 *    `PublicKey` and the SHA-1 `Signature` over those strings; every action, with its spec request example;
 *  - forms the spec does not list are refused, and a form body is validated like the canonical one;
 *  - the reader's checks of `x-wire-forms`.
 */
import { describe, expect, inject, it } from "vitest";
import { signUCloudStack } from "../src/ucloudstack/index.ts";
import { readSpecs, specModel, type Json } from "../scripts/lib/spec-reader.ts";
import { parseViolations, type Violation } from "./violations.ts";

const UCS_CREDENTIALS = { publicKey: "ucloudstack-contract-public-key", privateKey: "ucloudstack-contract-private-key" };
const ucsOperations = (await readSpecs((api) => api === "ucloudstack")).ucloudstack!.operations.map((op) => ({
  operationId: op.id,
  action: op.rpcAction!,
  operation: op.raw,
}));

/** ucloud-sdk-python3's encoder: `{IP: ["a"], N: 1, B: true}` -> `{"IP.0": "a", N: "1", B: "true"}`. */
function encodeLikeUCloudSdk(params: Json, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) encodeLikeUCloudSdk({ [index]: item }, name, out);
    } else if (typeof value === "object") encodeLikeUCloudSdk(value, name, out);
    else out[name] = String(value);
  }
  return out;
}

async function sendForm(url: string, fields: Record<string, string>, method = "POST") {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const body = await response.json();
  // A spec with no 4xx answer (UCloudStack) gets Prism's 422 problem, which lists the violations itself.
  const violations = response.status === 422 ? (body.validation as Violation[]) : parseViolations(response.headers.get("sl-violations"));
  return { status: response.status, violations, body };
}

async function signedFields(action: string, example: Json): Promise<Record<string, string>> {
  const fields = encodeLikeUCloudSdk({ Action: action, ...example, PublicKey: UCS_CREDENTIALS.publicKey });
  return { ...fields, Signature: await signUCloudStack(fields, UCS_CREDENTIALS) };
}

function requestExample(op: { operation: Json }): Json {
  return Object.values<any>(op.operation.requestBody?.content?.["application/json"]?.examples ?? {})[0]?.value;
}

describe("UCloudStack: the form body ucloud-sdk-python3 sends", () => {
  it("encodes like the SDK's own encoder test vectors", () => {
    expect(encodeLikeUCloudSdk({ foo: 42, t: true, f: false, IP: ["foo", "bar"], L: [{ foo: "bar" }] })).toEqual({
      foo: "42",
      t: "true",
      f: "false",
      "IP.0": "foo",
      "IP.1": "bar",
      "L.0.foo": "bar",
    });
  });

  it.each(ucsOperations.map((op) => [op.operationId, op] as const))("%s, with its request example", async (id, op) => {
    const example = requestExample(op);
    expect(example, `${id} has a request example`).toBeDefined();
    const answer = await sendForm(inject("mocks").ucloudstack!, await signedFields(op.action, example));
    expect(answer.violations).toEqual([]);
    expect(answer.status).toBe(200);
    expect(answer.body.RetCode).toBe(0);
  });

  it("a form body is validated like a JSON one: a number that is not one, a required field left out", async () => {
    const op = ucsOperations.find((o) => o.operationId === "DescribeSnapshot")!;
    const example = { ...requestExample(op), Limit: "twenty" };
    const bad = await sendForm(inject("mocks").ucloudstack!, await signedFields("DescribeSnapshot", example));
    expect(bad.status).toBe(422);
    expect(bad.violations).toContainEqual(expect.objectContaining({ location: ["body", "Limit"], code: "type" }));
    const { Region: _, ...noRegion } = requestExample(op);
    const missing = await sendForm(inject("mocks").ucloudstack!, await signedFields("DescribeSnapshot", noRegion));
    expect(missing.status).toBe(422);
    expect(missing.violations.map((v) => v.message).join("\n")).toMatch(/Region/);
  });

  it("a GET with the parameters in the query is not a form the gateway takes", async () => {
    const response = await fetch(`${inject("mocks").ucloudstack!}/?Action=DescribeDisk&Region=cn&Zone=zone-01`);
    expect(response.status).toBe(404);
  });
});

describe("Alibaba: forms the spec does not list are refused", () => {
  const query = "Action=DescribeDisks&Version=2014-05-26&RegionId=cn-hangzhou&Signature=abc&SignatureMethod=HMAC-SHA1";

  it("a JSON body", async () => {
    const response = await fetch(`${inject("mocks")["alibaba-ecs"]!}/?Action=DescribeDisks&Signature=abc`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ RegionId: "cn-hangzhou" }),
    });
    expect(
      parseViolations(response.headers.get("sl-violations"))
        .map((v) => v.message)
        .join("\n"),
    ).toMatch(/POST with the parameters in the json is not a wire form the provider accepts/);
  });

  it("a PUT", async () => {
    expect((await fetch(`${inject("mocks")["alibaba-ecs"]!}/?${query}`, { method: "PUT" })).status).toBe(404);
  });

  it("a GET and a form body carry the same checks as the query (a bad MaxResults)", async () => {
    const url = inject("mocks")["alibaba-ecs"]!;
    const get = await fetch(`${url}/?${query}&MaxResults=1000`);
    expect(parseViolations(get.headers.get("sl-violations")).map((v) => v.location.join(".").toLowerCase())).toContain(
      "request.query.maxresults",
    );
    const form = await sendForm(url, Object.fromEntries(new URLSearchParams(`${query}&MaxResults=1000`)));
    expect(form.violations.map((v) => v.location.join(".").toLowerCase())).toContain("request.query.maxresults");
  });
});

describe("the reader checks x-wire-forms", () => {
  /** An extension key of ours (built, so this file holds no raw read of one: test/spec-reader.test.ts). */
  const ext = (name: string) => `x-${name}`;
  function spec(forms: unknown, rpc = true): Json {
    return {
      openapi: "3.1.0",
      info: { title: "Things", version: "1" },
      paths: {
        "/ResetDisk": {
          post: {
            operationId: "ResetDisk",
            ...(rpc ? { [ext("rpc-action")]: "ResetDisk" } : {}),
            responses: { 200: { description: "ok" } },
          },
        },
      },
      ...(rpc ? { [ext("rpc-protocol")]: { styles: { v1: { action: { in: "query", name: "Action" } } } } } : {}),
      [ext("wire-forms")]: forms,
    };
  }
  const source = ["https://example.com/wire"];
  const read = (forms: unknown, rpc = true) => specModel(spec(forms, rpc), "inline");

  it("reads the forms, lower-casing the methods, and defaults to none", () => {
    expect(
      read({
        requests: [
          { method: "POST", params: "query" },
          { method: "GET", params: "query" },
        ],
        source,
      }).wireForms,
    ).toEqual({
      requests: [
        { method: "post", params: "query" },
        { method: "get", params: "query" },
      ],
      nullAsAbsent: false,
      booleansAnyCase: false,
    });
    expect(read(undefined).wireForms).toEqual({ requests: [], nullAsAbsent: false, booleansAnyCase: false });
    expect(read({ nullAsAbsent: true, booleansAnyCase: true, source }, false).wireForms).toMatchObject({
      nullAsAbsent: true,
      booleansAnyCase: true,
    });
  });

  it.each([
    ["no source", { requests: [{ method: "POST", params: "query" }] }, /source must list/],
    ["an unknown key", { source, styles: [] }, /unknown keys: styles/],
    ["a bad method", { source, requests: [{ method: "PUT", params: "query" }] }, /must be \{method: GET \| POST/],
    [
      "a GET with a body",
      {
        source,
        requests: [
          { method: "POST", params: "query" },
          { method: "GET", params: "form" },
        ],
      },
      /a GET carries/,
    ],
    [
      "the same form twice",
      {
        source,
        requests: [
          { method: "POST", params: "query" },
          { method: "POST", params: "query" },
        ],
      },
      /listed twice/,
    ],
    ["a form body first", { source, requests: [{ method: "POST", params: "form" }] }, /requests\[0\] is what the client sends/],
    ["a non-boolean flag", { source, nullAsAbsent: "yes" }, /nullAsAbsent must be true or false/],
  ])("refuses %s", (_label, forms, message) => {
    expect(() => read(forms)).toThrow(message);
  });

  it("refuses request forms on a REST spec", () => {
    expect(() => read({ source, requests: [{ method: "POST", params: "json" }] }, false)).toThrow(/requests is for RPC specs/);
  });
});
