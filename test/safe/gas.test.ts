import { expect } from "chai";
import hre from "hardhat";
import { safeGasSuite } from "../../tools/bench/safe";

describe("safe: gas targets of the reserve Safe", function () {
  it("2-of-3 distribution: Safe <= plain transfer + 40,000; SafeL2 (the default off mainnet) <= plain transfer + 49,000; guarded <= +49,500 / +58,500", async function () {
    const g = await safeGasSuite.measure(hre);
    const plain = g["safe.distribute.plainTransfer"];
    console.log(
      `      plain ${plain}, Safe 2-of-3 +${g["safe.distribute2of3"] - plain}, ` +
        `SafeL2 2-of-3 +${g["safe.distribute2of3.safeL2"] - plain}`,
    );
    expect(g["safe.distribute2of3"] - plain).to.be.at.most(40_000);
    expect(g["safe.distribute2of3.safeL2"] - plain).to.be.at.most(49_000);
    expect(g["safe.distribute3of5"]).to.be.greaterThan(g["safe.distribute2of3"]);
    // guarded (the ReserveGuard with the classification's delayed set; issue 21): <= +49,500 / +58,500. Under
    // solidity-coverage the guard is instrumented (our code, unlike Safe's) and costs more: measured, not asserted.
    console.log(
      `      guarded: Safe +${g["safe.distribute2of3.guarded"] - plain}, ` +
        `SafeL2 +${g["safe.distribute2of3.safeL2.guarded"] - plain}`,
    );
    if ((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true) return;
    expect(g["safe.distribute2of3.guarded"] - plain).to.be.at.most(49_500);
    expect(g["safe.distribute2of3.safeL2.guarded"] - plain).to.be.at.most(58_500);
  });
});
