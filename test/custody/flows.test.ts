import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { readProposal } from "../../src/custody/proposal";
import { ALL_ACTION_CASES, snapshot } from "./actions.behavior";
import { executeFile, proposeToFile, reserveEnv, safeFixture, signFile, writeCustodianKeystores } from "./fixtures";
import type { ReserveEnv } from "./fixtures";

describe("safe: every named action end to end through the real Safe v1.4.1", function () {
  before(writeCustodianKeystores);

  async function env23(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe23, fx.infra);
  }
  async function env35(): Promise<ReserveEnv> {
    const fx = await loadFixture(safeFixture);
    return reserveEnv(fx.safe35, fx.infra);
  }

  const setups: [string, () => Promise<ReserveEnv>, number[]][] = [
    // signers chosen to differ from the first owners: proves any threshold-sized subset works
    ["2-of-3", () => loadFixture(env23), [2, 0]],
    ["3-of-5", () => loadFixture(env35), [4, 1, 3]],
  ];

  for (const [label, getEnv, signers] of setups) {
    describe(`${label} owner set`, function () {
      for (const [domain, cases] of ALL_ACTION_CASES) {
        for (const c of cases) {
          it(`${domain}: ${c.name}`, async function () {
            const env = await getEnv();
            const file = await proposeToFile(env, await c.requests(env));
            const before = await snapshot(env);
            for (const [step, custodian] of signers.entries()) {
              const signed = await signFile(file, custodian);
              expect(signed.signatures).to.have.length(step + 1);
            }
            expect(readProposal(file).signatures.map((s) => s.signer)).to.have.length(signers.length);
            const result = await executeFile(file);
            expect(result.success).to.equal(true);
            expect(result.effects.some((l) => l.startsWith("Safe: ExecutionSuccess"))).to.equal(true);
            await c.expectEffect(env, before);
          });
        }
      }
    });
  }
});
