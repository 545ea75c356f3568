/**
 * One ethers Interface per ABI. Building one parses every fragment and hashes every selector and topic (keccak in
 * JavaScript): the custody tools built one per record per call, and records read again from disk are new objects,
 * so a cache by object alone missed (measured: a third of the CPU of the custody flow tests went to building the same
 * Interfaces again). Interfaces are immutable, so one instance serves every caller.
 */
import { Interface } from "ethers";
import type { InterfaceAbi } from "ethers";

const BY_OBJECT = new WeakMap<object, Interface>();
const BY_TEXT = new Map<string, Interface>();

/** The Interface of `abi` (a JSON ABI array, or its JSON text), built once per distinct ABI. */
export function interfaceOf(abi: InterfaceAbi | readonly unknown[]): Interface {
  const known = typeof abi === "object" ? BY_OBJECT.get(abi) : undefined;
  if (known) return known;
  const text = typeof abi === "string" ? abi : JSON.stringify(abi);
  let iface = BY_TEXT.get(text);
  if (!iface) {
    iface = new Interface(abi as InterfaceAbi);
    BY_TEXT.set(text, iface);
  }
  if (typeof abi === "object") BY_OBJECT.set(abi, iface);
  return iface;
}
