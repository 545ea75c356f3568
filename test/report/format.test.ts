import { expect } from "chai";
import { amount, formatAge, isoTime, percent } from "../../src/report/format";

describe("report: formatting", function () {
  it("formats base-unit amounts exactly, grouped, with their unit", function () {
    expect(amount(123456789n, 2, "KGSC")).to.deep.equal({ raw: "123456789", decimals: 2, formatted: "1,234,567.89 KGSC" });
    expect(amount(0n, 2, "som").formatted).to.equal("0.00 som");
    expect(amount(5000n, 0, "shares").formatted).to.equal("5,000 shares");
  });

  it("formats ages, times and ratios", function () {
    expect(formatAge(45)).to.equal("45s");
    expect(formatAge(3 * 3600 + 5 * 60)).to.equal("3h 5m");
    expect(formatAge(2 * 86400 + 4 * 3600)).to.equal("2d 4h");
    expect(formatAge(-60)).to.equal("1m in the future");
    expect(isoTime(0)).to.equal("1970-01-01T00:00:00Z");
    expect(percent(1.25)).to.equal("125.00%");
    expect(percent(null)).to.contain("n/a");
  });
});
