/**
 * EIP-712 type tables written the way the Solidity struct reads: `typedDataFields("address to, uint256 value")`
 * is `[{ name: "to", type: "address" }, { name: "value", type: "uint256" }]`, the field list ethers'
 * TypedDataEncoder and `signTypedData` take. Pure.
 */
import type { TypedDataField } from "ethers";

/** One member: a type (elementary, struct name, optionally with array suffixes) and a name. */
const MEMBER = /^([A-Za-z_$][A-Za-z0-9_$]*(?:\[[0-9]*\])*)\s+([A-Za-z_$][A-Za-z0-9_$]*)$/;

/**
 * The fields of an EIP-712 struct given as a Solidity-like parameter list (`"type name, type name, ..."`), in
 * order. Throws an Error on a malformed list (empty member, missing name or type, duplicate name): the lists
 * are constants of this library, so a bad one is a programming error.
 */
export function typedDataFields(parameters: string): TypedDataField[] {
  const fields: TypedDataField[] = [];
  for (const member of parameters.split(",")) {
    const match = MEMBER.exec(member.trim());
    if (!match) throw new Error(`typedDataFields: malformed member "${member.trim()}" in "${parameters}"`);
    const [, type, name] = match;
    if (fields.some((f) => f.name === name))
      throw new Error(`typedDataFields: duplicate member "${name}" in "${parameters}"`);
    fields.push({ name, type });
  }
  return fields;
}
