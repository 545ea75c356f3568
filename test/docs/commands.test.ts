/**
 * Docs are tested, part 1: the extractor and every documented line that needs no chain (see doc-lines.ts for
 * the rules; the localhost lines run in commands-localhost.test.ts).
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";
import { PUBLIC_NETWORK, RUNS_WITHOUT_CHAIN, bashLines, cleanEnv, documentedLines, run } from "./doc-lines";

/** What the documented lines write in the project root: README's `npm start` keeps its records and report there. */
const WRITTEN = [path.join("deployments", "hardhat"), path.join("reports", "hardhat")];

describe("docs: every command line of README.md and docs/*.md runs as documented", function () {
  this.timeout(1_200_000);
  const { standalone } = documentedLines();
  // The lines run in the project root, as a reader runs them; what they write there and was not there before is
  // removed at the end (a checkout's own records and reports are left alone).
  const existed = new Set(WRITTEN.filter((d) => fs.existsSync(path.join(PROJECT_ROOT, d))));
  after(function () {
    for (const d of WRITTEN)
      if (!existed.has(d)) fs.rmSync(path.join(PROJECT_ROOT, d), { recursive: true, force: true });
    const reports = path.join(PROJECT_ROOT, "reports");
    if (fs.existsSync(reports) && fs.readdirSync(reports).length === 0) fs.rmdirSync(reports);
  });

  it("the extractor joins continuations, skips comments and non-bash blocks", function () {
    const md = "```bash\n# c\nnpm run a -- \\\n  --x 1\nnpm run b\n```\n```sh\nnpm run c\n```\n";
    expect(bashLines(md, "f").map((l) => l.command)).to.deep.equal(["npm run a -- --x 1", "npm run b"]);
  });

  // A line needing no chain runs in the same clean environment wherever it is written: the same line met
  // again (README.md and a guide both list the `--help` lines) is checked against its first run.
  const ran = new Map<string, ReturnType<typeof run>>();
  for (const l of standalone) {
    it(`${l.file}:${l.line}: ${l.command}`, function () {
      if (PUBLIC_NETWORK.test(l.command) && !RUNS_WITHOUT_CHAIN.test(l.command)) {
        expect.fail(
          `a documented line for a public network must run here: use --help or --dry-run, ` +
            `or show it in a \`\`\`sh block`,
        );
      }
      let res = ran.get(l.command);
      if (!res) {
        res = run(l.command, cleanEnv());
        ran.set(l.command, res);
      }
      expect(res.status, res.out).to.equal(0);
    });
  }
});
