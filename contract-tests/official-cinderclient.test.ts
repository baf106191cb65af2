/**
 * python-cinderclient (Debian python3-cinderclient, noauth mode with the endpoint given) against
 * the Huawei EVS mock, through a recording relay: every Cinder-compatible volume, snapshot and
 * availability-zone operation of openapi/huawei/evs.yaml, selected by method and path (never by
 * operationId). cinderclient sends every optional it was not given as `null` (`"backup_id": null`
 * on volume create) and `cascade=True`; the mock must answer each call with a success and zero
 * Prism violations (x-wire-forms in the spec, openapi/ERRATA.md).
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT, SNAPSHOT, VOLUME } from "./huawei-calls.ts";
import { startRecorder, type Exchange, type Recorder } from "./official-recorder.ts";
import { loadSpecs, operationsOf, projectRoot } from "./spec-documents.ts";

/**
 * The OpenStack Cinder resources (`/v<n>/{project_id}/volumes`, `/snapshots`, their `/detail`,
 * `/{id}` and `/{id}/action`, `/os-availability-zone`); Huawei's own extensions that share the
 * prefix (`/volumes/{id}/retype`, `/v5/{project_id}/volumes/batch-extend`) are not Cinder's.
 */
const CINDER_PATH = /^\/(v\d+)\/\{project_id\}(\/(?:(?:volumes|snapshots)(?:\/detail|\/\{[^}]+\}(?:\/action)?)?|os-availability-zone))$/;

/** Method and path (after the project, path parameters as `{}`) -> the cinderclient call that sends it. */
const CINDERCLIENT_CALLS: Record<string, string> = {
  "POST /volumes": "volumes.create",
  "GET /volumes": "volumes.list",
  "GET /volumes/detail": "volumes.list_detail",
  "GET /volumes/{}": "volumes.get",
  "PUT /volumes/{}": "volumes.update",
  "POST /volumes/{}/action": "volumes.extend",
  "DELETE /volumes/{}": "volumes.delete",
  "POST /snapshots": "snapshots.create",
  "GET /snapshots": "snapshots.list",
  "GET /snapshots/detail": "snapshots.list_detail",
  "GET /snapshots/{}": "snapshots.get",
  "PUT /snapshots/{}": "snapshots.update",
  "DELETE /snapshots/{}": "snapshots.delete",
  "GET /os-availability-zone": "availability_zones.list",
};

const specs = await loadSpecs((api) => api === "huawei-evs");
const cinderOperations = operationsOf(specs).flatMap((op) => {
  const match = CINDER_PATH.exec(op.path);
  if (!match) return [];
  const key = `${op.method.toUpperCase()} ${match[2]!.replace(/\{[^}]+\}/g, "{}")}`;
  return [{ ...op, version: match[1]!, key, call: CINDERCLIENT_CALLS[key] }];
});

/** Debian's python3, where python3-cinderclient installs (a python3 earlier on PATH may not see it). */
const PYTHON = process.env.CINDERCLIENT_PYTHON ?? "/usr/bin/python3";

interface Outcome {
  call: string;
  ok: boolean;
  error?: string;
}

let relay: Recorder;
const outcomes = new Map<string, Outcome & { exchanges: Exchange[] }>();

beforeAll(async () => {
  relay = await startRecorder(inject("mocks")["huawei-evs"]!);
  const script = resolve(projectRoot, "contract-tests", "official-cinderclient.py");
  for (const version of new Set(cinderOperations.map((op) => op.version))) {
    const ops = cinderOperations.filter((o) => o.version === version && o.call);
    if (!ops.length) continue;
    const { stdout } = await promisify(execFile)(
      PYTHON,
      [script, `${relay.url}/${version}`, PROJECT, VOLUME, SNAPSHOT, ...ops.map((op) => op.call!)],
      { timeout: 60_000 },
    );
    const byCall = new Map(
      stdout
        .trim()
        .split("\n")
        .map((line) => [(JSON.parse(line) as Outcome).call, JSON.parse(line) as Outcome]),
    );
    for (const op of ops) {
      const outcome = byCall.get(op.call!) ?? { call: op.call!, ok: false, error: "the script did not run it" };
      const exchanges = relay.exchanges.filter((e) => e.headers["x-contract-call"] === op.call && e.url.startsWith(`/${version}/`));
      outcomes.set(`${version} ${op.key}`, { ...outcome, exchanges });
    }
  }
}, 120_000);
afterAll(() => relay?.close());

it("the spec has Cinder-compatible operations, and cinderclient can send every one of them", () => {
  expect(cinderOperations.length).toBeGreaterThan(0);
  expect(cinderOperations.filter((op) => !op.call).map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual([]);
});

describe("python-cinderclient against the Cinder-compatible paths", () => {
  it.each(cinderOperations.filter((op) => op.call).map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    "%s",
    (_label, op) => {
      const outcome = outcomes.get(`${op.version} ${op.key}`)!;
      expect(outcome, "the call ran").toBeDefined();
      expect(outcome.error, JSON.stringify(outcome.exchanges.map((e) => e.violations))).toBeUndefined();
      expect(outcome.ok).toBe(true);
      expect(outcome.exchanges).toHaveLength(1);
      const [exchange] = outcome.exchanges as [Exchange];
      expect(exchange.method).toBe(op.method.toUpperCase());
      expect(exchange.violations).toEqual([]);
      expect(exchange.status).toBeGreaterThanOrEqual(200);
      expect(exchange.status).toBeLessThan(300);
      expect(exchange.headers["x-auth-token"]).toBe(`contract-test:${PROJECT}`);
    },
  );

  it("volume create carries cinderclient's null optionals, delete its cascade=True (so the tolerance is what passed)", () => {
    const create = outcomes.get(`v2 POST /volumes`);
    const remove = outcomes.get(`v2 DELETE /volumes/{}`);
    expect(create && remove, "the spec has v2 volume create and delete").toBeTruthy();
    expect(JSON.parse(create!.exchanges[0]!.body).volume).toMatchObject({ backup_id: null, name: null, snapshot_id: null });
    expect(remove!.exchanges[0]!.url).toMatch(/\?cascade=True$/);
  });
});
