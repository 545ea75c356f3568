/**
 * The three figures a hardware wallet shows for a Safe transaction, against vectors computed here by hand
 * from the EIP-712 definition and Safe v1.4.1's own type hashes (constants of Safe.sol), not with ethers'
 * TypedDataEncoder that the tool uses.
 */
import { expect } from "chai";
import { AbiCoder, Signature, Wallet, concat, getAddress, id, keccak256, toUtf8Bytes } from "ethers";
import { eip712Hashes, safeTxTypedData } from "../../src/safe/hashes";
import { recoverSafeTxSigner } from "../../src/safe/safeTx";
import type { SafeTx } from "../../src/safe/safeTx";

// Safe.sol v1.4.1: DOMAIN_SEPARATOR_TYPEHASH and SAFE_TX_TYPEHASH
const DOMAIN_TYPEHASH = "0x47e79534a245952e8b16893a336b85a3d9ea9fa8c573f3d803afb92a79469218";
const SAFE_TX_TYPEHASH = "0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8";

const SAFE = getAddress("0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe");
const TX: SafeTx = {
  to: getAddress("0x1111111111111111111111111111111111111111"),
  value: 0n,
  data:
    "0xa9059cbb" +
    "0000000000000000000000002222222222222222222222222222222222222222" +
    "000000000000000000000000000000000000000000000000000000000000c350",
  operation: 0,
  safeTxGas: 0n,
  baseGas: 0n,
  gasPrice: 0n,
  gasToken: "0x0000000000000000000000000000000000000000",
  refundReceiver: "0x0000000000000000000000000000000000000000",
  nonce: 7n,
};

function byHand(
  chainId: bigint,
  safe: string,
  tx: SafeTx,
): { domainHash: string; messageHash: string; safeTxHash: string } {
  const abi = AbiCoder.defaultAbiCoder();
  const domainHash = keccak256(abi.encode(["bytes32", "uint256", "address"], [DOMAIN_TYPEHASH, chainId, safe]));
  const messageHash = keccak256(
    abi.encode(
      [
        "bytes32",
        "address",
        "uint256",
        "bytes32",
        "uint8",
        "uint256",
        "uint256",
        "uint256",
        "address",
        "address",
        "uint256",
      ],
      [
        SAFE_TX_TYPEHASH,
        tx.to,
        tx.value,
        keccak256(tx.data),
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        tx.nonce,
      ],
    ),
  );
  return { domainHash, messageHash, safeTxHash: keccak256(concat(["0x1901", domainHash, messageHash])) };
}

describe("safe: EIP-712 figures for hardware wallets", function () {
  it("the Safe type hashes are those of the EIP-712 type strings", function () {
    expect(keccak256(toUtf8Bytes("EIP712Domain(uint256 chainId,address verifyingContract)"))).to.equal(DOMAIN_TYPEHASH);
    expect(
      id(
        "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas," +
          "uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)",
      ),
    ).to.equal(SAFE_TX_TYPEHASH);
  });

  for (const chainId of [1n, 56n, 97n, 11155111n, 31337n]) {
    it(`domain hash, message hash and SafeTx hash on chain ${chainId}`, function () {
      expect(eip712Hashes(chainId, SAFE, TX)).to.deep.equal(byHand(chainId, SAFE, TX));
      const delegate = { ...TX, operation: 1 as const, safeTxGas: 5n, nonce: 0n, data: "0x" };
      expect(eip712Hashes(chainId, SAFE, delegate)).to.deep.equal(byHand(chainId, SAFE, delegate));
    });
  }

  it("the exported eth_signTypedData_v4 JSON signs to the same SafeTx hash", async function () {
    const wallet = Wallet.createRandom();
    const typed = safeTxTypedData(97n, SAFE, TX);
    expect(typed.primaryType).to.equal("SafeTx");
    expect(typed.domain).to.deep.equal({ chainId: "97", verifyingContract: SAFE });
    const { EIP712Domain: _domain, ...types } = typed.types;
    expect(_domain.map((f) => f.name)).to.deep.equal(["chainId", "verifyingContract"]);
    const sig = Signature.from(await wallet.signTypedData(typed.domain, types, typed.message)).serialized;
    expect(recoverSafeTxSigner(byHand(97n, SAFE, TX).safeTxHash, sig)).to.equal(wallet.address);
  });
});
