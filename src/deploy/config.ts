/**
 * Deployment configuration: one JSON file per network under deploy/config/<network>.json,
 * validated here with errors that name the file and the field. Secrets never appear in it.
 *
 * Addresses may be written as:
 *   - a 0x address (checksummed or lower case),
 *   - "@safe" for the reserve Safe (created or existing),
 *   - "@account:N" for the N-th local test account (only on hardhat / localhost).
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress, isAddress } from "ethers";

export const LOCAL_NETWORKS = ["hardhat", "localhost"] as const;

export type AddressRef = string;

export interface StablecoinConfig {
  name: string;
  symbol: string;
  decimals: number;
  /** Maximum age (seconds) of the SOM_RESERVES report for a mint to go through. */
  maxReserveAge: number;
}

export interface NewSafeConfig {
  owners: AddressRef[];
  threshold: number;
  /** Salt for the proxy factory, so a resumed deployment finds the same Safe. */
  saltNonce: string;
}

export interface ExistingSafeConfig {
  address: AddressRef;
}

export type ReserveSafeConfig = NewSafeConfig | ExistingSafeConfig;

export interface SubjectConfig {
  /** Maximum age (seconds) of a report for this subject. */
  maxAge: number;
  /** Maximum move between consecutive reports, in basis points (0 = unbounded). */
  maxChangeBps: number;
}

export interface AttestationConfig {
  attestors: AddressRef[];
  threshold: number;
  valueDecimals: number;
  /** Allowed clock skew for asOf in the future (seconds). */
  maxFutureSkew: number;
  somReserves: SubjectConfig;
  /** Default config for asset valuation subjects. */
  assetValuation: SubjectConfig;
}

export interface MinterConfig {
  address: AddressRef;
  /** Allowance in token base units (decimal string). */
  allowance: string;
  /** Refilling rate limit on the supply controller, in token base units (decimal strings). */
  rateLimit: { capacity: string; refillPerSecond: string };
}

/** Role name -> holders, per contract. The reserve Safe always receives the admin role. */
export type RoleAssignments = Record<string, AddressRef[]>;

export interface RolesConfig {
  stablecoin: RoleAssignments;
  /** Roles on the SomSupplyController (the token's only minter): MINTER_ADMIN_ROLE, UPGRADER_ROLE. */
  supplyController: RoleAssignments;
  attestation: RoleAssignments;
  identity: RoleAssignments;
  assetFactory: RoleAssignments;
}

export interface DeployConfig {
  /** The file this config was read from (for messages). */
  file: string;
  network: string;
  chainId: number;
  /** Delay (seconds) of the two-step default-admin transfer on every upgradeable contract. */
  adminTransferDelay: number;
  stablecoin: StablecoinConfig;
  reserveSafe: ReserveSafeConfig;
  attestation: AttestationConfig;
  minters: MinterConfig[];
  roles: RolesConfig;
  /** Other ERC-20 tokens the reserve holds, listed in the reserve report. */
  otherReserveTokens: AddressRef[];
  /** Verify sources on the explorer when an API key is configured. */
  verify: boolean;
}

export class DeployConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = "DeployConfigError";
  }
}

export function isNewSafe(cfg: ReserveSafeConfig): cfg is NewSafeConfig {
  return (cfg as NewSafeConfig).owners !== undefined;
}

export function configPath(root: string, network: string): string {
  return path.join(root, "deploy", "config", `${network}.json`);
}

type Json = Record<string, unknown>;

function join(field: string, key: string): string {
  return field === "" ? key : `${field}.${key}`;
}

class Reader {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw new DeployConfigError(this.file, field, problem);
  }

  obj(v: unknown, field: string): Json {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(field, "must be an object");
    return v as Json;
  }

  str(o: Json, key: string, field: string): string {
    const v = o[key];
    if (typeof v !== "string" || v.trim() === "") this.fail(join(field, key), "must be a non-empty string");
    return v;
  }

  int(o: Json, key: string, field: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(join(field, key), `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  bool(o: Json, key: string, field: string, dflt: boolean): boolean {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v !== "boolean") this.fail(join(field, key), "must be true or false");
    return v;
  }

  uintString(o: Json, key: string, field: string): string {
    const v = o[key];
    if (typeof v !== "string" || !/^(0|[1-9][0-9]*)$/.test(v)) {
      this.fail(join(field, key), `must be a decimal integer string (base units), got ${JSON.stringify(v)}`);
    }
    return v;
  }

  address(v: unknown, field: string, local: boolean): AddressRef {
    if (typeof v !== "string") this.fail(field, "must be an address string");
    if (v === "@safe") return v;
    const account = /^@account:(\d+)$/.exec(v);
    if (account) {
      if (!local) this.fail(field, `"${v}" (a local test account) is only allowed on ${LOCAL_NETWORKS.join(" / ")}`);
      return v;
    }
    if (/^0x[0-9a-fA-F]{40}$/.test(v) && !isAddress(v)) this.fail(field, `"${v}" has a wrong checksum`);
    if (!isAddress(v)) this.fail(field, `"${v}" is not an address (use 0x..., "@safe" or "@account:N")`);
    return getAddress(v);
  }

  addresses(o: Json, key: string, field: string, local: boolean, allowEmpty: boolean): AddressRef[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(join(field, key), "must be an array of addresses");
    if (!allowEmpty && v.length === 0) this.fail(join(field, key), "must not be empty");
    const out = v.map((a, i) => this.address(a, `${join(field, key)}[${i}]`, local));
    const seen = new Set<string>();
    out.forEach((a, i) => {
      const k = a.toLowerCase();
      if (seen.has(k)) this.fail(`${join(field, key)}[${i}]`, `duplicate address ${a}`);
      seen.add(k);
    });
    return out;
  }
}

const MAX_AGE = 366 * 24 * 3600;

function readSubject(r: Reader, o: Json, field: string): SubjectConfig {
  return { maxAge: r.int(o, "maxAge", field, 1, MAX_AGE), maxChangeBps: r.int(o, "maxChangeBps", field, 0, 10_000) };
}

function readRoles(r: Reader, o: Json, field: string, local: boolean): RoleAssignments {
  const out: RoleAssignments = {};
  for (const role of Object.keys(o)) {
    if (!/^[A-Z][A-Z0-9_]*_ROLE$/.test(role)) r.fail(`${field}.${role}`, "role names look like MINTER_ROLE");
    if (role === "DEFAULT_ADMIN_ROLE") r.fail(`${field}.${role}`, "the admin role always goes to the reserve Safe; do not assign it");
    out[role] = r.addresses(o, role, field, local, true);
  }
  return out;
}

/** Validates parsed JSON into a {@link DeployConfig}; throws {@link DeployConfigError} naming the field. */
export function parseDeployConfig(raw: unknown, file: string, network: string): DeployConfig {
  const r = new Reader(file);
  const o = r.obj(raw, "");
  const local = (LOCAL_NETWORKS as readonly string[]).includes(network);
  const cfgNetwork = r.str(o, "network", "");
  if (cfgNetwork !== network) r.fail("network", `is "${cfgNetwork}" but the command runs on --network ${network}`);
  const chainId = r.int(o, "chainId", "", 1, Number.MAX_SAFE_INTEGER);

  const sc = r.obj(o.stablecoin, "stablecoin");
  const stablecoin: StablecoinConfig = {
    name: r.str(sc, "name", "stablecoin"),
    symbol: r.str(sc, "symbol", "stablecoin"),
    decimals: r.int(sc, "decimals", "stablecoin", 0, 18),
    maxReserveAge: r.int(sc, "maxReserveAge", "stablecoin", 1, MAX_AGE),
  };

  const rs = r.obj(o.reserveSafe, "reserveSafe");
  let reserveSafe: ReserveSafeConfig;
  if (rs.address !== undefined) {
    if (rs.owners !== undefined) r.fail("reserveSafe", 'give either "address" (existing Safe) or "owners"/"threshold", not both');
    const address = r.address(rs.address, "reserveSafe.address", local);
    if (address === "@safe") r.fail("reserveSafe.address", "must be a real address");
    reserveSafe = { address };
  } else {
    const owners = r.addresses(rs, "owners", "reserveSafe", local, false);
    if (owners.includes("@safe")) r.fail("reserveSafe.owners", "the Safe cannot own itself");
    const threshold = r.int(rs, "threshold", "reserveSafe", 1, owners.length);
    const saltNonce = r.uintString(rs, "saltNonce", "reserveSafe");
    reserveSafe = { owners, threshold, saltNonce };
  }

  const at = r.obj(o.attestation, "attestation");
  const attestors = r.addresses(at, "attestors", "attestation", local, false);
  const attestation: AttestationConfig = {
    attestors,
    threshold: r.int(at, "threshold", "attestation", 1, attestors.length),
    valueDecimals: r.int(at, "valueDecimals", "attestation", 0, 36),
    maxFutureSkew: r.int(at, "maxFutureSkew", "attestation", 0, 3600),
    somReserves: readSubject(r, r.obj(at.somReserves, "attestation.somReserves"), "attestation.somReserves"),
    assetValuation: readSubject(r, r.obj(at.assetValuation, "attestation.assetValuation"), "attestation.assetValuation"),
  };

  if (!Array.isArray(o.minters)) r.fail("minters", "must be an array");
  const minters = (o.minters as unknown[]).map((m, i) => {
    const mo = r.obj(m, `minters[${i}]`);
    const field = `minters[${i}]`;
    const allowance = r.uintString(mo, "allowance", field);
    if (BigInt(allowance) >= 1n << 128n) r.fail(`${field}.allowance`, "must be below 2**128");
    const rl = r.obj(mo.rateLimit, `${field}.rateLimit`);
    const capacity = r.uintString(rl, "capacity", `${field}.rateLimit`);
    const refillPerSecond = r.uintString(rl, "refillPerSecond", `${field}.rateLimit`);
    if (BigInt(capacity) === 0n || BigInt(capacity) >= 1n << 88n) r.fail(`${field}.rateLimit.capacity`, "must be at least 1 and below 2**88");
    if (BigInt(refillPerSecond) >= 1n << 88n) r.fail(`${field}.rateLimit.refillPerSecond`, "must be below 2**88");
    return {
      address: r.address(mo.address, `${field}.address`, local),
      allowance,
      rateLimit: { capacity, refillPerSecond },
    };
  });

  const ro = r.obj(o.roles, "roles");
  const roles: RolesConfig = {
    stablecoin: readRoles(r, r.obj(ro.stablecoin, "roles.stablecoin"), "roles.stablecoin", local),
    supplyController: readRoles(r, r.obj(ro.supplyController, "roles.supplyController"), "roles.supplyController", local),
    attestation: readRoles(r, r.obj(ro.attestation, "roles.attestation"), "roles.attestation", local),
    identity: readRoles(r, r.obj(ro.identity, "roles.identity"), "roles.identity", local),
    assetFactory: readRoles(r, r.obj(ro.assetFactory, "roles.assetFactory"), "roles.assetFactory", local),
  };
  if (roles.stablecoin.MINTER_ROLE !== undefined) {
    r.fail("roles.stablecoin.MINTER_ROLE", 'minters are configured with allowances under "minters", not as a role');
  }
  if (roles.stablecoin.MINTER_ADMIN_ROLE !== undefined) {
    r.fail("roles.stablecoin.MINTER_ADMIN_ROLE", 'the minter admin is a role of the supply controller: put it under "roles.supplyController"');
  }

  return {
    file,
    network,
    chainId,
    adminTransferDelay: r.int(o, "adminTransferDelay", "", 0, 30 * 24 * 3600),
    stablecoin,
    reserveSafe,
    attestation,
    minters,
    roles,
    otherReserveTokens: o.otherReserveTokens === undefined ? [] : r.addresses(o, "otherReserveTokens", "", local, true),
    verify: r.bool(o, "verify", "", !local),
  };
}

/** Reads and validates deploy/config/<network>.json. */
export function loadDeployConfig(root: string, network: string): DeployConfig {
  const file = configPath(root, network);
  if (!fs.existsSync(file)) {
    const example = path.join(root, "deploy", "config", `${network}.example.json`);
    const from = fs.existsSync(example) ? `copy ${path.relative(root, example)} to ${path.relative(root, file)} and fill in the addresses` : "create it like deploy/config/hardhat.json";
    throw new DeployConfigError(path.relative(root, file), "(file)", `no deployment configuration for network "${network}"; ${from}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DeployConfigError(file, "(file)", `is not valid JSON: ${(e as Error).message}`);
  }
  return parseDeployConfig(raw, path.relative(root, file), network);
}
