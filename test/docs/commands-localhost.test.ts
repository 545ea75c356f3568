/**
 * Docs are tested, part 2: every documented line that needs a chain (a ```bash block mentioning localhost), run
 * verbatim in document order against a fresh `hardhat node` after `npm run deploy -- --network localhost`
 * (see doc-lines.ts for the rules; the other lines run in commands.test.ts). The custodian's flow
 * (docs/custodian.md, its own deploy first) runs again on anvil, the second client (issue 23).
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";
import { anvilBinary, startAnvil, startHardhatNode } from "../helpers/node";
import type { RunningNode } from "../helpers/node";
import { CREATED, cleanEnv, documentedLines, run } from "./doc-lines";
import type { DocLine } from "./doc-lines";

/** Runs `lines` in order against the node `start` starts, after `deploy` (when given) as set-up. */
function linesOnNode(title: string, start: () => Promise<RunningNode>, lines: readonly DocLine[], deploy: boolean) {
  describe(title, function () {
    let node: RunningNode | undefined;
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      if (lines.length === 0) this.skip();
      const existing = CREATED.filter((d) => fs.existsSync(path.join(PROJECT_ROOT, d)));
      if (existing.length > 0)
        throw new Error(
          `move ${existing.join(", ")} out of the project root first: this test creates and removes them`,
        );
      node = await start();
      env = cleanEnv({ LOCALHOST_RPC_URL: node.url });
      if (!deploy) return;
      const deployed = run("npm run deploy -- --network localhost", env);
      if (deployed.status !== 0) throw new Error(`scenario set-up (deploy to localhost) failed:\n${deployed.out}`);
    });

    after(async function () {
      await node?.stop();
      for (const d of CREATED) fs.rmSync(path.join(PROJECT_ROOT, d), { recursive: true, force: true });
    });

    for (const l of lines) {
      it(`${l.file}:${l.line}: ${l.command}`, function () {
        const res = run(l.command, env);
        expect(res.status, res.out).to.equal(0);
        if (/safe:status/.test(l.command) && lines.indexOf(l) === lines.length - 1)
          expect(res.out).to.contain("EXECUTED");
      });
    }
  });
}

describe("docs: every command line of README.md and docs/*.md runs as documented", function () {
  this.timeout(1_200_000);
  const { onNode } = documentedLines();

  linesOnNode(
    "lines that need a chain, against a fresh hardhat node (--network localhost)",
    () => startHardhatNode(),
    onNode,
    true,
  );

  const custodian = onNode.filter((l) => l.file === path.join("docs", "custodian.md"));
  it("docs/custodian.md's flow starts with its own deploy (so it runs alone on a node)", function () {
    expect(custodian[0]?.command).to.equal("npm run deploy -- --network localhost");
  });
  if (!anvilBinary())
    it("docs/custodian.md's flow on anvil: anvil's npm package has no binary for this platform", function () {
      this.skip();
    });
  else
    linesOnNode(
      "docs/custodian.md's flow again, on anvil (the Foundry node, from npm; 20 accounts)",
      () => startAnvil({ accounts: 20 }),
      custodian,
      false,
    );
});
