/**
 * The watcher's configuration (`--config <file>`), read through the project's one schema reader
 * (src/chain/schema.ts): every field optional, unknown fields refused; what is not given takes the defaults below
 * (confirmations 0 on local chains, 12 elsewhere). docs/watch.md documents every field.
 */
import path from "node:path";
import { UserError } from "../chain/errors";
import { decimalString, readJsonFile, z } from "../chain/schema";

/** A configuration that cannot run (a missing secret, a bad webhook). */
export class WatchConfigError extends UserError {}

export const WEBHOOK_FORMATS = ["generic", "slack", "telegram"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The environment variable holding the HMAC secret of webhooks that name none. */
export const DEFAULT_SECRET_ENV = "SOM_WATCH_WEBHOOK_SECRET";

const positiveInt = z.number().int("expected a whole number").positive("expected a number > 0");
const nonNegative = z.number().int("expected a whole number").nonnegative("expected a number ≥ 0");

const webhookSchema = z
  .strictObject({
    url: z.string().url().optional(),
    urlEnv: z.string().min(1).optional(),
    format: z.enum(WEBHOOK_FORMATS).optional(),
    secretEnv: z.string().min(1).optional(),
    telegramChatId: z.string().min(1).optional(),
    retries: z.number().int().min(0).max(20).optional(),
    backoffMs: z.number().int().min(1).max(600_000).optional(),
  })
  .refine((w) => (w.url === undefined) !== (w.urlEnv === undefined), {
    message: "give exactly one of url and urlEnv",
  });

export const watchConfigSchema = z.strictObject({
  confirmations: nonNegative.max(1000).optional(),
  rangeSize: positiveInt.max(100_000).optional(),
  pollSeconds: z.number().positive().max(3600).optional(),
  rpcTimeoutSeconds: z.number().positive().max(600).optional(),
  outageAlertSeconds: z.number().positive().max(86_400).optional(),
  maxBackoffSeconds: z.number().positive().max(3600).optional(),
  proposalsDir: z.string().min(1).optional(),
  stateFile: z.string().min(1).optional(),
  deadLetterFile: z.string().min(1).optional(),
  outflowAlertAmount: decimalString.optional(),
  minterLowPercent: z.number().min(0).max(100).optional(),
  reserveAgeWarnPercent: z.number().min(0).max(100).optional(),
  licenceWarnDays: nonNegative.max(3650).optional(),
  webhooks: z.array(webhookSchema).optional(),
});
export type WatchConfigFile = z.output<typeof watchConfigSchema>;

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
  secretEnv: string;
  telegramChatId?: string;
  retries: number;
  backoffMs: number;
}

/** The resolved settings of one run. */
export interface WatchSettings {
  confirmations: number;
  rangeSize: number;
  pollMs: number;
  rpcTimeoutMs: number;
  outageAlertMs: number;
  maxBackoffMs: number;
  proposalsDir: string;
  stateFile: string;
  deadLetterFile: string;
  /** Base units of the stablecoin: a transfer out of the reserve Safe of at least this much alerts. */
  outflowAlertAmount: bigint;
  minterLowPercent: number;
  reserveAgeWarnPercent: number;
  licenceWarnDays: number;
  webhooks: WebhookTarget[];
}

export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

/** Reads `--config <file>` (undefined: every default). */
export function readWatchConfig(file: string | undefined): WatchConfigFile {
  return file === undefined ? {} : readJsonFile(file, watchConfigSchema);
}

/** Defaults applied, paths resolved against `cwd`; `stateDir` is deployments/<network>/.som of the records root. */
export function resolveSettings(
  c: WatchConfigFile,
  o: { chainId: number; stateDir: string; cwd: string; webhookUrls: readonly string[]; env: NodeJS.ProcessEnv },
): WatchSettings {
  const local = LOCAL_CHAIN_IDS.includes(o.chainId);
  const fromFile = (c.webhooks ?? []).map((w) => ({
    url: w.url ?? o.env[w.urlEnv ?? ""] ?? "",
    urlEnv: w.urlEnv,
    format: w.format ?? "generic",
    secretEnv: w.secretEnv ?? DEFAULT_SECRET_ENV,
    telegramChatId: w.telegramChatId,
    retries: w.retries ?? 5,
    backoffMs: w.backoffMs ?? 500,
  }));
  const fromFlags = o.webhookUrls.map((url) => ({
    url,
    urlEnv: undefined,
    format: "generic" as const,
    secretEnv: DEFAULT_SECRET_ENV,
    telegramChatId: undefined,
    retries: 5,
    backoffMs: 500,
  }));
  const webhooks = [...fromFile, ...fromFlags].map(({ urlEnv, ...w }) => {
    if (w.url === "") throw new WatchConfigError(`webhook url: the environment variable ${urlEnv} is not set`);
    if (!/^https?:\/\//.test(w.url)) throw new WatchConfigError(`webhook url ${w.url}: expected http:// or https://`);
    if (!o.env[w.secretEnv]) {
      throw new WatchConfigError(
        `webhook ${w.url}: the environment variable ${w.secretEnv} (its HMAC secret) is not set`,
      );
    }
    if (w.format === "telegram" && !w.telegramChatId) {
      throw new WatchConfigError(`webhook ${w.url}: format telegram needs telegramChatId`);
    }
    return w;
  });
  const resolve = (p: string | undefined, dflt: string): string => (p ? path.resolve(o.cwd, p) : dflt);
  return {
    confirmations: c.confirmations ?? (local ? 0 : 12),
    rangeSize: c.rangeSize ?? 2_000,
    pollMs: Math.round((c.pollSeconds ?? (local ? 1 : 12)) * 1000),
    rpcTimeoutMs: Math.round((c.rpcTimeoutSeconds ?? 15) * 1000),
    outageAlertMs: Math.round((c.outageAlertSeconds ?? 60) * 1000),
    maxBackoffMs: Math.round((c.maxBackoffSeconds ?? 30) * 1000),
    proposalsDir: resolve(c.proposalsDir, path.resolve(o.cwd, "proposals")),
    stateFile: resolve(c.stateFile, path.join(o.stateDir, "watch-state.json")),
    deadLetterFile: resolve(c.deadLetterFile, path.join(o.stateDir, "watch-dead-letter.jsonl")),
    outflowAlertAmount: BigInt(c.outflowAlertAmount ?? "100000000"),
    minterLowPercent: c.minterLowPercent ?? 10,
    reserveAgeWarnPercent: c.reserveAgeWarnPercent ?? 80,
    licenceWarnDays: c.licenceWarnDays ?? 30,
    webhooks,
  };
}
