import { expect } from "chai";
import { amount, formatAge, groupDigits, isoTime, percent } from "../../src/report/format";

describe("report: formatting", function () {
  it("groups digits and keeps two decimals", function () {
    expect(groupDigits("1234567.5")).to.equal("1,234,567.50");
    expect(groupDigits("0.0")).to.equal("0.00");
    expect(groupDigits("1000", 0)).to.equal("1,000");
    expect(groupDigits("-1234.125")).to.equal("-1,234.125");
  });

  it("formats base-unit amounts with their unit", function () {
    expect(amount(123456789n, 2, "KGSC")).to.deep.equal({ raw: "123456789", decimals: 2, formatted: "1,234,567.89 KGSC" });
    expect(amount(5n, 0, "shares").formatted).to.equal("5 shares");
  });

  it("formats ages, times and ratios", function () {
    expect(formatAge(45)).to.equal("45s");
    expect(formatAge(3 * 3600 + 5 * 60)).to.equal("3h 05m");
    expect(formatAge(2 * 86400 + 4 * 3600)).to.equal("2d 04h");
    expect(formatAge(-60)).to.equal("in 1m 00s");
    expect(isoTime(0)).to.equal("1970-01-01T00:00:00Z");
    expect(percent(1.25)).to.equal("125.00%");
    expect(percent(null)).to.contain("n/a");
  });
});
