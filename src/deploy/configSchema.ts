/**
 * The schema of a deployment configuration (deploy/config/<network>.json; the types and the reader are
 * in ./config.ts): one zod schema, every object strict (a field the schema does not list is an error in
 * every config file, with a suggestion), with the rules between fields.
 */
import { ZeroAddress, getAddress, isAddress } from "ethers";
import { addIssue, z } from "../chain/schema";
import { PUBLIC_NETWORKS } from "../chain/networks";
import { parseGuardConfig } from "../guard/config";
import { PUBLIC_DEFAULT_DELAY_SECONDS } from "../guard/calls";
import { DELAYED_ROLES } from "../guard/classification";
import { COUNTERPARTY_CATEGORIES } from "../market/constants";

export const LOCAL_NETWORKS = ["hardhat", "localhost"] as const;

/** The chain id a network name stands for, when the project knows it. */
export function knownChainId(network: string): number | undefined {
  if ((LOCAL_NETWORKS as readonly string[]).includes(network)) return 31337;
  return PUBLIC_NETWORKS.find((n) => n.name === network)?.chainId;
}

const MAX_AGE = 366 * 24 * 3600;
/** Safe's linked-list sentinel: never an owner. */
const SENTINEL = "0x0000000000000000000000000000000000000001";

const intIn = (min: number, max: number) =>
  z.custom<number>((v) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) => `must be an integer from ${min} to ${max}, got ${JSON.stringify(iss.input)}`,
  });
/** Any integer; the range is checked against other fields (a threshold against its list). */
const anyInt = z.custom<number>((v) => typeof v === "number" && Number.isInteger(v), {
  error: (iss) => `must be an integer, got ${JSON.stringify(iss.input)}`,
});
const nonEmpty = z.custom<string>((v) => typeof v === "string" && v.trim() !== "", {
  error: "must be a non-empty string",
});
const uintString = z.custom<string>((v) => typeof v === "string" && /^(0|[1-9][0-9]*)$/.test(v), {
  error: (iss) => `must be a decimal integer string (base units), got ${JSON.stringify(iss.input)}`,
});

/** "0x…" (checksum checked), "@safe", or "@account:N" (local networks only); checksummed on output. */
function addressRef(local: boolean) {
  return z
    .unknown()
    .superRefine((v, ctx) => {
      if (typeof v !== "string") return addIssue(ctx, [], "must be an address string");
      if (v === "@safe") return;
      if (/^@account:\d+$/.test(v)) {
        if (!local) addIssue(ctx, [], `"${v}" (a local test account) is only allowed on ${LOCAL_NETWORKS.join(" / ")}`);
        return;
      }
      if (/^0x[0-9a-fA-F]{40}$/.test(v) && !isAddress(v)) return addIssue(ctx, [], `"${v}" has a wrong checksum`);
      if (!isAddress(v)) return addIssue(ctx, [], `"${v}" is not an address (use 0x..., "@safe" or "@account:N")`);
      if (getAddress(v) === ZeroAddress) addIssue(ctx, [], "the zero address cannot hold anything");
    })
    .transform((v) => (typeof v === "string" && v.startsWith("0x") ? getAddress(v) : (v as string)));
}

function addressList(local: boolean, allowEmpty: boolean) {
  return z.array(addressRef(local)).superRefine((list, ctx) => {
    if (!allowEmpty && list.length === 0) addIssue(ctx, [], "must not be empty");
    const seen = new Set<string>();
    list.forEach((a, i) => {
      const k = a.toLowerCase();
      if (seen.has(k)) addIssue(ctx, [i], `duplicate address ${a}`);
      seen.add(k);
    });
  });
}

function rolesSchema(local: boolean) {
  return z.record(z.string(), addressList(local, true)).superRefine((roles, ctx) => {
    for (const role of Object.keys(roles)) {
      if (!/^[A-Z][A-Z0-9_]*_ROLE$/.test(role)) addIssue(ctx, [role], "role names look like MINTER_ROLE");
      else if (role === "DEFAULT_ADMIN_ROLE")
        addIssue(ctx, [role], "the admin role always goes to the reserve Safe; do not assign it");
    }
  });
}

/** AttestationRegistry.MIN_THRESHOLD: the smallest attestation quorum on every network. */
export const MIN_ATTESTATION_THRESHOLD = 2;

/** `reserveSafe.guard`: checked by {@link parseGuardConfig} (src/guard/config.ts), which states the rule. */
function guardSchema(local: boolean) {
  return z.unknown().superRefine((v, ctx) => {
    try {
      parseGuardConfig(v, local, (field, problem) => {
        throw new GuardFieldError(field, problem);
      });
    } catch (e) {
      if (!(e instanceof GuardFieldError)) throw e;
      addIssue(ctx, e.field.split(".").slice(2), e.problem);
    }
  });
}

class GuardFieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** `labels`: address -> name (shown by the reserve report). */
function labelsSchema(local: boolean) {
  return z.record(z.string(), nonEmpty).superRefine((labels, ctx) => {
    for (const key of Object.keys(labels)) {
      const r = addressRef(local).safeParse(key);
      if (!r.success) addIssue(ctx, [key], r.error.issues[0]?.message ?? "must be an address");
    }
  });
}

const subjectSchema = z.strictObject({ maxAge: intIn(1, MAX_AGE), maxChangeBps: intIn(0, 10_000) });

/**
 * `reserveSafe` of a new Safe: owners (never the Safe itself or Safe's sentinel), threshold, salt, singleton, guard.
 */
function newSafeSchema(local: boolean) {
  return z
    .strictObject({
      owners: addressList(local, false),
      threshold: anyInt,
      saltNonce: uintString,
      singleton: z.enum(["Safe", "SafeL2"]).optional(),
      guard: guardSchema(local).optional(),
    })
    .superRefine((rs, ctx) => {
      rs.owners.forEach((o, i) => {
        if (o === "@safe") addIssue(ctx, ["owners", i], "the Safe cannot own itself");
        else if (o.toLowerCase() === SENTINEL)
          addIssue(ctx, ["owners", i], "0x…01 is Safe's list sentinel, not an owner");
      });
      if (rs.threshold < 1 || rs.threshold > rs.owners.length)
        addIssue(ctx, ["threshold"], `must be an integer from 1 to ${rs.owners.length}, got ${rs.threshold}`);
    });
}

/** `reserveSafe` of an existing Safe: its address, and the guard to install. */
function existingSafeSchema(local: boolean) {
  return z.strictObject({ address: addressRef(local), guard: guardSchema(local).optional() }).superRefine((rs, ctx) => {
    if (rs.address === "@safe") addIssue(ctx, ["address"], "must be a real address");
  });
}

/** `attestation`: attestors and a quorum of at least {@link MIN_ATTESTATION_THRESHOLD}, value decimals, subjects. */
function attestationSchema(local: boolean) {
  return z
    .strictObject({
      attestors: addressList(local, false),
      threshold: anyInt,
      valueDecimals: intIn(0, 36),
      maxFutureSkew: intIn(0, 3600),
      somReserves: subjectSchema,
      assetValuation: subjectSchema,
    })
    .superRefine((a, ctx) => {
      if (a.threshold < 1 || a.threshold > a.attestors.length)
        addIssue(ctx, ["threshold"], `must be an integer from 1 to ${a.attestors.length}, got ${a.threshold}`);
      else if (a.threshold < MIN_ATTESTATION_THRESHOLD) {
        addIssue(
          ctx,
          ["threshold"],
          `must be at least ${MIN_ATTESTATION_THRESHOLD}: a quorum of one is a single key ` +
            `(the registry refuses it on every network)`,
        );
      }
    });
}

/** One of `minters`: allowance and rate limit within what the supply controller stores. */
function minterSchema(local: boolean) {
  return z
    .strictObject({
      address: addressRef(local),
      allowance: uintString,
      rateLimit: z.strictObject({ capacity: uintString, refillPerSecond: uintString }),
    })
    .superRefine((m, ctx) => {
      if (BigInt(m.allowance) >= 1n << 128n) addIssue(ctx, ["allowance"], "must be below 2**128");
      if (BigInt(m.rateLimit.capacity) === 0n || BigInt(m.rateLimit.capacity) >= 1n << 88n)
        addIssue(ctx, ["rateLimit", "capacity"], "must be at least 1 and below 2**88");
      if (BigInt(m.rateLimit.refillPerSecond) >= 1n << 88n)
        addIssue(ctx, ["rateLimit", "refillPerSecond"], "must be below 2**88");
    });
}

/**
 * `roles`, per contract; on a public network delayed roles are the Safe's alone and KYC officer and enforcer differ.
 */
function rolesSectionsSchema(local: boolean) {
  return z
    .strictObject({
      stablecoin: rolesSchema(local),
      supplyController: rolesSchema(local),
      attestation: rolesSchema(local),
      identity: rolesSchema(local),
      assetFactory: rolesSchema(local),
      assets: rolesSchema(local).optional(),
    })
    .superRefine((r, ctx) => {
      if (!local) {
        // A role gating a delayed function (src/guard/classification.ts) is the Safe's alone: held by another key
        // it would skip the guard's announced delay (docs/guard.md, "Classification").
        for (const [section, roles] of Object.entries(r)) {
          for (const [role, holders] of Object.entries(roles ?? {})) {
            const why = DELAYED_ROLES[role];
            const other = why === undefined ? undefined : holders.find((h) => h !== "@safe");
            if (other !== undefined)
              addIssue(
                ctx,
                [section, role],
                `${other}: ${role} gates delayed functions (${why}); ` +
                  `on a public network only "@safe" may hold it, behind the guard's delay`,
              );
          }
        }
        // Separation of powers: one key holding both could register a sybil and force shares to it.
        const enforcers = new Set((r.assets?.ENFORCER_ROLE ?? []).map((a) => a.toLowerCase()));
        const both = (r.identity.KYC_OFFICER_ROLE ?? []).find((a) => a !== "@safe" && enforcers.has(a.toLowerCase()));
        if (both !== undefined) {
          addIssue(
            ctx,
            ["assets", "ENFORCER_ROLE"],
            `${both} is also in roles.identity.KYC_OFFICER_ROLE: ` +
              `KYC officer and asset enforcer must be different keys on a public network`,
          );
        }
      }
      if (r.stablecoin.MINTER_ROLE !== undefined) {
        addIssue(
          ctx,
          ["stablecoin", "MINTER_ROLE"],
          'minters are configured with allowances under "minters", not as a role',
        );
      }
      if (r.stablecoin.MINTER_ADMIN_ROLE !== undefined) {
        addIssue(
          ctx,
          ["stablecoin", "MINTER_ADMIN_ROLE"],
          'the minter admin is a role of the supply controller: put it under "roles.supplyController"',
        );
      }
    });
}

/** RedemptionDesk.MAX_SETTLEMENT_WINDOW. */
const MAX_SETTLEMENT_WINDOW = 365 * 24 * 3600;

const bytes32Hash = z.custom<string>(
  (v) => typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v) && !/^0x0+$/.test(v),
  {
    error: (iss) => `must be a non-zero 32-byte hash (0x and 64 hex digits), got ${JSON.stringify(iss.input)}`,
  },
);
const day = z.custom<string>(
  (v) =>
    typeof v === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v,
  { error: (iss) => `must be a date YYYY-MM-DD, got ${JSON.stringify(iss.input)}` },
);
const category = z.enum(COUNTERPARTY_CATEGORIES, {
  error: (iss) => `must be one of ${COUNTERPARTY_CATEGORIES.join(", ")}, got ${JSON.stringify(iss.input)}`,
});

/** `market`: the regulator, the desk's settlement window, minimum capital per category, initial licences. */
function marketSchema(local: boolean) {
  return z
    .strictObject({
      regulator: addressRef(local),
      settlementWindow: intIn(1, MAX_SETTLEMENT_WINDOW),
      minimumCapital: z.partialRecord(category, uintString).optional(),
      counterparties: z
        .array(
          z.strictObject({
            address: addressRef(local),
            name: nonEmpty,
            category,
            licenceNumber: nonEmpty,
            licenceExpiry: day,
            declaredCapital: uintString,
            capitalDocHash: bytes32Hash,
          }),
        )
        .optional(),
    })
    .superRefine((m, ctx) => {
      if (m.regulator === "@safe")
        addIssue(ctx, ["regulator"], "the regulator is a key of its own, not the reserve Safe (docs/roles-market.md)");
      const seen = new Set<string>();
      (m.counterparties ?? []).forEach((c, i) => {
        if (c.address === "@safe")
          addIssue(ctx, ["counterparties", i, "address"], "the reserve Safe is no counterparty");
        const k = c.address.toLowerCase();
        if (seen.has(k)) addIssue(ctx, ["counterparties", i, "address"], `duplicate counterparty ${c.address}`);
        seen.add(k);
        const minimum = m.minimumCapital?.[c.category];
        if (minimum !== undefined && BigInt(c.declaredCapital) < BigInt(minimum))
          addIssue(
            ctx,
            ["counterparties", i, "declaredCapital"],
            `is ${c.declaredCapital}, below the minimum capital of ${c.category} (${minimum})`,
          );
      });
    });
}

/**
 * The schema of deploy/config/<network>.json for `network` (local networks accept "@account:N").
 * Every object is strict: unknown fields are errors ("did you mean …?"). `existingSafe` selects the
 * reserve Safe's shape: `{ address }` (an existing Safe) or `{ owners, threshold, saltNonce }`.
 */
export function deployConfigSchema(network: string, existingSafe = false) {
  const local = (LOCAL_NETWORKS as readonly string[]).includes(network);
  return z
    .strictObject({
      network: nonEmpty,
      chainId: intIn(1, Number.MAX_SAFE_INTEGER),
      adminTransferDelay: intIn(0, 30 * 24 * 3600),
      stablecoin: z.strictObject({
        name: nonEmpty,
        symbol: nonEmpty,
        decimals: intIn(0, 18),
        maxReserveAge: intIn(1, MAX_AGE),
      }),
      reserveSafe: existingSafe ? existingSafeSchema(local) : newSafeSchema(local),
      attestation: attestationSchema(local),
      minters: z.array(minterSchema(local)),
      roles: rolesSectionsSchema(local),
      otherReserveTokens: addressList(local, true).optional(),
      verify: z.boolean().optional(),
      labels: labelsSchema(local).optional(),
      market: marketSchema(local).optional(),
    })
    .superRefine((c, ctx) => {
      if (c.network !== network)
        addIssue(ctx, ["network"], `is "${c.network}" but the command runs on --network ${network}`);
      const rawGuard = (c.reserveSafe as { guard?: unknown }).guard;
      const guardDelay =
        typeof rawGuard === "object" &&
        rawGuard !== null &&
        typeof (rawGuard as { delaySeconds?: unknown }).delaySeconds === "number"
          ? (rawGuard as { delaySeconds: number }).delaySeconds
          : PUBLIC_DEFAULT_DELAY_SECONDS;
      if (!local && c.adminTransferDelay < guardDelay) {
        addIssue(
          ctx,
          ["adminTransferDelay"],
          `is ${c.adminTransferDelay} s, below the reserve guard's delay of ${guardDelay} s: ` +
            `on a public network an admin transfer must wait at least as long as the guard`,
        );
      }
      const expected = knownChainId(network);
      if (expected !== undefined && c.chainId !== expected)
        addIssue(ctx, ["chainId"], `is ${c.chainId} but network ${network} is chain ${expected}`);
    });
}
