/**
 * Docs are tested: every command line in a ```bash block of README.md and docs/*.md runs VERBATIM in a child
 * process (`bash -c <line>`) from the project root, with a clean environment: only PATH and HOME, plus
 * LOCALHOST_RPC_URL pointing "localhost" at the node this test starts (what the doc line sets itself, e.g.
 * `CUSTODIAN_KEYSTORE_PASSWORD=… npm run …`, it sets). A doc example that fails breaks this test.
 *
 * Writing doc lines (for every engineer):
 *   - ```bash blocks are executed; use ```sh (or no language) for lines that are illustrations only
 *     (placeholders such as `<network>`, or other machines' commands).
 *   - Lines are joined across trailing backslashes; blank lines and `#` comment lines are skipped.
 *   - A ```bash block any line of which mentions `localhost` (e.g. `--network localhost`) runs, as a whole, against
 *     the node started here (keystores and files it creates belong to the scenario). A line for a public network
 *     must run without one (`--help`, `--dry-run`).
 *   - Standalone lines run in commands.test.ts, in document order (README.md first, then docs/*.md by file name);
 *     a line written verbatim more than once (the same `--help` in README.md and in a guide) runs once, and each
 *     occurrence is checked against that run. The localhost lines run in commands-localhost.test.ts (a file of its
 *     own, so that mocha's two workers run the two halves side by side), in document order, after this set-up: a
 *     fresh node on a free port (anvil; Hardhat's node where anvil has no binary), then `npm run deploy -- --network
 *     localhost` (so every localhost line finds a deployment, whichever document comes first). Files the lines
 *     create under keys/, proposals/ and deployments/localhost/ are removed afterwards; the test refuses to start if
 *     they already exist (it would mix with your own files).
 *   - Two lines are never run, by design: `npm ci` and `npm test` (this test is part of the suite).
 *   - Inline commands in backticks (synopses with placeholders) cannot run verbatim: synopses.test.ts checks
 *     that each names a real script and only options its `--help` lists.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";

export interface DocLine {
  file: string;
  line: number;
  command: string;
  /** Index of the ```bash block in its file: a block is run as one unit (all on the node, or all without). */
  block: number;
}

/** Command lines of the ```bash blocks of a markdown text (continuations joined, comments skipped). */
export function bashLines(markdown: string, file: string): DocLine[] {
  const out: DocLine[] = [];
  const lines = markdown.split("\n");
  let inBash = false;
  let inOther = false;
  let pending: { start: number; text: string } | undefined;
  let block = -1;
  lines.forEach((raw, i) => {
    const fence = /^\s*```(\S*)\s*$/.exec(raw);
    if (fence) {
      if (inBash || inOther) {
        inBash = false;
        inOther = false;
      } else if (fence[1] === "bash") {
        inBash = true;
        block += 1;
      } else inOther = true;
      return;
    }
    if (!inBash) return;
    const text = raw.trim();
    if (pending) {
      pending.text += ` ${text.replace(/\\$/, "").trim()}`;
      if (!text.endsWith("\\")) {
        out.push({ file, line: pending.start, command: pending.text, block });
        pending = undefined;
      }
      return;
    }
    if (text === "" || text.startsWith("#")) return;
    if (text.endsWith("\\")) pending = { start: i + 1, text: text.replace(/\\$/, "").trim() };
    else out.push({ file, line: i + 1, command: text, block });
  });
  return out;
}

export const NEVER_RUN = new Set(["npm ci", "npm test"]);
export const PUBLIC_NETWORK = /--network\s+(?!localhost\b|hardhat\b)\S+|HARDHAT_NETWORK=(?!localhost\b|hardhat\b)\S+/;
export const RUNS_WITHOUT_CHAIN = /--help\b|--dry-run\b/;

export function docFiles(root: string): string[] {
  const docs = fs.existsSync(path.join(root, "docs"))
    ? fs
        .readdirSync(path.join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => path.join("docs", f))
    : [];
  return ["README.md", ...docs];
}

export function allLines(): DocLine[] {
  return docFiles(PROJECT_ROOT).flatMap((f) => bashLines(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"), f));
}

/** Lines of a ```bash block any of whose lines mentions localhost run on the node, in block order. */
export function needsNodeIn(lines: readonly DocLine[]): (l: DocLine) => boolean {
  const onNode = new Set(lines.filter((l) => /\blocalhost\b/.test(l.command)).map((l) => `${l.file}#${l.block}`));
  return (l) => onNode.has(`${l.file}#${l.block}`);
}

export const CREATED = ["keys", "proposals", path.join("deployments", "localhost")];

export function run(
  command: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 600_000,
  cwd = PROJECT_ROOT,
): { status: number | null; out: string } {
  const res = spawnSync("bash", ["-c", command], { cwd, env, encoding: "utf8", timeout: timeoutMs });
  return {
    status: res.status,
    out: `${res.stdout ?? ""}\n${res.stderr ?? ""}${res.error ? `\n${res.error.message}` : ""}`,
  };
}

/** The documented lines that run, split into those run without a chain and those run on the localhost node. */
export function documentedLines(): { standalone: DocLine[]; onNode: DocLine[] } {
  const lines = allLines().filter((l) => !NEVER_RUN.has(l.command));
  const needsNode = needsNodeIn(lines);
  return { standalone: lines.filter((l) => !needsNode(l)), onNode: lines.filter(needsNode) };
}

/** The clean environment of every documented line: only PATH and HOME, plus what the scenario adds. */
export const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...extra,
});
