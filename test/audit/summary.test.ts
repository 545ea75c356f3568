import { expect } from "chai";
import {
  AuditParseError,
  auditExitCode,
  describeCoverage,
  describeGasCheck,
  describeMocha,
  formatDuration,
  formatSummaryTable,
  parseCoverageSummary,
  parseGasCheck,
  parseMochaSummary,
  stripAnsi,
} from "../../tools/audit/summary";
import type { StepResult } from "../../tools/audit/summary";

describe("audit summary", function () {
  describe("parseMochaSummary", function () {
    it("reads passing, failing and pending, ignoring colour codes", function () {
      const out =
        "  stuff\n\n  \u001b[92m 312 passing\u001b[0m\u001b[90m (2m)\u001b[0m\n" +
        "  \u001b[36m 1 pending\u001b[0m\n  \u001b[31m 2 failing\u001b[0m\n";
      expect(parseMochaSummary(out)).to.deep.equal({ passing: 312, failing: 2, pending: 1 });
    });

    it("defaults missing counts to zero and takes the last summary", function () {
      expect(parseMochaSummary("  3 passing (1s)\n...\n  10 passing (5s)\n")).to.deep.equal({
        passing: 10,
        failing: 0,
        pending: 0,
      });
      expect(parseMochaSummary("  0 passing (1ms)\n  4 failing\n")).to.deep.equal({
        passing: 0,
        failing: 4,
        pending: 0,
      });
    });

    it("is undefined without a summary, and does not read counts inside test titles", function () {
      expect(parseMochaSummary("Error HH700: compilation failed")).to.equal(undefined);
      expect(parseMochaSummary("    ✔ reports 3 passing checks")).to.equal(undefined);
    });
  });

  describe("parseCoverageSummary", function () {
    const metric = (covered: number, total: number) => ({ covered, total, skipped: 0, pct: (covered / total) * 100 });

    it("returns the totals in percent, floored to two decimals (never rounded up to a gate)", function () {
      const json = JSON.stringify({
        total: {
          lines: metric(200, 200),
          statements: metric(299, 300),
          functions: metric(50, 50),
          branches: metric(19999, 20000),
        },
        "contracts/x.sol": { lines: metric(1, 1) },
      });
      expect(parseCoverageSummary(json)).to.deep.equal({
        lines: 100,
        statements: 99.66,
        functions: 100,
        branches: 99.99,
      });
    });

    it("counts an empty metric as 100%", function () {
      const json = JSON.stringify({
        total: {
          lines: metric(0, 0),
          statements: metric(0, 0),
          functions: metric(0, 0),
          branches: { covered: 0, total: 0 },
        },
      });
      expect(parseCoverageSummary(json).branches).to.equal(100);
    });

    it("names what is wrong with a bad file", function () {
      expect(() => parseCoverageSummary("not json")).to.throw(AuditParseError, /not JSON/);
      expect(() => parseCoverageSummary("{}")).to.throw(AuditParseError, /no "total" entry/);
      expect(() => parseCoverageSummary(JSON.stringify({ total: { lines: metric(1, 1) } }))).to.throw(
        AuditParseError,
        /total\.statements/,
      );
    });
  });

  describe("parseGasCheck", function () {
    it("collects regression and snapshot lines", function () {
      const out = [
        "stablecoin.transfer                          41,508",
        "gas regression: stablecoin.mint 55192 -> 56000 (+1.46%, limit +1%)",
        '  gas snapshot: "asset.old" is committed but no longer measured',
        "Gas check failed: update gas-snapshot.json with `npm run gas` in the same commit if the change is intended.",
      ].join("\n");
      const g = parseGasCheck(out);
      expect(g.regressions).to.deep.equal([
        "gas regression: stablecoin.mint 55192 -> 56000 (+1.46%, limit +1%)",
        'gas snapshot: "asset.old" is committed but no longer measured',
      ]);
      expect(g.operations).to.equal(undefined);
      expect(describeGasCheck(g)).to.match(/^2 regression\(s\): gas regression: stablecoin\.mint/);
    });

    it("reads the operation count of a passing check", function () {
      const g = parseGasCheck("Gas check passed: 27 operations within +1% of gas-snapshot.json.\n");
      expect(g).to.deep.equal({ regressions: [], operations: 27 });
      expect(describeGasCheck(g)).to.equal("27 operations, no regression");
      expect(describeGasCheck({ regressions: [] })).to.equal("no regression line");
    });
  });

  describe("formatting", function () {
    it("describes counts and coverage", function () {
      expect(describeMocha({ passing: 5, failing: 0, pending: 0 })).to.equal("5 passing, 0 failing");
      expect(describeMocha({ passing: 5, failing: 1, pending: 2 })).to.equal("5 passing, 1 failing, 2 pending");
      expect(describeMocha(undefined)).to.equal("no mocha summary in the output");
      expect(describeCoverage({ lines: 100, statements: 99.5, functions: 100, branches: 96.1 })).to.equal(
        "lines 100.00%, statements 99.50%, functions 100.00%, branches 96.10%",
      );
    });

    it("formats durations", function () {
      expect(formatDuration(850)).to.equal("850ms");
      expect(formatDuration(12_340)).to.equal("12.3s");
      expect(formatDuration(245_000)).to.equal("4m 05s");
    });

    it("strips colour codes", function () {
      expect(stripAnsi("\u001b[31mred\u001b[0m")).to.equal("red");
    });
  });

  describe("table and exit code", function () {
    const ok: StepResult = { name: "lint", exitCode: 0, durationMs: 5_000, figures: "solhint, typechain, tsc" };
    const failed: StepResult = { name: "tests", exitCode: 2, durationMs: 61_000, figures: "10 passing, 2 failing" };
    const skipped: StepResult = {
      name: "invariants",
      exitCode: null,
      durationMs: 0,
      figures: "test/invariants/ does not exist yet",
    };

    it("fails when any step failed; a skipped step does not fail the audit", function () {
      expect(auditExitCode([ok, skipped])).to.equal(0);
      expect(auditExitCode([ok, failed, skipped])).to.equal(1);
      expect(auditExitCode([])).to.equal(0);
    });

    it("prints one aligned row per step and a verdict", function () {
      const table = formatSummaryTable([ok, failed, skipped]);
      const lines = table.split("\n");
      expect(lines[0]).to.match(/^step\s+\| status\s+\| time\s+\| key figures$/);
      expect(lines[2]).to.equal("lint       | ok              | 5.0s   | solhint, typechain, tsc");
      expect(lines[3]).to.equal("tests      | FAILED (exit 2) | 1m 01s | 10 passing, 2 failing");
      expect(lines[4]).to.equal("invariants | skipped         | 0ms    | test/invariants/ does not exist yet");
      expect(lines.at(-1)).to.equal("AUDIT FAILED: tests");
      expect(formatSummaryTable([ok]).split("\n").at(-1)).to.equal("AUDIT PASSED");
    });
  });
});
