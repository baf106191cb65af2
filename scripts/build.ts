/**
 * `npm run build`: a clean dist/ (no stale files from earlier layouts or options),
 * then the library build with tsconfig.build.json.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
rmSync(resolve(root, "dist"), { recursive: true, force: true });
const result = spawnSync(resolve(root, "node_modules", ".bin", "tsc"), ["-p", resolve(root, "tsconfig.build.json")], { stdio: "inherit" });
process.exit(result.status ?? 1);
