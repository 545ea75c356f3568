import { expect } from "chai";
import { ethers } from "hardhat";
import { TypedDataEncoder, Wallet } from "ethers";
import {
  SignatureInputError,
  SignerMismatchError,
  buildCancelAuthorization,
  buildDomain,
  buildPermit,
  buildReceiveWithAuthorization,
  buildTransferWithAuthorization,
  randomAuthorizationNonce,
  signPermit,
  splitSignature,
  typedDataDigest,
} from "../../src/stablecoin/signatures";
import { AmountParseError, SOM_STABLECOIN_DEFAULTS, formatAmount, parseAmount } from "../../src/chain/amounts";

const DOMAIN = {
  name: "Som Stablecoin",
  chainId: 31337n,
  verifyingContract: "0x000000000000000000000000000000000000dead",
};
const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";

describe("stablecoin library: typed data and units", function () {
  describe("signatures.ts", function () {
    it("builds the domain with version 1 and checksummed addresses", function () {
      expect(buildDomain(DOMAIN)).to.deep.equal({
        name: "Som Stablecoin",
        version: "1",
        chainId: 31337n,
        verifyingContract: "0x000000000000000000000000000000000000dEaD",
      });
      expect(() => buildDomain({ ...DOMAIN, name: "" })).to.throw(SignatureInputError, /domain.name/);
      expect(() => buildDomain({ ...DOMAIN, verifyingContract: "0x12" })).to.throw(
        SignatureInputError,
        /verifyingContract/,
      );
    });

    it("uses the EIP-2612 and EIP-3009 type strings", function () {
      const nonce = randomAuthorizationNonce();
      const auth = { from: A, to: B, value: 1n, validAfter: 0n, validBefore: 10n, nonce };
      const encode = (types: Record<string, { name: string; type: string }[]>, primary: string) =>
        TypedDataEncoder.from(types).encodeType(primary);
      expect(
        encode(buildPermit(DOMAIN, { owner: A, spender: B, value: 1n, nonce: 0n, deadline: 1n }).types, "Permit"),
      ).to.equal("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
      expect(encode(buildTransferWithAuthorization(DOMAIN, auth).types, "TransferWithAuthorization")).to.equal(
        "TransferWithAuthorization(address from,address to,uint256 value," +
          "uint256 validAfter,uint256 validBefore,bytes32 nonce)",
      );
      expect(encode(buildReceiveWithAuthorization(DOMAIN, auth).types, "ReceiveWithAuthorization")).to.equal(
        "ReceiveWithAuthorization(address from,address to,uint256 value," +
          "uint256 validAfter,uint256 validBefore,bytes32 nonce)",
      );
      expect(encode(buildCancelAuthorization(DOMAIN, { authorizer: A, nonce }).types, "CancelAuthorization")).to.equal(
        "CancelAuthorization(address authorizer,bytes32 nonce)",
      );
    });

    it("rejects bad inputs with messages naming the field", function () {
      const nonce = randomAuthorizationNonce();
      expect(() => buildPermit(DOMAIN, { owner: "x", spender: B, value: 1n, nonce: 0n, deadline: 1n })).to.throw(
        /owner/,
      );
      expect(() => buildPermit(DOMAIN, { owner: A, spender: B, value: -1n, nonce: 0n, deadline: 1n })).to.throw(
        /value/,
      );
      expect(() =>
        buildTransferWithAuthorization(DOMAIN, { from: A, to: B, value: 1n, validAfter: 5n, validBefore: 5n, nonce }),
      ).to.throw(/validBefore/);
      expect(() => buildCancelAuthorization(DOMAIN, { authorizer: A, nonce: "0x01" })).to.throw(/nonce/);
      expect(() => splitSignature("0x1234")).to.throw(/65 bytes/);
    });

    it("signs with the named account, splits v/r/s, and refuses another signer unless allowed", async function () {
      const wallet = Wallet.createRandom();
      const message = { owner: wallet.address, spender: B, value: 5n, nonce: 0n, deadline: 100n };
      const sig = await signPermit(wallet, DOMAIN, message);
      const digest = typedDataDigest(buildPermit(DOMAIN, message));
      expect(ethers.recoverAddress(digest, sig.signature)).to.equal(wallet.address);
      expect(ethers.recoverAddress(digest, { v: sig.v, r: sig.r, s: sig.s })).to.equal(wallet.address);
      expect([27, 28]).to.include(sig.v);
      const other = Wallet.createRandom();
      const mismatch = await signPermit(other, DOMAIN, message).then(
        () => null,
        (err: unknown) => err,
      );
      expect(mismatch).to.be.instanceOf(SignerMismatchError);
      const forWallet = await signPermit(other, DOMAIN, message, { allowOtherSigner: true });
      expect(ethers.recoverAddress(digest, forWallet.signature)).to.equal(other.address);
    });
  });

  describe("units.ts", function () {
    const kgsc = { decimals: SOM_STABLECOIN_DEFAULTS.decimals, symbol: SOM_STABLECOIN_DEFAULTS.symbol };
    it("formats raw units exactly", function () {
      expect(formatAmount(123_450n, kgsc)).to.equal("1,234.50 KGSC");
      expect(formatAmount(5n, kgsc)).to.equal("0.05 KGSC");
      expect(formatAmount(100_000_000n, kgsc, { grouping: false })).to.equal("1000000.00 KGSC");
      expect(formatAmount(7n, { decimals: 0, symbol: "" })).to.equal("7");
      expect(formatAmount(-150n, kgsc)).to.equal("-1.50 KGSC");
    });

    it("parses text exactly and refuses what the token cannot hold", function () {
      expect(parseAmount("1,234.5", kgsc)).to.equal(123_450n);
      expect(parseAmount("1234.50 KGSC", kgsc)).to.equal(123_450n);
      expect(parseAmount(" 7 kgsc ", kgsc)).to.equal(700n);
      expect(() => parseAmount("1.001", kgsc)).to.throw(AmountParseError, /3 decimals/);
      expect(() => parseAmount("-1", kgsc)).to.throw(AmountParseError);
      expect(() => parseAmount("12,34", kgsc)).to.throw(AmountParseError);
      expect(() => parseAmount("1 USD", kgsc)).to.throw(AmountParseError);
      expect(() => formatAmount(1n, { decimals: 1.5, symbol: "" })).to.throw(AmountParseError, /decimals/);
    });
  });
});
