/**
 * Encoding of a request into a call from the Safe: arguments are given in human form (record names for
 * addresses, role names for roles, token units for amounts, enum labels, country codes) and encoded with the
 * ABI of the target deployment record.
 */
import { interfaceOf } from "../chain/interfaces";
import { ParamType, encodeBytes32String, getAddress, isHexString } from "ethers";
import type { FunctionFragment } from "ethers";
import { parseDecimal } from "../chain/amounts";
import { isCountryCode } from "../chain/countries";
import type { ArgInput, ArgValue, CallRequest } from "../chain/calls";
import type { InnerCall } from "../safe/multisend";
import { ACTIONS, ActionError } from "./catalog";
import {
  COUNTRY_PARAM,
  addPreimage,
  amountTokenFor,
  enumLabelsFor,
  recordByName,
  resolveAddress,
  roleHash,
} from "./context";
import type { ContextRecord, ProposalContext } from "./context";

/** Encodes one request into a call from the Safe (operation 0, no native value). */
export function buildCall(ctx: ProposalContext, req: CallRequest): InnerCall {
  const record = recordByName(ctx, req.contract);
  if (!record)
    throw new ActionError(
      `no deployment record named "${req.contract}" (known: ${ctx.records.map((r) => r.name).join(", ")})`,
    );
  let fnName = req.fn;
  if (req.action !== undefined) {
    const preset = ACTIONS[req.action];
    if (!preset) throw new ActionError(`unknown action "${req.action}" (known: ${Object.keys(ACTIONS).join(", ")})`);
    fnName = preset.fn;
  }
  if (!fnName) throw new ActionError("give an action or a function");
  const iface = interfaceOf(record.abi as never);
  let fragment: FunctionFragment | null;
  try {
    fragment = iface.getFunction(fnName);
  } catch (e) {
    throw new ActionError(`${record.name}.${fnName}: ${(e as Error).message} (give the full signature)`);
  }
  if (!fragment) throw new ActionError(`${record.name} (${record.contract}) has no function ${fnName}`);
  const values = orderArgs(fragment, req.args ?? [], `${record.name}.${fragment.name}`);
  const encoded = fragment.inputs.map((p, i) =>
    encodeArg(ctx, record, fragment.name, p, values[i], fragment.inputs, values, `${fragment.name}.${p.name || i}`),
  );
  return { to: getAddress(record.address), value: 0n, data: iface.encodeFunctionData(fragment, encoded), operation: 0 };
}

function orderArgs(fragment: FunctionFragment, args: ArgInput, where: string): ArgValue[] {
  const params = fragment.inputs;
  if (Array.isArray(args)) {
    if (args.length !== params.length)
      throw new ActionError(
        `${where} takes ${params.length} argument(s) ` +
          `(${params.map((p) => p.format("full")).join(", ")}), got ${args.length}`,
      );
    return args;
  }
  const names = params.map((p, i) => p.name || String(i));
  // a Solidity parameter written `allowance_` (shadowing a getter) may be given as `allowance`
  const bare = names.map((n) => n.replace(/_+$/, ""));
  const extra = Object.keys(args).filter((k) => !names.includes(k) && !bare.includes(k) && !/^\d+$/.test(k));
  if (extra.length > 0)
    throw new ActionError(`${where} has no parameter ${extra.join(", ")} (parameters: ${names.join(", ")})`);
  return params.map((p, i) => {
    const v = args[names[i]] ?? args[bare[i]] ?? args[String(i)];
    if (v === undefined) throw new ActionError(`${where}: missing argument ${names[i]} (${p.type})`);
    return v;
  });
}

function encodeArg(
  ctx: ProposalContext,
  record: ContextRecord,
  fn: string,
  p: ParamType,
  v: ArgValue,
  params: readonly ParamType[],
  all: readonly ArgValue[],
  where: string,
): unknown {
  try {
    if (p.isArray()) {
      const items = Array.isArray(v)
        ? v
        : String(v) === ""
          ? []
          : String(v)
              .split(",")
              .map((s) => s.trim());
      // array items carry no name of their own: a list of countries is still checked as countries
      const child = COUNTRY_PARAM.test(p.name) ? ParamType.from(`${p.arrayChildren.type} ${p.name}`) : p.arrayChildren;
      return items.map((item, i) => encodeArg(ctx, record, fn, child, item, [], [], `${where}[${i}]`));
    }
    if (p.isTuple()) {
      const obj = v as Record<string, ArgValue> | ArgValue[];
      const items = p.components.map((c, i) => {
        const item = Array.isArray(obj) ? obj[i] : obj[c.name];
        if (item === undefined) throw new ActionError(`${where}: missing member ${c.name}`);
        return item;
      });
      return p.components.map((c, i) =>
        encodeArg(ctx, record, fn, c, items[i], p.components, items, `${where}.${c.name}`),
      );
    }
    const s = String(v).trim();
    if (p.type === "address") return resolveAddress(ctx, s);
    if (p.type === "bytes32") {
      if (/_ROLE$/.test(s)) return roleHash(s);
      if (s.startsWith("keccak:")) return addPreimage(ctx, s.slice("keccak:".length));
      if (isHexString(s, 32)) return s;
      return encodeBytes32String(s);
    }
    if (p.type === "bool") {
      if (s !== "true" && s !== "false") throw new ActionError(`expected true or false, got "${s}"`);
      return s === "true";
    }
    if (p.type.startsWith("uint") || p.type.startsWith("int")) {
      if (COUNTRY_PARAM.test(p.name)) {
        if (!/^[0-9]+$/.test(s) || !isCountryCode(BigInt(s)))
          throw new ActionError(`"${s}" is not an ISO 3166-1 numeric country code (e.g. 417 for Kyrgyzstan)`);
        return BigInt(s);
      }
      if (s.startsWith("raw:")) return BigInt(s.slice(4));
      const labels = enumLabelsFor(fn, p);
      if (labels && !/^[0-9]+$/.test(s)) {
        const idx = labels.indexOf(s);
        if (idx < 0) throw new ActionError(`expected one of ${labels.join(", ")} (or its number), got "${s}"`);
        return BigInt(idx);
      }
      const resolved = params.map((q, i) =>
        q.type === "address" && all[i] !== undefined ? resolveAddress(ctx, String(all[i])) : all[i],
      );
      const token = amountTokenFor(ctx, record, p, params, resolved);
      if (token) return parseDecimal(s, token.decimals);
      if (!/^-?[0-9]+$/.test(s)) throw new ActionError(`expected an integer, got "${s}"`);
      return BigInt(s);
    }
    if (p.type.startsWith("bytes")) {
      if (!isHexString(s)) throw new ActionError(`expected 0x-hex, got "${s}"`);
      return s;
    }
    return s;
  } catch (e) {
    if (e instanceof ActionError && e.message.startsWith(where)) throw e;
    throw new ActionError(`${where} (${p.type}): ${(e as Error).message}`);
  }
}
