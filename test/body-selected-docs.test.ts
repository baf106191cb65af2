/**
 * The docs of operations told apart by their body (`x-wire-path`, `x-body-selector`): the page
 * says the real method and path and the body field that selects the operation, and the landing
 * page's wire column lists the real path with that body.
 */
import { describe, expect, it } from "vitest";
import { bundleApi, listDocApis, readApi } from "../scripts/docs/apis.ts";
import { docsDocument, wirePaths } from "../scripts/docs/transform.ts";

const apis = (await listDocApis()).filter((api) => api.name === "huawei-ecs" || api.name === "huawei-evs");
const documents = await Promise.all(
  apis.map(async (api) => {
    const model = await readApi(api);
    return { model, document: docsDocument(await bundleApi(api), model, api) };
  }),
);
const cases = documents.flatMap(({ model, document }) =>
  model.operations.filter((op) => op.bodySelector).map((op) => [op.id, { model, document, op }] as const),
);

describe("docs of body-selected operations", () => {
  it("covers the four", () => {
    expect(cases.map(([id]) => id).sort()).toEqual([
      "BatchCreateVolumeTags",
      "BatchDeleteVolumeTags",
      "BatchStartServers",
      "BatchStopServers",
    ]);
  });

  it.each(cases)("%s: the page starts with the real method, path and selecting body field", (_id, { model, document, op }) => {
    const description: string = document.paths[op.path][op.method].description;
    const field =
      op.bodySelector!.value === undefined
        ? `the property \`${op.bodySelector!.property}\``
        : `\`"${op.bodySelector!.property}": "${op.bodySelector!.value}"\``;
    expect(
      description.startsWith(`**Wire form:** \`${op.method.toUpperCase()} ${op.wirePath}\`, the call whose JSON body has ${field}.`),
    ).toBe(true);
    const sibling = model.operations.find((other) => other !== op && other.wirePath === op.wirePath)!;
    expect(description).toContain(`\`${sibling.id}\``);
  });

  it.each(cases)("%s: the landing page lists the real path and the selecting body", (_id, { model, op }) => {
    const entry = wirePaths(model)[op.id]!;
    expect(entry.path).toBe(op.wirePath);
    expect(entry.path).not.toContain("#");
    expect(entry.selectedBy).toContain(JSON.stringify(op.bodySelector!.property));
  });
});
