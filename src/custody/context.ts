/**
 * The context a proposal file carries so that an offline signer can decode it (the deployment records
 * involved: name, address, ABI, token decimals/symbol; the Safe's owners and threshold at proposal time), and
 * the lookups over that context: records, roles, preimages, amounts' units, enum labels, country parameters.
 * Pure and offline; used both to encode requests (./encode.ts) and to decode calldata (./decode.ts).
 */
import { getAddress, id, keccak256, toUtf8Bytes } from "ethers";
import type { JsonFragment, ParamType } from "ethers";
import { UserError } from "../chain/errors";

/** A name that is neither a record, an address, a role nor a bytes32 (the user fixes the argument). */
export class DecodeInputError extends UserError {}

export interface TokenInfo {
  decimals: number;
  symbol: string;
}

export interface ContextRecord {
  /** Deployment record name (e.g. "SomStablecoin"). */
  name: string;
  /** Contract (artifact) name. */
  contract: string;
  address: string;
  abi: readonly JsonFragment[];
  /** Set when the contract is an ERC-20 (read from chain at proposal time). */
  token?: TokenInfo;
}

export interface ProposalContext {
  records: ContextRecord[];
  owners: string[];
  threshold: number;
  /** Labels of `owners` (same order), from the signer's records. */
  ownerLabels?: string[];
  /** Texts whose keccak256 appears as a bytes32 argument (asset ids such as "cadastral:1-01-01-0001-0001"). */
  preimages?: string[];
}

/**
 * Role names of this project's contracts (`keccak256("<NAME>")`; DEFAULT_ADMIN_ROLE = 0x00). Names are also
 * taken from the `*_ROLE()` getters of the context ABIs, so a new role shows by name without editing this list.
 */
export const KNOWN_ROLE_NAMES: readonly string[] = [
  "UPGRADER_ROLE",
  "MINTER_ADMIN_ROLE",
  "MINTER_ROLE",
  "BURNER_ROLE",
  "PAUSER_ROLE",
  "COMPLIANCE_ROLE",
  "RESCUER_ROLE",
  "KYC_OFFICER_ROLE",
  "ISSUER_ROLE",
  "ENFORCER_ROLE",
  "ASSET_CREATOR_ROLE",
];

const ZERO_ROLE = `0x${"00".repeat(32)}`;

const ROLE_BY_HASH = new Map<string, string>([
  [ZERO_ROLE, "DEFAULT_ADMIN_ROLE"],
  ...KNOWN_ROLE_NAMES.map((n): [string, string] => [id(n), n]),
]);

/** Role getters (`X_ROLE()` returning bytes32) declared in the context ABIs. */
function contextRoleNames(ctx: ProposalContext): string[] {
  const names: string[] = [];
  for (const r of ctx.records) {
    for (const f of r.abi) {
      if (
        f.type === "function" &&
        typeof f.name === "string" &&
        /^[A-Z0-9_]+_ROLE$/.test(f.name) &&
        (f.inputs ?? []).length === 0
      )
        names.push(f.name);
    }
  }
  return names;
}

/** "MINTER_ROLE" for keccak256("MINTER_ROLE"), undefined for an unknown bytes32. */
export function roleName(hash: string, ctx?: ProposalContext): string | undefined {
  const h = hash.toLowerCase();
  const known = ROLE_BY_HASH.get(h);
  if (known || !ctx) return known;
  return contextRoleNames(ctx).find((n) => id(n) === h);
}

/**
 * The text behind a bytes32 when the context lists it as a preimage (`keccak:<text>` arguments, e.g. asset
 * ids "cadastral:…"). Verified by hashing: a file cannot attach a false label to a hash.
 */
export function preimageOf(hash: string, ctx: ProposalContext): string | undefined {
  const h = hash.toLowerCase();
  return ctx.preimages?.find((t) => keccak256(toUtf8Bytes(t)) === h);
}

/** Adds `text` to the context's preimages (once) and returns its keccak256. */
export function addPreimage(ctx: ProposalContext, text: string): string {
  const hash = keccak256(toUtf8Bytes(text));
  ctx.preimages ??= [];
  if (!ctx.preimages.includes(text)) ctx.preimages.push(text);
  return hash;
}

/** The bytes32 of a role given by name ("MINTER_ROLE") or as 0x-hex. */
export function roleHash(nameOrHash: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(nameOrHash)) return nameOrHash.toLowerCase();
  if (nameOrHash === "DEFAULT_ADMIN_ROLE") return ZERO_ROLE;
  if (!/^[A-Z0-9_]+_ROLE$/.test(nameOrHash))
    throw new DecodeInputError(`"${nameOrHash}" is neither a role name (X_ROLE) nor a bytes32`);
  return id(nameOrHash);
}

export function recordByAddress(ctx: ProposalContext, address: string): ContextRecord | undefined {
  const a = address.toLowerCase();
  return ctx.records.find((r) => r.address.toLowerCase() === a);
}

export function recordByName(ctx: ProposalContext, name: string): ContextRecord | undefined {
  return ctx.records.find((r) => r.name === name);
}

/** A record name or an address, resolved to a checksummed address. */
export function resolveAddress(ctx: ProposalContext, nameOrAddress: string): string {
  const rec = recordByName(ctx, nameOrAddress);
  if (rec) return getAddress(rec.address);
  try {
    return getAddress(nameOrAddress);
  } catch {
    throw new DecodeInputError(`"${nameOrAddress}" is neither an address nor a deployment record name`);
  }
}

const AMOUNT_PARAM = /amount|allowance|capacity|refill|shares|^value$|^wad$/i;

/**
 * The token whose units a uint parameter is expressed in, or undefined if it is not a token amount:
 * the token named by a `token`/`asset` address parameter, else the decimals and symbol given next to it
 * (a struct such as createAsset's parameters declares its own), else the target contract's token.
 */
export function amountTokenFor(
  ctx: ProposalContext,
  target: ContextRecord | undefined,
  param: ParamType,
  params: readonly ParamType[],
  values: readonly unknown[],
): TokenInfo | undefined {
  if (!param.type.startsWith("uint") || !AMOUNT_PARAM.test(param.name)) return undefined;
  const tokenIdx = params.findIndex((p) => p.type === "address" && /^token$|^asset$/i.test(p.name));
  if (tokenIdx >= 0 && typeof values[tokenIdx] === "string") {
    const rec = recordByAddress(ctx, values[tokenIdx] as string);
    return rec?.token;
  }
  const decIdx = params.findIndex((p) => p.name === "decimals" && p.type.startsWith("uint"));
  const symIdx = params.findIndex((p) => p.name === "symbol" && p.type === "string");
  if (decIdx >= 0 && symIdx >= 0 && values[decIdx] !== undefined && values[symIdx] !== undefined) {
    const decimals = Number(values[decIdx]);
    if (Number.isSafeInteger(decimals) && decimals >= 0 && decimals <= 77)
      return { decimals, symbol: String(values[symIdx]) };
  }
  return target?.token;
}

/** Labels of the enums in this project's ABIs, by parameter name (the JSON ABI keeps no enum names). */
export const ENUM_LABELS: Record<string, readonly string[]> = {
  assetClass: ["RealEstate", "PreciousMetal", "MiningOutput", "Other"],
  "setEncumbrance.status": ["None", "Lien", "Pledge", "Seizure", "Other"],
  encumbrance: ["None", "Lien", "Pledge", "Seizure", "Other"],
};

/** The enum labels of parameter `name` of function `fn` (uint8 only), if it is a known enum. */
export function enumLabelsFor(fn: string | undefined, param: ParamType): readonly string[] | undefined {
  if (param.type !== "uint8") return undefined;
  return ENUM_LABELS[`${fn}.${param.name}`] ?? ENUM_LABELS[param.name];
}

/** Parameters holding ISO 3166-1 numeric country codes (identity countries, asset jurisdictions, holder rules). */
export const COUNTRY_PARAM = /^country$|^countries$|jurisdiction/i;
