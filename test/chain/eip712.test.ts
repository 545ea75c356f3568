import { expect } from "chai";
import { TypedDataEncoder } from "ethers";
import { typedDataFields } from "../../src/chain/eip712";
import { REPORT_TYPES } from "../../src/attestation/report";
import { SAFE_TX_TYPES } from "../../src/safe/safeTx";
import { STABLECOIN_TYPES } from "../../src/stablecoin/signatures";

const f = (name: string, type: string) => ({ name, type });

/** The type tables as they were written field by field before typedDataFields: the oracle. */
const AUTHORIZATION = [
  f("from", "address"),
  f("to", "address"),
  f("value", "uint256"),
  f("validAfter", "uint256"),
  f("validBefore", "uint256"),
  f("nonce", "bytes32"),
];
const LITERAL_TABLES = {
  SafeTx: [
    f("to", "address"),
    f("value", "uint256"),
    f("data", "bytes"),
    f("operation", "uint8"),
    f("safeTxGas", "uint256"),
    f("baseGas", "uint256"),
    f("gasPrice", "uint256"),
    f("gasToken", "address"),
    f("refundReceiver", "address"),
    f("nonce", "uint256"),
  ],
  Report: [
    f("subject", "bytes32"),
    f("value", "uint256"),
    f("asOf", "uint64"),
    f("docHash", "bytes32"),
    f("uri", "string"),
  ],
  Permit: [
    f("owner", "address"),
    f("spender", "address"),
    f("value", "uint256"),
    f("nonce", "uint256"),
    f("deadline", "uint256"),
  ],
  TransferWithAuthorization: AUTHORIZATION,
  ReceiveWithAuthorization: AUTHORIZATION,
  CancelAuthorization: [f("authorizer", "address"), f("nonce", "bytes32")],
};

describe("common: EIP-712 type tables from parameter lists (typedDataFields)", function () {
  it("reads a Solidity-like parameter list in order, whatever the spacing", function () {
    expect(typedDataFields("address to, uint256 value")).to.deep.equal([f("to", "address"), f("value", "uint256")]);
    expect(typedDataFields("  bytes32  nonce  ,string\turi ")).to.deep.equal([
      f("nonce", "bytes32"),
      f("uri", "string"),
    ]);
    expect(typedDataFields("Person from, uint256[] amounts, address[2][] pairs")).to.deep.equal([
      f("from", "Person"),
      f("amounts", "uint256[]"),
      f("pairs", "address[2][]"),
    ]);
  });

  it("rejects a malformed list with an Error that quotes it", function () {
    for (const bad of ["", "address", "address to,", ", address to", "address to uint256 value", "address 1to"])
      expect(() => typedDataFields(bad), JSON.stringify(bad)).to.throw(Error, "typedDataFields: malformed member");
    expect(() => typedDataFields("address to, uint256 to")).to.throw(
      Error,
      'typedDataFields: duplicate member "to" in "address to, uint256 to"',
    );
  });

  it("the library's tables equal the field-by-field literals they replace", function () {
    expect(SAFE_TX_TYPES).to.deep.equal({ SafeTx: LITERAL_TABLES.SafeTx });
    expect(REPORT_TYPES).to.deep.equal({ Report: LITERAL_TABLES.Report });
    const { Permit, TransferWithAuthorization, ReceiveWithAuthorization, CancelAuthorization } = LITERAL_TABLES;
    expect(STABLECOIN_TYPES).to.deep.equal({
      Permit,
      TransferWithAuthorization,
      ReceiveWithAuthorization,
      CancelAuthorization,
    });
    expect(TypedDataEncoder.from(SAFE_TX_TYPES).encodeType("SafeTx")).to.equal(
      "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas," +
        "uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)",
    );
  });
});
