import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { documentHashOf } from "../../src/assets";
import { deployAssetsFixture, MAX_AGE } from "./fixture";

const VALUE = 125_000_000_00n; // 125,000,000.00 som, 2 decimals

describe("AssetToken valuation (attested, not asserted)", function () {
  it("is zero and not fresh before any attestation", async function () {
    const { token } = await loadFixture(deployAssetsFixture);
    expect(await token.valuation()).to.deep.equal([0n, 0n, false]);
    expect(await token.valuationDecimals()).to.equal(2);
  });

  it("changes only once M of N attestors agree on the asset id as subject", async function () {
    const { token, source, params, attestor1, attestor2, attestor3 } = await loadFixture(deployAssetsFixture);
    const asOf = (await time.latest()) - 60;
    const doc = documentHashOf("appraisal 2026");
    await source.connect(attestor1).attest(params.assetId, VALUE, asOf, doc);
    expect((await token.valuation())[0]).to.equal(0n); // 1 of 3, threshold 2: nothing yet
    // a different value from another attestor does not combine with the first
    await source.connect(attestor2).attest(params.assetId, VALUE + 1n, asOf, doc);
    expect((await token.valuation())[0]).to.equal(0n);
    await source.connect(attestor3).attest(params.assetId, VALUE, asOf, doc);
    expect(await token.valuation()).to.deep.equal([VALUE, BigInt(asOf), true]);
  });

  it("reports for another subject do not value this asset", async function () {
    const { token, source, attestor1, attestor2 } = await loadFixture(deployAssetsFixture);
    const other = documentHashOf("another asset");
    const asOf = await time.latest();
    await source.connect(attestor1).attest(other, VALUE, asOf, other);
    await source.connect(attestor2).attest(other, VALUE, asOf, other);
    expect((await token.valuation())[0]).to.equal(0n);
  });

  it("goes stale after the subject's maximum age, keeping value and as-of date", async function () {
    const { token, source, params, attestor1, attestor2 } = await loadFixture(deployAssetsFixture);
    const asOf = await time.latest();
    await source.connect(attestor1).attest(params.assetId, VALUE, asOf, documentHashOf("a"));
    await source.connect(attestor2).attest(params.assetId, VALUE, asOf, documentHashOf("a"));
    await time.increaseTo(asOf + MAX_AGE + 1);
    expect(await token.valuation()).to.deep.equal([VALUE, BigInt(asOf), false]);
  });

  it("no role of the token can set a valuation: the ABI has no setter", async function () {
    const { token } = await loadFixture(deployAssetsFixture);
    const writers: string[] = [];
    token.interface.forEachFunction((f) => {
      if (!f.constant && /valu/i.test(f.name)) writers.push(f.name);
    });
    expect(writers).to.deep.equal([]);
  });
});
