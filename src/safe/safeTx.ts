/**
 * Safe v1.4.1 transactions: the SafeTx struct, its EIP-712 domain and hash (ethers' TypedDataEncoder, which
 * reproduces the Safe's on-chain `getTransactionHash`), and signing / recovery of EIP-712 signatures.
 * Pure and offline.
 */
import { Signature, TypedDataEncoder, ZeroAddress, getAddress, recoverAddress } from "ethers";
import type { TypedDataDomain, TypedDataField, Wallet } from "ethers";
import { typedDataFields } from "../chain/eip712";
import { UserError } from "../chain/errors";

export const OPERATION_CALL = 0;
export const OPERATION_DELEGATECALL = 1;
export type Operation = 0 | 1;

export interface SafeTx {
  to: string;
  value: bigint;
  data: string;
  operation: Operation;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
}

/** The EIP-712 type of a Safe transaction (Safe >= 1.3: domain {chainId, verifyingContract}). */
export const SAFE_TX_TYPES: Record<string, TypedDataField[]> = {
  SafeTx: typedDataFields(
    "address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, " +
      "uint256 gasPrice, address gasToken, address refundReceiver, uint256 nonce",
  ),
};

export function safeDomain(chainId: number | bigint, safe: string): TypedDataDomain {
  return { chainId: BigInt(chainId), verifyingContract: getAddress(safe) };
}

/** A SafeTx with no refund (gas paid by the executor), as every proposal of this project uses. */
export function buildSafeTx(fields: {
  to: string;
  data: string;
  value?: bigint;
  operation?: Operation;
  nonce: bigint;
}): SafeTx {
  return {
    to: getAddress(fields.to),
    value: fields.value ?? 0n,
    data: fields.data,
    operation: fields.operation ?? OPERATION_CALL,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce: fields.nonce,
  };
}

/** The EIP-712 SafeTx hash the owners sign (equals `Safe.getTransactionHash(...)`). */
export function safeTxHash(chainId: number | bigint, safe: string, tx: SafeTx): string {
  return TypedDataEncoder.hash(safeDomain(chainId, safe), SAFE_TX_TYPES, safeTxMessage(tx));
}

/** Signs the SafeTx as EIP-712 typed data: a 65-byte signature with v = 27/28, as Safe expects. */
export async function signSafeTx(wallet: Wallet, chainId: number | bigint, safe: string, tx: SafeTx): Promise<string> {
  const sig = await wallet.signTypedData(safeDomain(chainId, safe), SAFE_TX_TYPES, safeTxMessage(tx));
  return Signature.from(sig).serialized;
}

/** A signature from which no signer can be recovered (wrong length, v or s out of range): a bad input file. */
export class InvalidSignatureError extends UserError {}

/** The address that produced an EIP-712 (v = 27/28) signature over `hash`. */
export function recoverSafeTxSigner(hash: string, signature: string): string {
  try {
    return getAddress(recoverAddress(hash, signature));
  } catch (err) {
    const why = (err as { shortMessage?: string }).shortMessage ?? (err as Error).message;
    throw new InvalidSignatureError(`not a valid ECDSA signature ${signature.slice(0, 12)}…: ${why.split("\n")[0]}`);
  }
}

function safeTxMessage(tx: SafeTx): Record<string, unknown> {
  return { ...tx, operation: tx.operation };
}
