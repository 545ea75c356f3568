/**
 * Docs are tested on a second client (issue 23): docs/custodian.md's flow (its own deploy first), verbatim, against
 * anvil 1.7.1, the Foundry node from npm (`@foundry-rs/anvil-linux-amd64`, an optional dependency), with 20 accounts.
 * The lines create keys/, proposals/ and deployments/localhost/ where they run: here in a copy of the working tree
 * (compiled outputs included, node_modules linked), so that this file runs beside commands-localhost.test.ts.
 */
import { expect } from "chai";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";
import { anvilBinary, documentedAnvilArgs, startAnvil } from "../helpers/node";
import type { RunningNode } from "../helpers/node";
import { copyWorkingTree } from "../../tools/tree";
import type { TreeCopy } from "../../tools/tree";
import { cleanEnv, documentedLines, run } from "./doc-lines";

describe("docs: docs/custodian.md's flow runs as documented on anvil (the second client)", function () {
  this.timeout(1_200_000);
  const custodian = documentedLines().onNode.filter((l) => l.file === path.join("docs", "custodian.md"));
  let node: RunningNode | undefined;
  let copy: TreeCopy | undefined;
  let env: NodeJS.ProcessEnv = {};

  before(async function () {
    if (!anvilBinary()) {
      console.log("      (anvil's npm package has no binary for this platform: skipped)");
      this.skip();
    }
    copy = copyWorkingTree(PROJECT_ROOT, "som-docs-anvil-", { withBuild: true });
    node = await startAnvil({ args: documentedAnvilArgs() });
    env = cleanEnv({ LOCALHOST_RPC_URL: node.url });
  });

  after(async function () {
    await node?.stop();
    copy?.remove();
  });

  it("the flow starts with its own deploy, so it runs alone on a fresh node", function () {
    expect(custodian[0]?.command).to.equal("npm run deploy -- --network localhost");
    expect(custodian.length).to.be.greaterThan(10);
  });

  for (const l of custodian) {
    it(`${l.file}:${l.line}: ${l.command}`, function () {
      const res = run(l.command, env, 600_000, copy?.dir);
      expect(res.status, res.out).to.equal(0);
      if (custodian.indexOf(l) === custodian.length - 1) expect(res.out).to.contain("EXECUTED");
    });
  }
});
