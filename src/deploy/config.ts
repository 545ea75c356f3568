/**
 * Deployment configuration: one JSON file per network under deploy/config/<network>.json,
 * validated here (one zod schema, ./configSchema.ts, read with src/chain/schema.ts) with errors that name
 * the file, the line and the field; unknown fields are rejected with a suggestion. Secrets never appear in it.
 *
 * To add a setting: add it to the interfaces below and to {@link deployConfigSchema} in ./configSchema.ts
 * (strict objects: a field the schema does not list is an error in every config file).
 *
 * Addresses may be written as:
 *   - a 0x address (checksummed or lower case),
 *   - "@safe" for the reserve Safe (created or existing),
 *   - "@account:N" for the N-th local test account (only on hardhat / localhost).
 */
import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import { SchemaError, checkJsonValue, parseJsonLocated } from "../chain/schema";
import type { SchemaIssue, z } from "../chain/schema";
import { UserError } from "../chain/errors";
import { parseGuardConfig } from "../guard/config";
import type { GuardConfig } from "../guard/deploy";
import type { MarketPlan } from "../market/plan";
import { LOCAL_NETWORKS, deployConfigSchema } from "./configSchema";

export { LOCAL_NETWORKS, MIN_ATTESTATION_THRESHOLD, deployConfigSchema, knownChainId } from "./configSchema";

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
  /**
   * Safe singleton behind the proxy: "SafeL2" (events the Safe Transaction Service indexes; default on every
   * chain but Ethereum mainnet, as Safe{Wallet} does) or "Safe" (default on chain id 1).
   */
  singleton: "Safe" | "SafeL2";
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
  /** Roles given on the asset tokens the reserve creates (ENFORCER_ROLE, PAUSER_ROLE); optional. */
  assets?: RoleAssignments;
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
  /** Optional names of addresses (custodians, attestors, firms) shown by the reserve report. */
  labels?: Record<string, string>;
  /** The reserve Safe's ReserveGuard, from `reserveSafe.guard` (undefined = no guard; rule in src/guard/config.ts). */
  reserveGuard?: GuardConfig;
  /** The primary market (docs/market.md): registry, desk and distribution rule; undefined = none deployed. */
  market?: MarketPlan;
}

/** A deployment configuration mistake: names the file, the line (when known) and the field. */
export class DeployConfigError extends SchemaError {
  constructor(file: string, issues: SchemaIssue[]);
  constructor(file: string, field: string, problem: string);
  constructor(file: string, a: SchemaIssue[] | string, problem?: string) {
    super(file, typeof a === "string" ? [{ line: 0, field: a, message: problem ?? "" }] : a);
  }

  /** The field of the first problem (e.g. "reserveSafe.owners[0]"). */
  get field(): string {
    return this.issues[0]?.field ?? "(file)";
  }

  /** The file this error is about. */
  get file(): string {
    return this.source;
  }
}

/** A configuration file that is missing. */
export class MissingDeployConfigError extends UserError {}

export function isNewSafe(cfg: ReserveSafeConfig): cfg is NewSafeConfig {
  return (cfg as NewSafeConfig).owners !== undefined;
}

export function configPath(root: string, network: string): string {
  return path.join(root, "deploy", "config", `${network}.json`);
}

/** Friendlier errors for the reserve Safe: the union's two shapes produce confusing issue lists. */
function reserveSafeIssues(raw: unknown): SchemaIssue[] | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const rs = (raw as Record<string, unknown>).reserveSafe;
  if (rs === null || typeof rs !== "object" || Array.isArray(rs))
    return [{ line: 0, field: "reserveSafe", message: "must be an object" }];
  const o = rs as Record<string, unknown>;
  if (o.address !== undefined && o.owners !== undefined) {
    return [
      {
        line: 0,
        field: "reserveSafe",
        message: 'give either "address" (existing Safe) or "owners"/"threshold", not both',
      },
    ];
  }
  return undefined;
}

function validate(raw: unknown, file: string, network: string, lines: Map<string, number> = new Map()): DeployConfig {
  const early = reserveSafeIssues(raw);
  if (early) {
    const line = lines.get(JSON.stringify(["reserveSafe"])) ?? 0;
    throw new DeployConfigError(
      file,
      early.map((i) => ({ ...i, line })),
    );
  }
  // Check the Safe shape the file means (an address: an existing Safe), so the errors are about it.
  const rs = (raw as { reserveSafe?: Record<string, unknown> } | null)?.reserveSafe;
  const schema = deployConfigSchema(network, rs?.address !== undefined);
  let c: z.output<typeof schema>;
  try {
    c = checkJsonValue(raw, schema, file, lines);
  } catch (e) {
    if (e instanceof SchemaError) throw new DeployConfigError(file, e.issues);
    throw e;
  }
  return {
    file,
    network,
    chainId: c.chainId,
    adminTransferDelay: c.adminTransferDelay,
    stablecoin: c.stablecoin,
    reserveSafe:
      "owners" in c.reserveSafe
        ? {
            owners: c.reserveSafe.owners,
            threshold: c.reserveSafe.threshold,
            saltNonce: c.reserveSafe.saltNonce,
            singleton: c.reserveSafe.singleton ?? (c.chainId === 1 ? "Safe" : "SafeL2"),
          }
        : { address: c.reserveSafe.address },
    attestation: c.attestation,
    minters: c.minters,
    roles: c.roles,
    otherReserveTokens: c.otherReserveTokens ?? [],
    verify: c.verify ?? !(LOCAL_NETWORKS as readonly string[]).includes(network),
    ...(c.labels === undefined
      ? {}
      : {
          labels: Object.fromEntries(
            Object.entries(c.labels).map(([k, v]) => [k.startsWith("0x") ? getAddress(k) : k, v]),
          ),
        }),
    ...(c.market === undefined
      ? {}
      : {
          market: {
            regulator: c.market.regulator,
            settlementWindow: c.market.settlementWindow,
            minimumCapital: c.market.minimumCapital ?? {},
            counterparties: c.market.counterparties ?? [],
          },
        }),
    reserveGuard: parseGuardConfig(
      (rs as Record<string, unknown> | undefined)?.guard,
      (LOCAL_NETWORKS as readonly string[]).includes(network),
      (field, problem) => {
        throw new DeployConfigError(file, field, problem);
      },
    ),
  };
}

/** Validates parsed JSON into a {@link DeployConfig}; throws {@link DeployConfigError} naming the field. */
export function parseDeployConfig(raw: unknown, file: string, network: string): DeployConfig {
  return validate(raw, file, network);
}

/** Validates config text (errors name the line of each field). */
export function parseDeployConfigText(text: string, file: string, network: string): DeployConfig {
  const { value, lines } = parseJsonLocated(text, file);
  return validate(value, file, network, lines);
}

/** Reads and validates deploy/config/<network>.json. */
export function loadDeployConfig(root: string, network: string): DeployConfig {
  const file = configPath(root, network);
  const shown = path.relative(root, file);
  if (!fs.existsSync(file)) {
    const example = path.join(root, "deploy", "config", `${network}.example.json`);
    const from = fs.existsSync(example)
      ? `copy ${path.relative(root, example)} to ${shown} and fill in the addresses`
      : "create it like deploy/config/hardhat.json";
    throw new MissingDeployConfigError(`${shown}: no deployment configuration for network "${network}"; ${from}`);
  }
  return parseDeployConfigText(fs.readFileSync(file, "utf8"), shown, network);
}
