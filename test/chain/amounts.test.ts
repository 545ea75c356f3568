/**
 * The one amounts codec (src/chain/amounts.ts). formatDecimal / parseDecimal replaced ethers'
 * formatUnits / parseUnits in src/: on the inputs those call sites see, they give the same results.
 */
import { expect } from "chai";
import fc from "fast-check";
import { formatUnits, parseUnits } from "ethers";
import { AmountParseError, formatAmount, formatDecimal, parseAmount, parseDecimal } from "../../src/chain/amounts";

describe("common: the one amounts codec", function () {
  it("formats and parses som amounts exactly", function () {
    const units = { decimals: 2, symbol: "KGSC" };
    expect(formatAmount(123450n, units)).to.equal("1,234.50 KGSC");
    expect(parseAmount("1,234.50 KGSC", units)).to.equal(123450n);
    expect(() => parseAmount("1.234", units)).to.throw(AmountParseError, "has 3 decimals");
  });

  it("formatDecimal is ethers' formatUnits text (no grouping, trailing zeros trimmed to one)", function () {
    expect(formatDecimal(150000000n, 8)).to.equal("1.5");
    expect(formatDecimal(0n, 8)).to.equal("0.0");
    expect(formatDecimal(100n, 2)).to.equal("1.0");
    expect(formatDecimal(5n, 0)).to.equal("5");
    expect(formatDecimal(-5n, 2)).to.equal("-0.05");
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 30 }),
        (raw, decimals) => {
          expect(formatDecimal(raw, decimals)).to.equal(formatUnits(raw, decimals));
        },
      ),
    );
  });

  it("parseDecimal is ethers' parseUnits on plain non-negative decimals, and refuses extra decimals", function () {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (raw, decimals) => {
        const text = formatUnits(raw, decimals);
        expect(parseDecimal(text, decimals)).to.equal(parseUnits(text, decimals));
      }),
    );
    expect(parseDecimal("12.5", 8)).to.equal(1250000000n);
    for (const [text, decimals] of [
      ["1.000", 2],
      ["1.00", 0],
      ["106250000.00", 2],
      ["1.50", 1],
      ["7", 0],
    ] as const) {
      expect(parseDecimal(text, decimals), `${text} at ${decimals}`).to.equal(parseUnits(text, decimals));
    }
    expect(() => parseDecimal("1.123456789", 8)).to.throw(AmountParseError);
  });
});
