/**
 * No secret key, token or signature appears in any error message, JSON.stringify,
 * util.inspect or log line, even when the server echoes them back.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createEvsClient, type Logger } from "../src/huawei/index.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";

const SK = "SK-super-secret-0123456789abcdef";
const TOKEN = "MIIST0kENxxxxSECRETxxxxTOKENvalue";
const SECURITY_TOKEN = "STS-temporary-security-token-value";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A hostile server: echoes the request's credentials into every error it sends. */
async function echoingServer(status: number) {
  server = await startFaultServer((request, res) => {
    json(res, status, {
      error: {
        code: "EVS.0001",
        message: `bad request; you sent Authorization: ${request.headers.authorization ?? ""} X-Auth-Token: ${request.headers["x-auth-token"] ?? ""} X-Security-Token: ${request.headers["x-security-token"] ?? ""}`,
      },
    });
  });
  return server;
}

function capture() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
    info: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
    warn: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
    error: (m, d) => void lines.push(m + JSON.stringify(d ?? {})),
  };
  return { lines, logger };
}

function everythingPrintable(error: unknown, lines: string[]): string {
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    ...lines,
  ].join("\n");
}

describe("secrets stay out of errors and logs", () => {
  it("AK/SK with a security token: no secret key, token or signature", async () => {
    const { url } = await echoingServer(400);
    const { lines, logger } = capture();
    const signatures: string[] = [];
    const evs = createEvsClient({
      endpoint: url,
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { accessKeyId: "AKVISIBLE", secretAccessKey: SK, securityToken: SECURITY_TOKEN },
      logger,
      fetch: async (request) => {
        signatures.push(/Signature=([0-9a-f]+)/.exec(request.headers.get("authorization") ?? "")![1]!);
        return fetch(request);
      },
    });
    const error = await evs.cinderShowVolume({ volume_id: "v1" }).catch((e: unknown) => e);
    const printable = everythingPrintable(error, lines);
    expect(printable).toContain("EVS.0001"); // the error itself is still informative
    expect(printable).toContain("AKVISIBLE"); // the access key id is not a secret
    expect(server!.requests[0]!.headers["x-security-token"]).toBe(SECURITY_TOKEN); // the server did get them...
    expect(signatures).toHaveLength(1);
    for (const secret of [SK, SECURITY_TOKEN, signatures[0]!]) expect(printable).not.toContain(secret); // ...but nothing shows them
    expect(lines.length).toBeGreaterThan(0);
  });

  it("IAM token: never printed", async () => {
    const { url } = await echoingServer(403);
    const { lines, logger } = capture();
    const evs = createEvsClient({ endpoint: url, projectId: "0123456789abcdef0123456789abcdef", credentials: { token: TOKEN }, logger });
    const error = await evs.cinderShowVolume({ volume_id: "v1" }).catch((e: unknown) => e);
    expect(server!.requests[0]!.headers["x-auth-token"]).toBe(TOKEN);
    expect(everythingPrintable(error, lines)).not.toContain(TOKEN);
  });

  it("configuration errors do not print the secret they complain about", () => {
    let caught: unknown;
    try {
      createEvsClient({
        region: "cn-north-4",
        projectId: "0123456789abcdef0123456789abcdef",
        credentials: { accessKeyId: "AK\nX", secretAccessKey: SK },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeDefined();
    expect(everythingPrintable(caught, [])).not.toContain(SK);
  });
});
