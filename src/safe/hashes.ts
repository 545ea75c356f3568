/**
 * The figures a hardware wallet shows when blind-signing a Safe transaction (as pcaversaccio's
 * safe-tx-hashes-util prints them): the EIP-712 domain hash, the message (struct) hash and the SafeTx
 * hash = keccak256(0x1901 ++ domainHash ++ messageHash); and the `eth_signTypedData_v4` JSON of the
 * SafeTx for external signers (`cast wallet sign --ledger --data --from-file`, Frame, MetaMask).
 * Pure and offline.
 */
import { TypedDataEncoder, getAddress } from "ethers";
import { SAFE_TX_TYPES, safeDomain } from "./safeTx";
import type { SafeTx } from "./safeTx";

export interface SafeTxHashes {
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
}

function message(tx: SafeTx): Record<string, unknown> {
  return { ...tx };
}

export function eip712Hashes(chainId: number | bigint, safe: string, tx: SafeTx): SafeTxHashes {
  const domain = safeDomain(chainId, safe);
  return {
    domainHash: TypedDataEncoder.hashDomain(domain),
    messageHash: TypedDataEncoder.from(SAFE_TX_TYPES).hash(message(tx)),
    safeTxHash: TypedDataEncoder.hash(domain, SAFE_TX_TYPES, message(tx)),
  };
}

/** The eth_signTypedData_v4 payload (numbers as decimal strings, as wallets and `cast` accept them). */
export interface SafeTxTypedData {
  types: { EIP712Domain: { name: string; type: string }[] } & Record<string, { name: string; type: string }[]>;
  primaryType: "SafeTx";
  domain: { chainId: string; verifyingContract: string };
  message: Record<string, string | number>;
}

export function safeTxTypedData(chainId: number | bigint, safe: string, tx: SafeTx): SafeTxTypedData {
  return {
    types: {
      EIP712Domain: [
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      SafeTx: SAFE_TX_TYPES.SafeTx.map((f) => ({ name: f.name, type: f.type })),
    },
    primaryType: "SafeTx",
    domain: { chainId: BigInt(chainId).toString(), verifyingContract: getAddress(safe) },
    message: {
      to: getAddress(tx.to),
      value: tx.value.toString(),
      data: tx.data,
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      baseGas: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: getAddress(tx.gasToken),
      refundReceiver: getAddress(tx.refundReceiver),
      nonce: tx.nonce.toString(),
    },
  };
}
