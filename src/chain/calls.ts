/**
 * A call to a recorded contract, in human form: the target by deployment-record name, the function by
 * name or signature (or a named action of the custodian catalog), arguments as the user writes them
 * (record names for addresses, role names for roles, token units for amounts). Domains build these;
 * the custodian workflow (src/custody/encode.ts) encodes them with the record's ABI.
 */

/** One argument value as a user writes it. */
export type ArgValue = string | number | boolean | ArgValue[] | { [k: string]: ArgValue };
/** Arguments by parameter name, or positionally. */
export type ArgInput = Record<string, ArgValue | undefined> | ArgValue[];

/** A call to a recorded contract. */
export interface CallRequest {
  /** Named action (ACTIONS key) or omitted with `fn` set. */
  action?: string;
  /** Target deployment record name. */
  contract: string;
  /** Function name or signature when no action is given. */
  fn?: string;
  args?: ArgInput;
}

/** A named action of the catalog: a thin preset over a generic call. */
export interface ActionPreset {
  /** Function name (or full signature when overloaded) in the target record's ABI. */
  fn: string;
  description: string;
}
