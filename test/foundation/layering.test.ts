import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The layering rules of .dependency-cruiser.cjs (run by `npm run lint:deps`): the real tree cruises clean,
 * and a tree with one planted import per forbidden direction is rejected by exactly the rule meant for it,
 * while the allowed directions (downward, domain -> domain, workflow leftward, tests anywhere) pass.
 */
const ROOT = path.join(__dirname, "..", "..");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const CLI = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}
interface CruiseResult {
  summary: { violations: Violation[]; totalCruised: number };
}

function cruise(cwd: string, targets: string[]): CruiseResult {
  const res = spawnSync(process.execPath, [CLI, "--config", CONFIG, "--output-type", "json", ...targets], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!res.stdout) throw new Error(`depcruise printed nothing (exit ${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as CruiseResult;
}

/** file -> the modules it imports (relative specifiers without extension); every target is created too. */
function plant(dir: string, imports: Record<string, string[]>): void {
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs" } }));
  const write = (file: string, body: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    if (!fs.existsSync(path.join(dir, file)) || body) fs.writeFileSync(path.join(dir, file), body);
  };
  for (const [file, targets] of Object.entries(imports)) {
    const body = targets.map((t, i) => {
      const spec = path.relative(path.dirname(file), t.replace(/\.ts$/, "")).replace(/^(?!\.)/, "./");
      // every other planted import is type-only: those count as dependencies too
      return i % 2 === 1 ? `import type { T${i} } from "${spec}";\n` : `import { v${i} } from "${spec}";\n`;
    });
    write(file, `${body.join("")}export const v = 1;\nexport type T = number;\n`);
    for (const t of targets) write(t, "");
  }
}

describe("foundation: layering (dependency-cruiser)", function () {
  this.timeout(120_000);

  it("the real tree has no violation", function () {
    const result = cruise(ROOT, ["src", "scripts", "tools", "hardhat.config.ts"]);
    expect(result.summary.totalCruised).to.be.greaterThan(100);
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).to.deep.equal([]);
  });

  it("rejects each planted upward or sideways import with its own rule, and lets the allowed ones pass", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-layering-"));
    try {
      const forbidden: Record<string, [string, string]> = {
        "kernel-imports-only-kernel": ["src/chain/a.ts", "src/safe/kernelup.ts"],
        "primitives-not-up": ["src/safe/b.ts", "src/guard/primup.ts"],
        "domains-not-up-to-workflows": ["src/market/c.ts", "src/custody/domup.ts"],
        "custody-not-right": ["src/custody/d.ts", "src/deploy/custup.ts"],
        "deploy-not-right": ["src/deploy/e.ts", "src/report/depup.ts"],
        "report-not-right": ["src/report/f.ts", "src/mainjob/repup.ts"],
        "watch-not-to-mainjob": ["src/watch/k.ts", "src/mainjob/watchup.ts"],
        "mainjob-not-to-watch": ["src/mainjob/l.ts", "src/watch/jobup.ts"],
        "library-not-to-commands": ["src/assets/g.ts", "tools/libup.ts"],
        "no-tests-from-non-tests": ["tools/h.ts", "test/helper.ts"],
        "tools-not-to-scripts": ["tools/bench/i.ts", "scripts/cmd.ts"],
        "scripts-only-entry-points": ["scripts/j.ts", "tools/gas/internal.ts"],
      };
      const allowed: Record<string, string[]> = {
        "src/mainjob/ok.ts": ["src/report/ok.ts", "src/custody/ok2.ts", "src/market/ok.ts"],
        "src/report/ok.ts": ["src/attestation/ok.ts", "src/deploy/ok.ts"],
        "src/watch/ok.ts": ["src/report/ok.ts", "src/custody/ok2.ts", "src/market/ok.ts", "src/chain/ok.ts"],
        "src/market/ok.ts": ["src/assets/ok.ts", "src/safe/ok.ts", "src/chain/ok.ts"],
        "src/safe/ok.ts": ["src/chain/ok.ts"],
        "scripts/ok.ts": ["src/custody/ok2.ts", "tools/gas/index.ts", "tools/solc.ts"],
        "tools/gas/index.ts": ["src/deploy/ok.ts", "tools/bench/ok.ts"],
        "test/ok.test.ts": ["src/chain/ok.ts", "tools/gas/internal2.ts", "scripts/ok.ts"],
      };
      plant(dir, allowed);
      // the type-only import (second) of a pair is planted alongside a harmless value import (first)
      plant(dir, Object.fromEntries(Object.values(forbidden).map(([from, to]) => [from, ["src/chain/ok.ts", to]])));
      const result = cruise(dir, ["src", "scripts", "tools", "test"]);
      const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
      const expected = Object.entries(forbidden)
        .map(([rule, [from, to]]) => `${rule}: ${from} -> ${to}`)
        .sort();
      // src/chain/a.ts -> src/chain/ok.ts is fine; tools/h.ts and scripts/j.ts importing src/chain/ok.ts too
      expect(found).to.deep.equal(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a planted cycle", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "som-layering-"));
    try {
      plant(dir, { "src/market/x.ts": ["src/assets/y.ts"], "src/assets/y.ts": ["src/market/x.ts"] });
      const rules = cruise(dir, ["src"]).summary.violations.map((v) => v.rule.name);
      expect(rules).to.include("no-circular");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
