/**
 * MultiSendCallOnly batches: `multiSend(bytes transactions)` where each inner transaction is packed as
 * operation (uint8, always 0 = call) ++ to (address) ++ value (uint256) ++ data length (uint256) ++ data.
 * The Safe reaches MultiSendCallOnly by delegatecall; the inner calls are plain calls from the Safe.
 */
import {
  Interface,
  concat,
  dataLength,
  dataSlice,
  getAddress,
  getBytes,
  hexlify,
  solidityPacked,
  toNumber,
} from "ethers";
import { UserError } from "../chain";

export interface InnerCall {
  to: string;
  value: bigint;
  data: string;
  /** Always 0 for MultiSendCallOnly (it reverts on 1). */
  operation: 0 | 1;
}

export const MULTISEND_ABI = ["function multiSend(bytes transactions) payable"] as const;
const multiSendInterface = new Interface(MULTISEND_ABI);

export class MultiSendError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "MultiSendError";
  }
}

/** Packs `calls` into the `transactions` bytes of `multiSend`. */
export function packMultiSend(calls: readonly InnerCall[]): string {
  if (calls.length === 0) throw new MultiSendError("a batch needs at least one call");
  return concat(
    calls.map((c, i) => {
      if (c.operation !== 0)
        throw new MultiSendError(`batch call #${i + 1}: MultiSendCallOnly only performs calls (operation 0)`);
      return solidityPacked(
        ["uint8", "address", "uint256", "uint256", "bytes"],
        [0, c.to, c.value, dataLength(c.data), c.data],
      );
    }),
  );
}

/** Calldata of `multiSend(packMultiSend(calls))`. */
export function encodeMultiSendCall(calls: readonly InnerCall[]): string {
  return multiSendInterface.encodeFunctionData("multiSend", [packMultiSend(calls)]);
}

/** Whether `data` is a `multiSend(bytes)` call. */
export function isMultiSendCall(data: string): boolean {
  return data.length >= 10 && data.slice(0, 10).toLowerCase() === multiSendInterface.getFunction("multiSend")?.selector;
}

/** Decodes `multiSend(bytes)` calldata into its inner calls; throws on a malformed batch. */
export function decodeMultiSendCall(data: string): InnerCall[] {
  if (!isMultiSendCall(data)) throw new MultiSendError("not a multiSend(bytes) call");
  const [packed] = multiSendInterface.decodeFunctionData("multiSend", data) as unknown as [string];
  const bytes = getBytes(packed);
  const calls: InnerCall[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (i + 85 > bytes.length) throw new MultiSendError(`batch truncated at byte ${i}`);
    const operation = bytes[i];
    if (operation !== 0 && operation !== 1)
      throw new MultiSendError(`batch call #${calls.length + 1}: operation ${operation}`);
    const to = getAddress(dataSlice(bytes, i + 1, i + 21));
    const value = BigInt(dataSlice(bytes, i + 21, i + 53));
    const len = toNumber(dataSlice(bytes, i + 53, i + 85));
    if (i + 85 + len > bytes.length)
      throw new MultiSendError(`batch call #${calls.length + 1}: data runs past the end`);
    calls.push({ to, value, data: hexlify(bytes.slice(i + 85, i + 85 + len)), operation });
    i += 85 + len;
  }
  return calls;
}
