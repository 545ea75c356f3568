/**
 * Names for addresses, from the user's own trusted sources: the deployment records (contract names)
 * and the deploy config (its optional `labels` map, and the roles it assigns: custodians, attestors,
 * minters). Never from anything read off the chain.
 */
import { getAddress } from "ethers";
import type { DeployConfig } from "../deploy/config";
import { isNewSafe } from "../deploy/config";
import type { ContractRecord } from "../chain/records";
import { localAccountWallet } from "../chain/localKeys";
import type { Explorer } from "./explorer";
import type { Labelled } from "./model";

export type Labels = Map<string, string>;

function resolveRef(ref: string, safe: string | undefined): string | undefined {
  if (ref === "@safe") return safe;
  const m = /^@account:(\d+)$/.exec(ref);
  if (m) return localAccountWallet(Number(m[1])).address;
  try {
    return getAddress(ref);
  } catch {
    return undefined;
  }
}

/** Address (lower case) -> label. Config `labels` win over role names, records over both. */
export function buildLabels(
  records: readonly ContractRecord[],
  config: DeployConfig | undefined,
  safe: string | undefined,
): Labels {
  const out: Labels = new Map();
  const put = (ref: string, label: string, override = false): void => {
    const a = resolveRef(ref, safe);
    if (!a) return;
    const k = a.toLowerCase();
    if (override || !out.has(k)) out.set(k, label);
  };
  if (config) {
    if (isNewSafe(config.reserveSafe))
      config.reserveSafe.owners.forEach((o, i) => put(o, `custodian ${i + 1} (deploy config)`));
    config.attestation.attestors.forEach((a, i) => put(a, `attestor ${i + 1} (deploy config)`));
    config.minters.forEach((m, i) => put(m.address, `minter ${i + 1} (deploy config)`));
    for (const [address, label] of Object.entries(config.labels ?? {})) put(address, label, true);
  }
  for (const r of records) put(r.address, r.name, true);
  if (safe) put(safe, "reserve Safe", true);
  return out;
}

export function labelOf(labels: Labels, address: string): string | null {
  return labels.get(address.toLowerCase()) ?? null;
}

export function labelled(labels: Labels, explorer: Explorer | null, address: string): Labelled {
  const a = getAddress(address);
  return { address: a, label: labelOf(labels, a), url: explorer ? explorer.address(a) : null };
}
