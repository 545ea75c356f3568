import { expect } from "chai";
import hre from "hardhat";
import { safeGasSuite } from "../../bench/safe";

describe("safe: gas target of the reserve Safe", function () {
  it("a 2-of-3 Safe distribution costs at most a plain transfer + 40,000 (Safe singleton; SafeL2 would not)", async function () {
    const g = await safeGasSuite.measure(hre);
    const plain = g["safe.distribute.plainTransfer"];
    expect(g["safe.distribute2of3"] - plain).to.be.at.most(40_000);
    expect(g["safe.distribute3of5"]).to.be.greaterThan(g["safe.distribute2of3"]);
    expect(g["safe.distribute2of3.safeL2"] - plain).to.be.greaterThan(40_000); // why the reserve uses Safe, not SafeL2
  });
});
