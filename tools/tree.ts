/**
 * A copy of the project's working tree for a step that must not share generated files with the steps running beside
 * it: `npm run coverage` compiles instrumented contracts and regenerates typechain-types/ from them (factories with
 * instrumented bytecode), which would corrupt a test run in the same folder. The copy holds the sources as they are
 * on disk (uncommitted changes included), none of the generated or local folders, and a link to node_modules.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Folders and files of the root that are generated, local or secret: never copied (node_modules is linked). */
export const NOT_COPIED: readonly string[] = [
  ".git",
  "node_modules",
  "artifacts",
  "cache",
  "typechain-types",
  "coverage",
  "coverage.json",
  ".coverage_artifacts",
  ".coverage_cache",
  ".coverage_contracts",
  "reports",
  // deployments/localhost and deployments/hardhat: local chains' records (see copyWorkingTree)
  "keys",
  "proposals",
  ".env",
];

export interface TreeCopy {
  /** The copy's root. */
  dir: string;
  /** Removes the copy (the link to node_modules, not what it points to). */
  remove(): void;
}

/** The compiled outputs a copy may take along (`withBuild`), so that commands run in it without compiling again. */
export const BUILD_OUTPUTS: readonly string[] = ["artifacts", "cache", "typechain-types"];

/**
 * Copies `root` to a new temporary folder (see {@link NOT_COPIED}; with `withBuild`, the compiled outputs are copied
 * too) and links its node_modules.
 */
export function copyWorkingTree(root: string, prefix = "som-audit-", o: { withBuild?: boolean } = {}): TreeCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const kept = new Set(o.withBuild ? BUILD_OUTPUTS : []);
  const skip = new Set(NOT_COPIED.filter((name) => !kept.has(name)).map((name) => path.join(root, name)));
  const localDeployments = new Set(["localhost", "hardhat"].map((n) => path.join(root, "deployments", n)));
  for (const entry of fs.readdirSync(root)) {
    const from = path.join(root, entry);
    if (skip.has(from)) continue;
    fs.cpSync(from, path.join(dir, entry), { recursive: true, filter: (src) => !localDeployments.has(src) });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (o.withBuild) rebaseSolidityFilesCache(root, dir);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Hardhat's solidity-files cache keys every source by its absolute path: in a copy, none would be found and the
 * first command would compile every contract again (about 40 s of solc-js, measured in the docs-on-anvil test). The
 * copy's cache names the copy's own sources instead (libraries keep their real paths); Hardhat still compares their
 * content hashes.
 */
function rebaseSolidityFilesCache(root: string, dir: string): void {
  const file = path.join(dir, "cache", "solidity-files-cache.json");
  if (!fs.existsSync(file)) return;
  const cache = JSON.parse(fs.readFileSync(file, "utf8")) as { files?: Record<string, unknown> };
  const prefix = `${path.resolve(root)}${path.sep}`;
  // libraries stay where they are: Hardhat resolves them through the node_modules link to their real path
  const own = (key: string) => key.startsWith(prefix) && !key.startsWith(`${prefix}node_modules${path.sep}`);
  cache.files = Object.fromEntries(
    Object.entries(cache.files ?? {}).map(([key, entry]) => [
      own(key) ? path.join(dir, key.slice(prefix.length)) : key,
      entry,
    ]),
  );
  fs.writeFileSync(file, JSON.stringify(cache, null, 2));
}
