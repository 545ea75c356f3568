/**
 * A worker's workspace: a copy of the working tree with its build (../tree.ts), into which one mutant at a time is
 * installed (its compiled contracts' artifacts, and their OpenZeppelin upgrades validations), and the mutant's test
 * files run with `hardhat test --no-compile --bail` under a time limit.
 *
 * Validations: @openzeppelin/hardhat-upgrades' deployProxy / upgradeProxy look the implementation up in
 * cache/validations.json by the hash of its bytecode. A mutant is one edit inside a function body, a modifier list
 * or an initial value: it declares no state variable and changes no inheritance, so its storage layout and
 * validation are the original's. The workspace adds a copy of the original's validation run with the mutant's
 * bytecode hashes (upgrades-core's getVersion): the plugin validates the mutant exactly as it validates the original.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getVersion } from "@openzeppelin/upgrades-core";
import { copyWorkingTree } from "../tree";
import type { TreeCopy } from "../tree";
import type { CompiledSet } from "./compile";

export type TestOutcome = { status: "killed"; failed: string } | { status: "survived" } | { status: "timeout" };

interface ValidationVersion {
  withMetadata: string;
  withoutMetadata: string;
  linkedWithoutMetadata: string;
}
type ValidationRun = Record<string, { version?: ValidationVersion }>;
interface Validations {
  version: string;
  log: ValidationRun[];
}

const HARDHAT_CLI = (): string => require.resolve("hardhat/internal/cli/cli.js");

export class Workspace {
  private readonly copy: TreeCopy;
  private readonly originals = new Map<string, string>();
  private readonly validationsFile: string;
  private readonly validations: string;

  constructor(root: string, index: number) {
    this.copy = copyWorkingTree(root, `som-mutation-${index}-`, { withBuild: true });
    this.validationsFile = path.join(this.copy.dir, "cache", "validations.json");
    this.validations = fs.existsSync(this.validationsFile) ? fs.readFileSync(this.validationsFile, "utf8") : "";
  }

  get dir(): string {
    return this.copy.dir;
  }

  private artifactPath(key: string): string {
    const at = key.lastIndexOf(":");
    return path.join(this.copy.dir, "artifacts", key.slice(0, at), `${key.slice(at + 1)}.json`);
  }

  /** Puts back the original artifacts and validations. */
  restore(): void {
    for (const [file, text] of this.originals) fs.writeFileSync(file, text);
    this.originals.clear();
    if (this.validations !== "") fs.writeFileSync(this.validationsFile, this.validations);
  }

  /** TypeChain's factory of `source:Name` (src/ deploys some contracts through them: their bytecode is inlined). */
  private factoryPath(key: string): string | undefined {
    const at = key.lastIndexOf(":");
    const source = key.slice(0, at);
    const name = key.slice(at + 1);
    const base = path.join(this.copy.dir, "typechain-types", "factories", path.dirname(source));
    return [path.join(base, `${name}__factory.ts`), path.join(base, path.basename(source), `${name}__factory.ts`)].find(
      (f) => fs.existsSync(f),
    );
  }

  private replaceIn(file: string, from: string, to: string): void {
    const text = fs.readFileSync(file, "utf8");
    if (!this.originals.has(file)) this.originals.set(file, text);
    fs.writeFileSync(file, text.split(from).join(to));
  }

  /** Installs a mutant's compiled contracts (`source:Name` -> bytecode) in place of the originals. */
  install(contracts: CompiledSet): void {
    this.restore();
    const parsed = this.validations === "" ? undefined : (JSON.parse(this.validations) as Validations);
    for (const [key, code] of Object.entries(contracts)) {
      const file = this.artifactPath(key);
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, "utf8");
      this.originals.set(file, text);
      const artifact = JSON.parse(text) as { bytecode: string; deployedBytecode: string };
      const before = artifact.bytecode;
      artifact.bytecode = `0x${code.bytecode}`;
      artifact.deployedBytecode = `0x${code.deployedBytecode}`;
      fs.writeFileSync(file, JSON.stringify(artifact, null, 2));
      const factory = this.factoryPath(key);
      if (factory) this.replaceIn(factory, `"${before}"`, `"${artifact.bytecode}"`);
      if (parsed) addValidation(parsed, key, before, artifact.bytecode);
    }
    if (parsed) fs.writeFileSync(this.validationsFile, JSON.stringify(parsed));
  }

  /** Runs the test files; a failing test (or any non-zero exit) kills the mutant. */
  runTests(files: readonly string[], timeoutMs: number): Promise<TestOutcome & { ms: number }> {
    const start = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [HARDHAT_CLI(), "test", "--no-compile", "--bail", ...files], {
        cwd: this.copy.dir,
        detached: true,
        env: { ...process.env, TS_NODE_SWC: "true", FORCE_COLOR: "0", HARDHAT_NETWORK: "hardhat" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const keep = (c: Buffer): void => {
        output = (output + c.toString()).slice(-20_000);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, timeoutMs);
      child.on("close", (code) => {
        clearTimeout(timer);
        const ms = Date.now() - start;
        if (timedOut) resolve({ status: "timeout", ms });
        else if (code === 0) resolve({ status: "survived", ms });
        else resolve({ status: "killed", failed: firstFailure(output), ms });
      });
    });
  }

  remove(): void {
    this.copy.remove();
  }
}

/** The first failing test's title in mocha's output ("  1) suite\n       test:"), or the last line. */
export function firstFailure(output: string): string {
  const m = /^\s*1\) (.+)\n(?:\s+(.+):\n)?/m.exec(output);
  if (m) return [m[1], m[2]].filter(Boolean).join(" ").trim().slice(0, 200);
  const lines = output.trim().split("\n");
  return (lines[lines.length - 1] ?? "").trim().slice(0, 200);
}

function addValidation(v: Validations, key: string, originalBytecode: string, bytecode: string): void {
  const original = getVersion(originalBytecode);
  const run = [...v.log].reverse().find((r) => r[key]?.version?.withoutMetadata === original.withoutMetadata);
  if (!run) return;
  const copy = JSON.parse(JSON.stringify(run)) as ValidationRun;
  copy[key].version = getVersion(bytecode);
  v.log.push(copy);
}
