/**
 * `npm run docs:serve`: serves site/ on 127.0.0.1 (port DOCS_PORT, default 8080;
 * `0` picks a free port) and prints the URL. `serveDirectory` is the same server as
 * a function, for the browser tests.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative, resolve, sep } from "node:path";
import { defaultSiteDir } from "./build.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".yml": "application/yaml; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Serves `directory` read-only on `host:port` (`port` 0 = a free port). */
export async function serveDirectory(directory: string, options: { port?: number; host?: string } = {}): Promise<StaticServer> {
  const root = resolve(directory);
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    const send = (status: number, text: string) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : text);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed\n");
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return send(403, "forbidden\n");
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, `not found: ${pathname}\n`);
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    if (request.method === "HEAD") return response.end();
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

if (import.meta.main) {
  if (!existsSync(join(defaultSiteDir, "index.html"))) {
    console.error(`${relative(process.cwd(), defaultSiteDir) || "site"}/ has no index.html: run \`npm run docs\` first`);
    process.exit(1);
  }
  const raw = process.env.DOCS_PORT ?? "8080";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`DOCS_PORT must be a port number (0 = a free port), got '${raw}'`);
    process.exit(1);
  }
  const served = await serveDirectory(defaultSiteDir, { port });
  console.log(`Serving ${relative(process.cwd(), defaultSiteDir) || "site"}/ at ${served.url} (Ctrl+C to stop)`);
  const stop = () => void served.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
