/**
 * A worker's workspace: a copy of the working tree with its build (../tree.ts), into which one mutant at a time is
 * installed (its compiled contracts' artifacts, and their OpenZeppelin upgrades validations), and the mutant's test
 * files run in the workspace's warm process (mocha's bail, a time limit; below), one test alone or the whole list.
 *
 * Validations: @openzeppelin/hardhat-upgrades' deployProxy / upgradeProxy look the implementation up in
 * cache/validations.json by the hash of its bytecode. A mutant is one edit inside a function body, a modifier list
 * or an initial value: it declares no state variable and changes no inheritance, so its storage layout and
 * validation are the original's. The workspace adds a copy of the original's validation run with the mutant's
 * bytecode hashes (upgrades-core's getVersion): the plugin validates the mutant exactly as it validates the original.
 *
 * Tests run in a warm process (./warm.ts): Hardhat starts once per workspace (~3-4 s saved per mutant); each run
 * starts from the chain's state at start and loads the test files, src/ and the changed TypeChain factories afresh.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getVersion } from "@openzeppelin/upgrades-core";
import { copyWorkingTree } from "../tree";
import type { TreeCopy } from "../tree";
import type { CompiledSet } from "./compile";
import type { TestRef, WarmJob, WarmResult } from "./warm";

export type TestOutcome =
  { status: "killed"; failed: string; test?: TestRef } | { status: "survived"; tests: number } | { status: "timeout" };

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

/**
 * The warm process's preloads: the project's TypeScript loader (tools/register.js: swc, its output cached by content,
 * so the test files and src/ reloaded for each mutant are not transpiled again) and the resolution cache the mocha
 * workers of `npm test` load (hardhat.config.ts `mocha.require`). Hardhat itself is loaded by warm.ts's import.
 */
const PRELOAD = (dir: string): string[] =>
  [path.join(dir, "tools", "register.js"), path.join(dir, "test", "helpers", "resolve-cache.js")].flatMap((m) => [
    "--require",
    m,
  ]);
/** A warm process is replaced after this many runs (its module cache grows with each). */
const RESTART_EVERY = 40;

/** The warm test process of a workspace (./warm.ts): Hardhat loaded once, one job at a time. */
class WarmProcess {
  private readonly results: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private output = "";
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    const keep = (c: Buffer): void => {
      this.output = (this.output + c.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let buffered = "";
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (c: Buffer) => {
      buffered += c.toString();
      for (let at = buffered.indexOf("\n"); at >= 0; at = buffered.indexOf("\n")) {
        this.push(buffered.slice(0, at));
        buffered = buffered.slice(at + 1);
      }
    });
    child.on("exit", () => {
      this.exited = true;
      this.push(undefined);
    });
  }

  private push(line: string | undefined): void {
    const w = this.waiting;
    this.waiting = undefined;
    if (w) w(line);
    else if (line !== undefined) this.results.push(line);
  }

  private next(timeoutMs: number): Promise<string | "timeout" | undefined> {
    const queued = this.results.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exited) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve("timeout");
      }, timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
    });
  }

  static async start(dir: string): Promise<WarmProcess> {
    const child = spawn(process.execPath, [...PRELOAD(dir), path.join("tools", "mutation", "warm.ts")], {
      cwd: dir,
      detached: true,
      env: { ...process.env, FORCE_COLOR: "0", HARDHAT_NETWORK: "hardhat" },
      stdio: ["pipe", "pipe", "pipe", "pipe"],
    });
    const w = new WarmProcess(child);
    const ready = await w.next(300_000);
    if (ready === undefined || ready === "timeout") throw new Error(`the warm test process did not start: ${w.tail()}`);
    return w;
  }

  async run(job: WarmJob, timeoutMs: number): Promise<WarmResult | "timeout" | "exit"> {
    this.child.stdin?.write(`${JSON.stringify(job)}\n`);
    const line = await this.next(timeoutMs);
    if (line === "timeout") return "timeout";
    if (line === undefined) return "exit";
    return JSON.parse(line) as WarmResult;
  }

  tail(): string {
    return this.output.trim();
  }

  kill(): void {
    try {
      if (this.child.pid !== undefined && !this.exited) process.kill(-this.child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

export class Workspace {
  private readonly copy: TreeCopy;
  private readonly originals = new Map<string, string>();
  private readonly validationsFile: string;
  private readonly validations: string;
  private warm?: WarmProcess;
  /** TypeChain factories written since the last run: the warm process must load them afresh. */
  private readonly touched = new Set<string>();
  private jobs = 0;

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
    for (const [file, text] of this.originals) {
      fs.writeFileSync(file, text);
      if (file.endsWith(".ts")) this.touched.add(file);
    }
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
    this.touched.add(file);
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

  /**
   * Runs the test files in the warm process (with `only`, the one test of that full title); a failing test (or a
   * crash) kills the mutant.
   */
  async runTests(files: readonly string[], timeoutMs: number, only?: string): Promise<TestOutcome & { ms: number }> {
    const start = Date.now();
    const warm = await this.warmProcess();
    const r = await warm.run({ files: [...files], reload: [...this.touched], only }, timeoutMs);
    this.touched.clear();
    const ms = Date.now() - start;
    if (r === "timeout" || r === "exit") {
      this.warm = undefined;
      warm.kill();
      if (r === "timeout") return { status: "timeout", ms };
      return { status: "killed", failed: `the test process exited: ${warm.tail().split("\n").pop() ?? ""}`, ms };
    }
    if (++this.jobs % RESTART_EVERY === 0) {
      this.warm = undefined;
      warm.kill();
    }
    return r.failures === 0
      ? { status: "survived", tests: r.tests, ms }
      : { status: "killed", failed: r.failed ?? "a test failed", test: r.test, ms };
  }

  private async warmProcess(): Promise<WarmProcess> {
    this.warm ??= await WarmProcess.start(this.copy.dir);
    return this.warm;
  }

  remove(): void {
    this.warm?.kill();
    this.copy.remove();
  }
}

function addValidation(v: Validations, key: string, originalBytecode: string, bytecode: string): void {
  const original = getVersion(originalBytecode);
  const run = [...v.log].reverse().find((r) => r[key]?.version?.withoutMetadata === original.withoutMetadata);
  if (!run) return;
  const copy = JSON.parse(JSON.stringify(run)) as ValidationRun;
  copy[key].version = getVersion(bytecode);
  v.log.push(copy);
}
