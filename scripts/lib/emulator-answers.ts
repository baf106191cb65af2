/**
 * The spec's own answers, as the emulator serves them (generated/<provider>/<service>.answers.ts):
 * for each operation, its success status with the first example body, and every documented
 * error example under its status. The emulator renders stateful answers itself and takes
 * these for every operation it does not keep state for, and the documented error bodies
 * (the provider's envelope, code and message) for the failures its rules raise.
 *
 * Node-only data: no provider entry imports it, so it costs the browser bundles nothing.
 */
import { catalogOf } from "./error-codes.ts";
import type { SpecModel } from "./spec-reader.ts";

type Json = Record<string, any>;

export interface OperationAnswers {
  /** The first 2xx the spec documents (or the 3xx it documents as the answer), with its first example body (none for a body-less answer). */
  ok: { status: number; body?: unknown };
  /** Operations sharing a method and path: the body field that picks this one (`x-body-selector`). */
  selector?: { property: string; value?: string };
  /** Every error example: status and body. */
  errors: Array<{ status: number; body: unknown }>;
}

export function answersOf(model: SpecModel): Record<string, OperationAnswers> {
  const answers: Record<string, OperationAnswers> = {};
  for (const op of model.operations) {
    const responses = Object.entries<Json>(op.raw.responses ?? {});
    const success = responses.find(([status]) => /^2\d\d$/.test(status)) ?? responses.find(([status]) => /^3\d\d$/.test(status));
    if (!success) throw new Error(`${op.id}: no 2xx (or documented 3xx) response to answer with`);
    const ok: OperationAnswers["ok"] = { status: Number(success[0]) };
    const first = firstExample(success[1]);
    if (first !== undefined) ok.body = first;
    const errors: OperationAnswers["errors"] = [];
    for (const [status, response] of responses) {
      if (!/^[45]\d\d$/.test(status)) continue;
      for (const example of Object.values<Json>(response.content?.["application/json"]?.examples ?? {}))
        if (example.value !== undefined) errors.push({ status: Number(status), body: example.value });
    }
    answers[op.id] = { ok, errors };
    if (op.bodySelector) answers[op.id]!.selector = { ...op.bodySelector };
  }
  return answers;
}

function firstExample(response: Json): unknown {
  const content = response.content?.["application/json"];
  if (!content) return undefined;
  const examples = Object.values<Json>(content.examples ?? {});
  return examples.length ? examples[0]!.value : content.example;
}

/** The module text: the answers per operation, and the error catalog's summaries (code -> documented message). */
export function answersModule(model: SpecModel, header: string): string {
  const summaries = Object.fromEntries([...catalogOf(model.document)].map(([code, entry]) => [code, entry.summary]));
  return (
    `${header}\n` +
    `/** The spec's documented answers per operation (scripts/lib/emulator-answers.ts): read by the emulator only. */\n` +
    `export const answers: Record<string, { ok: { status: number; body?: unknown }; errors: Array<{ status: number; body: unknown }>; selector?: { property: string; value?: string } }> = ${JSON.stringify(answersOf(model), null, 1)};\n\n` +
    `/** The error catalog (\`x-error-codes\`): code -> its documented message or summary. */\n` +
    `export const errorSummaries: Record<string, string> = ${JSON.stringify(summaries, null, 1)};\n`
  );
}
