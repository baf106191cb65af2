/**
 * Validates every answer an emulator sends against the spec (the response schema of the
 * operation it was routed to, for the status it answered with), through `onExchange`. A test
 * file creates one, starts its emulator with `onExchange: conformance.onExchange`, and ends
 * with `conformance.expectNoViolations()`, which prints how many answers were checked.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { loadSpecs } from "../../contract-tests/spec-documents.ts";
import type { EmulatorExchange } from "../../src/emulator/index.ts";

type Json = Record<string, any>;

export async function specConformance(apis: readonly string[]) {
  const specs = await loadSpecs((api) => apis.includes(api));
  /** `<api> <operationId>` -> the operation (Huawei EVS and ECS both have a `ShowJob`). */
  const operations = new Map<string, Json>();
  for (const api of apis)
    for (const item of Object.values<Json>(specs[api]?.paths ?? {}))
      for (const method of ["get", "put", "post", "delete", "patch"])
        if (item[method]) operations.set(`${api} ${item[method].operationId}`, item[method]);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<object, ReturnType<typeof ajv.compile>>();
  const violations: string[] = [];
  let checked = 0;
  return {
    onExchange(exchange: EmulatorExchange): void {
      if (exchange.operationId === undefined) return;
      checked++;
      const where = `${exchange.api} ${exchange.operationId} ${exchange.method} ${exchange.path} -> ${exchange.status}`;
      const operation = operations.get(`${exchange.api} ${exchange.operationId}`);
      if (!operation) return void violations.push(`${where}: no such operation in ${apis.join(", ")}`);
      const response = operation.responses?.[String(exchange.status)] ?? operation.responses?.default;
      if (!response) return void violations.push(`${where}: the spec documents no ${exchange.status} for this operation`);
      const schema = response.content?.["application/json"]?.schema;
      if (!schema) {
        if (exchange.body !== undefined) violations.push(`${where}: a body where the spec documents none`);
        return;
      }
      let validate = validators.get(schema);
      if (!validate) {
        validate = ajv.compile(schema);
        validators.set(schema, validate);
      }
      if (!validate(exchange.body)) violations.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    },
    get checked() {
      return checked;
    },
    violations,
    expectNoViolations(minimum = 1): void {
      console.log(
        `emulator conformance (${apis.join(", ")}): ${checked} answers checked against the spec, ${violations.length} violations`,
      );
      expect(violations).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(minimum);
    },
  };
}
