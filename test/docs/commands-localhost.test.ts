/**
 * Docs are tested, part 2: every documented line that needs a chain (a ```bash block mentioning localhost), run
 * verbatim in document order against a fresh node after `npm run deploy -- --network localhost` (see doc-lines.ts for
 * the rules; the other lines run in commands.test.ts). The node is anvil 1.7.1 (`npx anvil --accounts 20 --chain-id
 * 31337`, the Foundry node from npm, an optional dependency), the stricter of the two documented clients: consecutive
 * blocks share a second and only standard JSON-RPC is served. Where npm installed no anvil binary (not Linux x64),
 * Hardhat's node instead. Hardhat's node runs the same commands in test/deploy/e2e.test.ts (deploy, the main job,
 * the custodian flow with the CLIs) and in CI (.ci/run: deploy, safe:status, report against `npx hardhat node`).
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/cli";
import { anvilBinary, documentedAnvilArgs, startAnvil, startHardhatNode } from "../helpers/node";
import type { RunningNode } from "../helpers/node";
import { CREATED, cleanEnv, documentedLines, run } from "./doc-lines";

describe("docs: every command line of README.md and docs/*.md runs as documented", function () {
  this.timeout(1_200_000);
  const { onNode } = documentedLines();

  describe("lines that need a chain, against a fresh node (--network localhost): anvil, else Hardhat's", function () {
    let node: RunningNode | undefined;
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      if (onNode.length === 0) this.skip();
      const existing = CREATED.filter((d) => fs.existsSync(path.join(PROJECT_ROOT, d)));
      if (existing.length > 0)
        throw new Error(
          `move ${existing.join(", ")} out of the project root first: this test creates and removes them`,
        );
      if (anvilBinary()) node = await startAnvil({ args: documentedAnvilArgs() });
      else {
        console.log("      (anvil's npm package has no binary for this platform: Hardhat's node instead)");
        node = await startHardhatNode();
      }
      env = cleanEnv({ LOCALHOST_RPC_URL: node.url });
      const deployed = run("npm run deploy -- --network localhost", env);
      if (deployed.status !== 0) throw new Error(`scenario set-up (deploy to localhost) failed:\n${deployed.out}`);
    });

    after(async function () {
      await node?.stop();
      for (const d of CREATED) fs.rmSync(path.join(PROJECT_ROOT, d), { recursive: true, force: true });
    });

    for (const l of onNode) {
      it(`${l.file}:${l.line}: ${l.command}`, function () {
        const res = run(l.command, env);
        expect(res.status, res.out).to.equal(0);
        if (/safe:status/.test(l.command) && onNode.indexOf(l) === onNode.length - 1)
          expect(res.out).to.contain("EXECUTED");
      });
    }
  });
});
