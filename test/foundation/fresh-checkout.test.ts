/**
 * Every command works right after `npm ci`, before anything is compiled. The proof on a real fresh clone is in
 * .ci/run, before `npm test`: `npm run safe:sign -- --help` (offline: its ReserveGuard ABI is owned,
 * src/guard/contract.ts, and it compiles nothing), `npm run deploy -- --dry-run` (Hardhat compiles first,
 * src/chain/hardhat.ts), then README's deployer commands against `npx hardhat node`. Here, on every run of the
 * suite: no command module loads generated code before Hardhat compiled it (a require hook refuses
 * typechain-types); the offline commands' import graph is also guarded by test/custody/sign-cli.test.ts.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../helpers/cli";

/** Every command module (scripts/ import them statically; deploy, report and start import only the kernel). */
const COMMAND_MODULES = [
  "src/custody/cli/propose.ts",
  "src/custody/cli/execute.ts",
  "src/custody/cli/status.ts",
  "src/custody/cli/announce.ts",
  "src/custody/cli/sign.ts",
  "src/custody/cli/keystoreCreate.ts",
  "src/deploy/bitcoin.ts",
  "src/deploy/upgrade.ts",
  "src/attestation/cli.ts",
  "src/chain/index.ts",
  "src/chain/hardhat.ts",
];

describe("foundation: every command works right after npm ci (nothing compiled yet)", function () {
  this.timeout(300_000);

  it("no command module loads generated code before Hardhat compiled it (a require hook refuses typechain-types)", function () {
    const script = [
      'const M = require("module"); const load = M._load;',
      "M._load = function (r, parent, ...a) {",
      "  if (/typechain-types/.test(r)) throw new Error(`${r} loaded by ${parent && parent.filename}`);",
      "  return load.call(this, r, parent, ...a);",
      "};",
      'require("./tools/register.js");',
      `for (const m of ${JSON.stringify(COMMAND_MODULES)}) require(require("path").resolve(m));`,
    ].join("\n");
    const res = spawnSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 120_000 });
    expect(res.status, `${res.stdout}${res.stderr}`).to.equal(0);
  });
});
