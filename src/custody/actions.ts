/**
 * The action catalog and proposal assembly. An action is a thin preset over a generic call: a deployment
 * record (by name) and a function of its ABI; arguments are given in human form (record names for addresses,
 * role names for roles, token units for amounts) and encoded with the record's ABI. Adding or renaming an
 * action is one entry in ACTIONS.
 */
import { Contract, Interface, ParamType, encodeBytes32String, getAddress, isHexString } from "ethers";
import { parseDecimal } from "../chain/amounts";
import type { FunctionFragment, Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import { deploymentForChain, loadSafeArtifact } from "../safe/artifacts";
import { completeRecords, contextRecord, labelOwners, readSafeOwners } from "./trusted";
import {
  COUNTRY_PARAM,
  addPreimage,
  amountTokenFor,
  enumLabelsFor,
  recordByName,
  resolveAddress,
  roleHash,
} from "./decode";
import type { ContextRecord, ProposalContext } from "./decode";
import { summarizeSafeTx } from "./describe";
import { isCountryCode } from "../chain/countries";
import type { InnerCall } from "../safe/multisend";
import { encodeMultiSendCall } from "../safe/multisend";
import { PROPOSAL_VERSION } from "./proposal";
import type { Proposal } from "./proposal";
import { OPERATION_CALL, OPERATION_DELEGATECALL, buildSafeTx, safeTxHash } from "../safe/safeTx";
import { MARKET_ACTIONS } from "../market/actions";
import type { ActionPreset, ArgInput, ArgValue, CallRequest } from "../chain/calls";
export type { ActionPreset, ArgInput, ArgValue, CallRequest };
import { UserError, withTimeout } from "../chain";

export class ActionError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ActionError";
  }
}

/** Named actions. The target record is chosen per proposal (`--contract`), so one preset serves every contract. */
export const ACTIONS: Record<string, ActionPreset> = {
  // reserve operations (stablecoin, and asset shares held by the reserve)
  distribute: {
    fn: "transfer",
    description: "send tokens (stablecoin or asset shares) from the reserve Safe to a holder",
  },
  approve: {
    fn: "approve",
    description: "revoke a spender's allowance (0; above zero the distribution rule refuses it)",
  },
  mint: {
    fn: "mint",
    description:
      "mint into the reserve (stablecoin: through SomSupplyController, the Safe must be a minter; asset: ISSUER_ROLE)",
  },
  burn: {
    fn: "burn",
    description: "burn the reserve's own tokens for a redemption or disposal (stablecoin: BURNER_ROLE)",
  },
  // stablecoin: minters (on SomSupplyController, the token's only minter)
  configureMinter: {
    fn: "configureMinter",
    description: "make an address a minter with an allowance and a rate limit (capacity, refill per second)",
  },
  setRateLimit: { fn: "setRateLimit", description: "set a minter's rate limit (capacity, refill per second)" },
  removeMinter: { fn: "removeMinter", description: "remove a minter" },
  // compliance (freeze and pause are instant, also an operational key's; what undoes a protection is the Safe's alone)
  freeze: { fn: "freeze", description: "freeze an account" },
  unfreeze: { fn: "unfreeze", description: "unfreeze an account (stablecoin: the Safe's alone, DEFAULT_ADMIN_ROLE)" },
  freezeBatch: { fn: "freezeBatch", description: "freeze several accounts" },
  unfreezeBatch: {
    fn: "unfreezeBatch",
    description: "unfreeze several accounts (stablecoin: the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  wipe: {
    fn: "wipeFrozen",
    description: "burn a frozen account's balance under a legal order (the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  // emergency
  pause: { fn: "pause", description: "pause the contract" },
  unpause: {
    fn: "unpause",
    description: "unpause the contract (stablecoin, asset: the Safe's alone, DEFAULT_ADMIN_ROLE)",
  },
  // roles and admin
  grantRole: { fn: "grantRole", description: "grant a role" },
  revokeRole: { fn: "revokeRole", description: "revoke a role" },
  beginDefaultAdminTransfer: {
    fn: "beginDefaultAdminTransfer",
    description: "start handing DEFAULT_ADMIN_ROLE to a new admin",
  },
  acceptDefaultAdminTransfer: {
    fn: "acceptDefaultAdminTransfer",
    description: "accept DEFAULT_ADMIN_ROLE (the Safe is the new admin)",
  },
  cancelDefaultAdminTransfer: { fn: "cancelDefaultAdminTransfer", description: "cancel a pending admin transfer" },
  setReserve: { fn: "setReserve", description: "set the reserve address" },
  setReserveFeed: { fn: "setReserveFeed", description: "set the reserve attestation feed" },
  setMaxReserveAge: { fn: "setMaxReserveAge", description: "set the maximum age of the reserve attestation" },
  rescueERC20: { fn: "rescueERC20", description: "send tokens stuck in a contract to an address" },
  // upgrades
  upgrade: { fn: "upgradeToAndCall", description: "upgrade a UUPS proxy" },
  upgradeBeacon: { fn: "upgradeTo", description: "upgrade a beacon (every asset behind it)" },
  // attestation registry
  addAttestor: { fn: "addAttestor", description: "add an attestor" },
  removeAttestor: { fn: "removeAttestor", description: "remove an attestor" },
  setAttestationThreshold: { fn: "setThreshold", description: "set the attestor threshold" },
  setMaxFutureSkew: { fn: "setMaxFutureSkew", description: "set how far in the future a report's asOf may be" },
  configureSubject: { fn: "configureSubject", description: "configure an attested subject" },
  allowOutOfBoundsReport: { fn: "allowOutOfBoundsReport", description: "allow one out-of-bounds report" },
  // tokenization
  registerIdentity: { fn: "registerIdentity", description: "register an investor identity" },
  updateIdentity: { fn: "updateIdentity", description: "update an investor identity" },
  removeIdentity: { fn: "removeIdentity", description: "remove an investor identity" },
  registerIdentities: { fn: "registerIdentities", description: "register several identities" },
  updateIdentities: { fn: "updateIdentities", description: "update several identities" },
  removeIdentities: { fn: "removeIdentities", description: "remove several identities" },
  createAsset: { fn: "createAsset", description: "create an asset token through the factory" },
  setFrozenTokens: { fn: "setFrozenTokens", description: "freeze part of a holder's asset tokens" },
  forcedTransfer: {
    fn: "forcedTransfer(address,address,uint256,bytes32)",
    description: "move asset tokens under a legal order (reference required)",
  },
  recoverWallet: { fn: "recoverWallet", description: "move a lost wallet's asset tokens to a new wallet" },
  setDocument: { fn: "setDocument", description: "attach a legal document to an asset" },
  removeDocument: { fn: "removeDocument", description: "remove an asset document" },
  setEncumbrance: { fn: "setEncumbrance", description: "set an asset's encumbrance status" },
  setCustodian: { fn: "setCustodian", description: "set an asset's custodian" },
  // asset holder rules (the asset admin: the Safe)
  setAllowedCountries: {
    fn: "setAllowedCountries",
    description: "restrict an asset to holders of these ISO 3166-1 numeric countries (empty list: no rule)",
  },
  setMaxHolders: {
    fn: "setMaxHolders",
    description: "set an asset's maximum number of holders, the reserve included (0: no limit)",
  },
  setMaxBalance: {
    fn: "setMaxBalance",
    description: "set an asset's maximum balance per holder, in base units (0: no limit)",
  },
};
// primary market (src/market/actions.ts): settle, reject, window, minimum capital
Object.assign(ACTIONS, MARKET_ACTIONS);

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
  const iface = new Interface(record.abi as never);
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

export interface AssembleOptions {
  chainId: number;
  safe: string;
  nonce: bigint;
  calls: readonly InnerCall[];
  context: ProposalContext;
  /** Canonical MultiSendCallOnly (required for batches). */
  multiSendCallOnly?: string;
  description: string;
  now?: Date;
}

/** One call becomes a plain call; several become one delegatecall to the canonical MultiSendCallOnly. */
export function assembleProposal(o: AssembleOptions): Proposal {
  if (o.calls.length === 0) throw new ActionError("nothing to propose");
  let safeTx;
  if (o.calls.length === 1) {
    const c = o.calls[0];
    safeTx = buildSafeTx({ to: c.to, data: c.data, value: c.value, operation: OPERATION_CALL, nonce: o.nonce });
  } else {
    if (!o.multiSendCallOnly) throw new ActionError("a batch needs the canonical MultiSendCallOnly of this chain");
    safeTx = buildSafeTx({
      to: o.multiSendCallOnly,
      data: encodeMultiSendCall(o.calls),
      operation: OPERATION_DELEGATECALL,
      nonce: o.nonce,
    });
  }
  const env = { chainId: o.chainId, safe: o.safe, multiSendCallOnly: o.multiSendCallOnly, context: o.context };
  return {
    version: PROPOSAL_VERSION,
    chainId: o.chainId,
    safe: getAddress(o.safe),
    nonce: o.nonce,
    safeTx,
    safeTxHash: safeTxHash(o.chainId, o.safe, safeTx),
    description: o.description,
    summary: summarizeSafeTx(env, safeTx),
    context: o.context,
    signatures: [],
    createdAt: (o.now ?? new Date()).toISOString(),
  };
}

/**
 * Builds the context from deployment records at proposal time, exactly as a signer renders it from its
 * records: token metadata and the Safe's owners/threshold from the records, completed from chain where a
 * record lacks them (never assumed).
 */
export async function loadProposalContext(
  provider: Provider,
  records: readonly ContractRecord[],
  safe: string,
): Promise<ProposalContext> {
  const completed = await completeRecords(provider, records, safe);
  const safeRec = completed.find((r) => getAddress(r.address) === getAddress(safe))?.safe;
  const fromChain = safeRec ? undefined : await readSafeOwners(provider, safe);
  const owners = safeRec ? safeRec.owners : labelOwners(fromChain?.owners ?? []);
  return {
    records: completed.map(contextRecord),
    owners: owners.map((o) => getAddress(o.address)),
    threshold: safeRec?.threshold ?? fromChain?.threshold ?? 0,
    ownerLabels: owners.map((o) => o.label),
  };
}

export interface ProposeCallsOptions {
  provider: Provider;
  /**
   * The deployment records: ABIs to encode with, token units, the Safe's owners (completed from chain where missing).
   */
  records: readonly ContractRecord[];
  /** The Safe: a record name (default "ReserveSafe") or an address. */
  safe?: string;
  /** Requests in human form (encoded with the records' ABIs) or calls already encoded; several become one batch. */
  calls: readonly (CallRequest | InnerCall)[];
  /** The Safe's current nonce (read from chain) unless given. */
  nonce?: bigint;
  /** Default: "<action> on <record>" of each request, joined by " + ". */
  description?: string;
  /** The batch's MultiSendCallOnly; default the chain's canonical one. */
  multiSendCallOnly?: string;
}

function isInnerCall(c: CallRequest | InnerCall): c is InnerCall {
  return typeof (c as InnerCall).data === "string" && typeof (c as InnerCall).to === "string";
}

/** The Safe's address: a record of that name, else the address itself. */
function safeAddressOf(records: readonly ContractRecord[], safe: string): string {
  const rec = records.find((r) => r.name === safe);
  if (rec) return getAddress(rec.address);
  if (/^0x[0-9a-fA-F]{40}$/.test(safe)) return getAddress(safe);
  throw new ActionError(`no record "${safe}" in your deployment records`);
}

/**
 * THE proposal assembly of the custodian workflow: records + calls -> context (token units, owners, read
 * from chain where the records lack them) -> each request encoded with its record's ABI -> one call or a
 * MultiSendCallOnly batch as a SafeTx at the Safe's nonce -> a Proposal with its hash and decoded summary.
 * Used by `safe:propose`, the main job's cycle (./flow.ts), `upgrade` and `reserve:bitcoin`; every RPC call
 * bounded by a timeout.
 */
export async function proposeCalls(o: ProposeCallsOptions): Promise<Proposal> {
  const safe = safeAddressOf(o.records, o.safe ?? "ReserveSafe");
  const chainId = Number((await withTimeout(o.provider.getNetwork(), "eth_chainId")).chainId);
  const context = await loadProposalContext(o.provider, o.records, safe);
  const nonce = o.nonce ?? (await withTimeout(currentNonce(o.provider, safe), "Safe nonce()"));
  const calls = o.calls.map((c) => (isInnerCall(c) ? c : buildCall(context, c)));
  const requests = o.calls.filter((c): c is CallRequest => !isInnerCall(c));
  return assembleProposal({
    chainId,
    safe,
    nonce,
    calls,
    context,
    multiSendCallOnly: o.multiSendCallOnly ?? deploymentForChain("MultiSendCallOnly", chainId)?.address,
    description: o.description ?? requests.map((r) => `${r.action ?? r.fn} on ${r.contract}`).join(" + "),
  });
}

/** The Safe's current nonce. */
export async function currentNonce(provider: Provider, safe: string): Promise<bigint> {
  return BigInt(await new Contract(safe, loadSafeArtifact("Safe").abi, provider).getFunction("nonce").staticCall());
}

/** `--arg name=value` flags to an ArgInput; a value starting with "[" or "{" is parsed as JSON. */
export function parseArgFlags(flags: readonly string[]): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const f of flags) {
    const eq = f.indexOf("=");
    if (eq <= 0) throw new ActionError(`--arg "${f}" must be name=value (or index=value)`);
    const name = f.slice(0, eq);
    const raw = f.slice(eq + 1);
    if (raw.startsWith("[") || raw.startsWith("{")) {
      try {
        out[name] = JSON.parse(raw) as ArgValue;
      } catch {
        throw new ActionError(`--arg ${name}: invalid JSON ${raw}`);
      }
    } else {
      out[name] = raw;
    }
  }
  return out;
}

/** Reads a batch file: a JSON array of CallRequest. */
export function parseBatch(json: unknown, source: string): CallRequest[] {
  if (!Array.isArray(json) || json.length === 0)
    throw new ActionError(`${source}: a batch is a non-empty JSON array of {action|fn, contract, args}`);
  return json.map((r: unknown, i) => {
    const o = r as Partial<CallRequest>;
    if (
      typeof o !== "object" ||
      o === null ||
      typeof o.contract !== "string" ||
      (o.action === undefined && o.fn === undefined)
    ) {
      throw new ActionError(`${source}: entry #${i + 1} needs "contract" and "action" or "fn"`);
    }
    return { action: o.action, fn: o.fn, contract: o.contract, args: o.args };
  });
}
