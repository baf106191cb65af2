/**
 * Every example in every spec validates against its schema, checked by Ajv with
 * the 2020-12 dialect (independently of Redocly's lint), and every provider sample is
 * present as a named example.
 */
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { loadSpecs } from "./spec-documents.ts";

const specs = await loadSpecs();

interface ExampleCase {
  where: string;
  name: string;
  schema: unknown;
  value: unknown;
}

/** Walks requestBody and response media types (with their named examples) of every operation. */
function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [api, spec] of Object.entries(specs)) {
    for (const item of Object.values<any>(spec.paths)) {
      for (const method of ["get", "post", "put", "delete", "patch"]) {
        const op = item[method];
        if (!op) continue;
        const media: Array<[string, any]> = [];
        if (op.requestBody) media.push([`${api} ${op.operationId} request`, op.requestBody.content["application/json"]]);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          if (response.content) media.push([`${api} ${op.operationId} ${status}`, response.content["application/json"]]);
        }
        for (const [where, content] of media) {
          for (const [name, example] of Object.entries<any>(content.examples ?? {}))
            cases.push({ where, name, schema: content.schema, value: example.value });
        }
      }
    }
  }
  return cases;
}

const cases = collectExamples();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

describe("spec examples validate against their schemas (Ajv, JSON Schema 2020-12)", () => {
  it("there are examples to check", () => {
    expect(cases.length).toBeGreaterThan(50);
  });
  it.each(cases.map((c) => [`${c.where} / ${c.name}`, c] as const))("%s", (_label, c) => {
    const validate = ajv.compile(c.schema as object);
    const ok = validate(c.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });
  it("a broken example is rejected (the check can fail)", () => {
    const volumeShow = cases.find((c) => c.where.endsWith("CinderShowVolume 200"))!;
    const validate = ajv.compile(volumeShow.schema as object);
    expect(validate({ volume: { id: 42 } })).toBe(false);
  });
});

describe("every provider sample is in a spec", () => {
  // Samples from the provider documents cited in openapi/ERRATA.md (DEVG, RB, OTC-EVS, EVS-REF,
  // RESETDISKS-ZH, UCS-SNAP), by the operation they belong to; each must exist as a `seed*` example
  // (a leading space: that exact operation id, not its `Cinder…` namesake).
  const expectedSeedExamples: Array<[string, string]> = [
    ["CinderListAvailabilityZones 200", "seed"],
    ["GlanceListImages 200", "seed"],
    ["CinderListSnapshots 200", "seed"],
    ["ListBackups 200", "seed"],
    ["CinderCreateVolume request", "seed"],
    ["CinderCreateVolume 202", "seed"],
    ["CinderListVolumes 200", "seed"],
    ["CinderResizeVolume request", "seed"],
    ["CinderCreateSnapshot request", "seed"],
    ["CinderCreateSnapshot 202", "seed"],
    ["RollbackSnapshot request", "seed"],
    ["RollbackSnapshot 202", "seed"],
    ["RollbackVendorSnapshot request", "seed"],
    ["RollbackVendorSnapshot 202", "seed"],
    ["CinderShowVolume 400", "seedError"],
    ["CinderShowVolume 400", "seedBadRequest"],
    [" CreateSnapshot request", "seed"],
    [" CreateSnapshot 202", "seed"],
    [" UpdateSnapshot request", "seed"],
    [" UpdateSnapshot 200", "seed"],
    [" ShowVolume 200", "seed"],
    [" UpdateVolume request", "seed"],
    [" UpdateVolume 200", "seed"],
    [" DeleteVolume 200", "seed"],
    [" ResizeVolume request", "seed"],
    [" ResizeVolume 202", "seed"],
    [" ShowJob 200", "seed"],
    ["ResetDisks 200", "seed"],
    ["ucloudstack CreateSnapshot 200", "seed"],
    ["ucloudstack DescribeSnapshot 200", "seed"],
    ["ucloudstack RollbackSnapshot 200", "seed"],
    ["ucloudstack DeleteSnapshot 200", "seed"],
    ["ucloudstack CreateSnapshot request", "seed"],
  ];
  it.each(expectedSeedExamples)("%s has a %s example", (where, prefix) => {
    const found = cases.filter((c) => c.where.endsWith(where) && c.name.startsWith(prefix));
    expect(
      found.length,
      `${where}: ${cases
        .filter((c) => c.where.endsWith(where))
        .map((c) => c.name)
        .join(", ")}`,
    ).toBeGreaterThan(0);
  });
});
