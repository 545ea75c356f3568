import { expect } from "chai";
import { keccak256, toUtf8Bytes, encodeBytes32String } from "ethers";
import {
  AssetsError,
  assetClassName,
  assetClassValue,
  assetIdFrom,
  documentHashOf,
  documentName,
  encumbranceName,
} from "../../src/assets";

describe("src/assets helpers", function () {
  it("assetIdFrom hashes the UTF-8 key; empty keys are refused", function () {
    expect(assetIdFrom("cadastral:1-01-01-0001-0001")).to.equal(keccak256(toUtf8Bytes("cadastral:1-01-01-0001-0001")));
    expect(assetIdFrom("кадастр:1")).to.equal(keccak256(toUtf8Bytes("кадастр:1")));
    expect(() => assetIdFrom("  ")).to.throw(AssetsError, /empty/);
  });

  it("documentHashOf hashes bytes or UTF-8 text", function () {
    expect(documentHashOf("deed")).to.equal(keccak256(toUtf8Bytes("deed")));
    expect(documentHashOf(new Uint8Array([1, 2]))).to.equal(keccak256(new Uint8Array([1, 2])));
  });

  it("documentName encodes short labels, passes bytes32 through, refuses empty and long ones", function () {
    expect(documentName("title-deed")).to.equal(encodeBytes32String("title-deed"));
    const raw = keccak256(toUtf8Bytes("x"));
    expect(documentName(raw)).to.equal(raw);
    expect(() => documentName("")).to.throw(AssetsError, /empty/);
    expect(() => documentName("x".repeat(32))).to.throw(AssetsError, /longer than 31 bytes/);
  });

  it("asset class and encumbrance names follow the Solidity enums", function () {
    expect([0, 1, 2, 3].map(assetClassName)).to.deep.equal(["RealEstate", "PreciousMetal", "MiningOutput", "Other"]);
    expect(assetClassName(1n)).to.equal("PreciousMetal");
    expect(assetClassValue("MiningOutput")).to.equal(2);
    expect([0, 1, 2, 3, 4].map(encumbranceName)).to.deep.equal(["None", "Lien", "Pledge", "Seizure", "Other"]);
    expect(() => assetClassName(4)).to.throw(AssetsError, /not an asset class \(expected 0..3\)/);
    expect(() => assetClassName(1.5)).to.throw(AssetsError);
    expect(() => encumbranceName(-1)).to.throw(AssetsError, /encumbrance status/);
  });
});
