import { expect } from "chai";
import { Narrator, StepFailedError } from "../../src/mainjob/narrator";
import { runHardhat } from "../helpers/cli";

describe("main job: narration and failure", function () {
  it("numbers the deployment 0 and the lifecycle steps from 1, and prints each check", function () {
    const lines: string[] = [];
    const n = new Narrator((l) => lines.push(l));
    n.step("Deploy");
    n.step("Attest");
    n.expect(true, "reserves cached");
    expect(lines).to.deep.equal(["", "0. Deploy", "", "1. Attest", "   ok: reserves cached"]);
  });

  it("a step without its expected effect throws, naming the step", function () {
    const n = new Narrator(() => undefined);
    n.step("A minter mints into the reserve");
    expect(() => n.expect(false, "the reserve holds 0")).to.throw(StepFailedError, 'step "A minter mints into the reserve" did not have its expected effect: the reserve holds 0');
    expect(() => n.tx("mint", null)).to.throw(StepFailedError, "mint: no receipt");
  });

  it("the npm start script exits non-zero with the reason when the job cannot run", function () {
    const res = runHardhat(["run", "scripts/main.ts", "--network", "sepolia"], { SEPOLIA_RPC_URL: "http://127.0.0.1:9" });
    expect(res.status).to.not.equal(0);
    expect(res.output).to.contain("MAIN JOB FAILED: the main job uses local test accounts; run it on hardhat or localhost, not sepolia");
  });
});
