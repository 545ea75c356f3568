import { expect } from "chai";
import { amount, formatAge, isoTime, percent, shortHex } from "../../src/report/format";

describe("report: formatting", function () {
  it("formats base-unit amounts exactly, grouped, with their unit", function () {
    expect(amount(123456789n, 2, "KGSC")).to.deep.equal({
      raw: "123456789",
      decimals: 2,
      formatted: "1,234,567.89 KGSC",
    });
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

  it("shortens addresses and hashes to their first and last 4 hex digits, keeping the checksum case", function () {
    expect(shortHex("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")).to.equal("0x15d3…6A65");
    expect(shortHex("0x2c3a685c6e51f0b08b9b2fe3c9f288908ee4ce4488abbeb115d88683658f8408")).to.equal("0x2c3a…8408");
    // short enough already, or not hex: unchanged
    expect(shortHex("0x1234abcd")).to.equal("0x1234abcd");
    expect(shortHex("0x12345678901")).to.equal("0x1234…8901");
    expect(shortHex("native")).to.equal("native");
    expect(shortHex("0xZZ5d34AAf54267DB7D7c367839AAf71A00a2C6A65")).to.equal(
      "0xZZ5d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    );
  });
});
