/**
 * What a proposal file carries so that an offline signer can decode it: the deployment records involved
 * (name, address, ABI, token decimals/symbol) and the Safe's owners and threshold at proposal time.
 * The signer re-decodes the calldata from these ABIs; it never trusts a summary text.
 */
import { getAddress, id } from "ethers";
import type { JsonFragment } from "ethers";

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
}

/** Role names this project uses; `keccak256("<NAME>")`, and DEFAULT_ADMIN_ROLE = 0x00. */
export const KNOWN_ROLE_NAMES: readonly string[] = [
  "UPGRADER_ROLE",
  "MINTER_ADMIN_ROLE",
  "MINTER_ROLE",
  "BURNER_ROLE",
  "PAUSER_ROLE",
  "COMPLIANCE_ROLE",
  "RESCUER_ROLE",
  "ATTESTOR_ROLE",
  "ATTESTOR_ADMIN_ROLE",
  "REGISTRAR_ROLE",
  "AGENT_ROLE",
  "ISSUER_ROLE",
  "OPERATOR_ROLE",
  "CUSTODIAN_ROLE",
  "DOCUMENT_ROLE",
];

const ROLE_BY_HASH = new Map<string, string>([
  [`0x${"00".repeat(32)}`, "DEFAULT_ADMIN_ROLE"],
  ...KNOWN_ROLE_NAMES.map((n): [string, string] => [id(n), n]),
]);

/** "MINTER_ROLE" for keccak256("MINTER_ROLE"), undefined for an unknown bytes32. */
export function roleName(hash: string): string | undefined {
  return ROLE_BY_HASH.get(hash.toLowerCase());
}

/** The bytes32 of a role given by name ("MINTER_ROLE") or as 0x-hex. */
export function roleHash(nameOrHash: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(nameOrHash)) return nameOrHash.toLowerCase();
  if (nameOrHash === "DEFAULT_ADMIN_ROLE") return `0x${"00".repeat(32)}`;
  if (!/^[A-Z0-9_]+_ROLE$/.test(nameOrHash)) throw new Error(`"${nameOrHash}" is neither a role name (X_ROLE) nor a bytes32`);
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
    throw new Error(`"${nameOrAddress}" is neither an address nor a deployment record name`);
  }
}
