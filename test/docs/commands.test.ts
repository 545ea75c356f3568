/**
 * Docs are tested, part 1: the extractor and every documented line that needs no chain (see doc-lines.ts for
 * the rules; the localhost lines run in commands-localhost.test.ts).
 */
import { expect } from "chai";
import { PUBLIC_NETWORK, RUNS_WITHOUT_CHAIN, bashLines, cleanEnv, documentedLines, run } from "./doc-lines";

describe("docs: every command line of README.md and docs/*.md runs as documented", function () {
  this.timeout(1_200_000);
  const { standalone } = documentedLines();

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
