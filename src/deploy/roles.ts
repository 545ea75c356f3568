/**
 * Reads the roles matrix back from the chain: for every AccessControl contract in the records,
 * the holders of every role (reconstructed from RoleGranted / RoleRevoked events and confirmed
 * with hasRole), the default admin and any pending admin transfer; for Ownable contracts, the
 * owner. Role names come from the contract's own `*_ROLE()` constant getters in its ABI.
 */
import { interfaceOf } from "../chain/interfaces";
import { Contract, Interface, ZeroHash } from "ethers";
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";

export interface RoleHolders {
  role: string;
  roleId: string;
  holders: string[];
}

export interface ContractRoles {
  name: string;
  address: string;
  roles: RoleHolders[];
  defaultAdmin?: string;
  pendingDefaultAdmin?: string;
  owner?: string;
}

function roleGetters(iface: Interface): string[] {
  const names: string[] = [];
  iface.forEachFunction((f) => {
    if (f.inputs.length === 0 && /_ROLE$/.test(f.name) && f.outputs.length === 1 && f.outputs[0].type === "bytes32") {
      names.push(f.name);
    }
  });
  return names.sort();
}

/** Reads roles and ownership of one record's contract. */
export async function readContractRoles(
  provider: Provider,
  record: ContractRecord,
): Promise<ContractRoles | undefined> {
  const iface = interfaceOf(record.abi as never);
  const contract = new Contract(record.address, iface, provider);
  const out: ContractRoles = { name: record.name, address: record.address, roles: [] };
  if (iface.getFunction("owner") && iface.getFunction("owner")?.inputs.length === 0) {
    out.owner = (await contract.getFunction("owner")()) as string;
  }
  if (!iface.getEvent("RoleGranted") || !iface.getFunction("hasRole")) return out.owner ? out : undefined;

  const ids = new Map<string, string>([[ZeroHash, "DEFAULT_ADMIN_ROLE"]]);
  for (const getter of roleGetters(iface)) ids.set((await contract.getFunction(getter)()) as string, getter);

  const fromBlock = Math.max(record.blockNumber - 1, 0);
  const candidates = new Map<string, Set<string>>();
  for (const name of ["RoleGranted", "RoleRevoked"]) {
    const event = iface.getEvent(name);
    if (!event) continue;
    const logs = await provider.getLogs({
      address: record.address,
      topics: [event.topicHash],
      fromBlock,
      toBlock: "latest",
    });
    for (const log of logs) {
      const parsed = iface.parseLog(log);
      if (!parsed) continue;
      const role = parsed.args[0] as string;
      const account = parsed.args[1] as string;
      if (!candidates.has(role)) candidates.set(role, new Set());
      candidates.get(role)?.add(account);
      if (!ids.has(role)) ids.set(role, role);
    }
  }
  for (const [roleId, name] of [...ids.entries()].sort((a, b) => a[1].localeCompare(b[1]))) {
    const holders: string[] = [];
    for (const account of candidates.get(roleId) ?? []) {
      if ((await contract.getFunction("hasRole")(roleId, account)) as boolean) holders.push(account);
    }
    out.roles.push({ role: name, roleId, holders: holders.sort() });
  }
  if (iface.getFunction("defaultAdmin")) out.defaultAdmin = (await contract.getFunction("defaultAdmin")()) as string;
  if (iface.getFunction("pendingDefaultAdmin")) {
    const [pending] = (await contract.getFunction("pendingDefaultAdmin")()) as [string, bigint];
    out.pendingDefaultAdmin = pending;
  }
  return out;
}

/** Everything `account` still holds, in plain words; empty when it holds nothing. */
export function powersHeldBy(account: string, matrix: readonly ContractRoles[]): string[] {
  const a = account.toLowerCase();
  const found: string[] = [];
  for (const c of matrix) {
    for (const r of c.roles) if (r.holders.some((h) => h.toLowerCase() === a)) found.push(`${c.name}: ${r.role}`);
    if (c.defaultAdmin?.toLowerCase() === a) found.push(`${c.name}: default admin`);
    if (c.pendingDefaultAdmin?.toLowerCase() === a) found.push(`${c.name}: pending default admin`);
    if (c.owner?.toLowerCase() === a) found.push(`${c.name}: owner`);
  }
  return found;
}

/** A plain-text roles matrix, with known addresses named. */
export function formatRolesMatrix(matrix: readonly ContractRoles[], names: ReadonlyMap<string, string>): string {
  const label = (addr: string): string => names.get(addr.toLowerCase()) ?? addr;
  const lines: string[] = [];
  for (const c of matrix) {
    lines.push(`${c.name} (${c.address})`);
    if (c.owner) lines.push(`  owner: ${label(c.owner)}`);
    if (c.defaultAdmin !== undefined) lines.push(`  default admin: ${label(c.defaultAdmin)}`);
    if (c.pendingDefaultAdmin && c.pendingDefaultAdmin !== "0x0000000000000000000000000000000000000000") {
      lines.push(`  pending default admin: ${label(c.pendingDefaultAdmin)}`);
    }
    for (const r of c.roles)
      lines.push(`  ${r.role}: ${r.holders.length === 0 ? "(nobody)" : r.holders.map(label).join(", ")}`);
  }
  return lines.join("\n");
}

/**
 * Keys other than `safe` that hold both KYC_OFFICER_ROLE (on the identity registry) and ENFORCER_ROLE
 * (on any asset token) in `matrix`: such a key could register a sybil and force shares to it alone.
 */
export function keysHoldingKycAndEnforcement(matrix: readonly ContractRoles[], safe: string): string[] {
  const holders = (role: string): Set<string> =>
    new Set(
      matrix.flatMap((c) =>
        c.roles.filter((r) => r.role === role).flatMap((r) => r.holders.map((h) => h.toLowerCase())),
      ),
    );
  const enforcers = holders("ENFORCER_ROLE");
  return [...holders("KYC_OFFICER_ROLE")].filter((k) => enforcers.has(k) && k !== safe.toLowerCase()).sort();
}
