/**
 * Shared machinery of the model-based invariant tests (fast-check `fc.commands` against the real
 * contracts on the in-process Hardhat chain):
 *
 * - run settings: a fixed seed by default, `FC_SEED`, `FC_NUM_RUNS`, `FC_MAX_COMMANDS` and
 *   `FC_PATH` (replay of one counterexample) from the environment; the seed is printed first and a
 *   failure is rethrown with the command line that reproduces it;
 * - exact block times: every transaction of a command is mined at a timestamp the test chose
 *   (`evm_setNextBlockTimestamp`) with an explicit gas limit, so a reverting transaction is mined
 *   too (no gas estimation at another timestamp) and the model knows `block.timestamp` exactly;
 * - outcomes: a transaction's result is success, or the decoded custom error (name and arguments),
 *   which the model's prediction must equal;
 * - state reads: every view call of a check in one `eth_call` (ReadBatchMock, {@link readAll}), each
 *   decoded as the contract method itself would return it.
 */
import { expect } from "chai";
import fc from "fast-check";
import hre, { network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract, BlockTag, ContractTransactionResponse, Interface } from "ethers";
import type { DefaultReturnType, TypedContractMethod } from "../../typechain-types/common";
import type { ReadBatchMock } from "../../typechain-types";

/** Explicit gas limit: no estimation, so a reverting transaction is mined at the chosen time. */
export const GAS = 10_000_000n; // room for solidity-coverage instrumentation

export interface RunSettings {
  seed: number;
  numRuns: number;
  maxCommands: number;
  path?: string;
}

/**
 * The run settings of a property: fixed defaults, overridden by the environment. Under
 * solidity-coverage (instrumented, several times slower) the default number of runs is divided.
 */
export function runSettings(defaults: { seed: number; numRuns: number; maxCommands: number }): RunSettings {
  const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
  const fromEnv = (name: string): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    seed: fromEnv("FC_SEED") ?? defaults.seed,
    numRuns: fromEnv("FC_NUM_RUNS") ?? (coverage ? Math.max(2, Math.ceil(defaults.numRuns / 5)) : defaults.numRuns),
    maxCommands: fromEnv("FC_MAX_COMMANDS") ?? defaults.maxCommands,
    path: process.env.FC_PATH || undefined,
  };
}

/**
 * Runs `property` with `settings`, printing the seed first. On failure the error names the seed,
 * the number of runs and fast-check's report (counterexample commands and path).
 */
export async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  label: string,
  property: fc.IAsyncPropertyWithHooks<Ts>,
  settings: RunSettings,
  file: string,
): Promise<void> {
  // The seed is printed on purpose: it is what reproduces a failure.
  console.log(
    `      [${label}] seed ${settings.seed}, ${settings.numRuns} runs, up to ${settings.maxCommands} commands` +
      (settings.path ? `, replaying path ${settings.path}` : ""),
  );
  const started = Date.now();
  outcomeCounts.clear();
  try {
    await fc.assert(property, {
      seed: settings.seed,
      numRuns: settings.numRuns,
      path: settings.path,
      verbose: fc.VerbosityLevel.Verbose,
      endOnFailure: process.env.FC_SHRINK === "false",
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(
      `[${label}] invariant broken. Reproduce with: FC_SEED=${settings.seed} FC_NUM_RUNS=${settings.numRuns} ` +
        `npx hardhat test ${file} (add FC_PATH=<path below> to replay only the counterexample)\n${message}`,
      { cause: err },
    );
  }
  console.log(`      [${label}] ${settings.numRuns} runs passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.FC_STATS === "true") {
    const lines = [...outcomeCounts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `        ${k}: ${n}`);
    console.log(`      [${label}] outcomes (command -> result: count)\n${lines.join("\n")}`);
  }
}

/** A transaction's result: success, or a decoded custom error. */
export type Outcome = { ok: true } | { ok: false; error: string; args: string[] };

export const ok: Outcome = { ok: true };

/** The expected revert `name(args...)`; arguments compared as strings (addresses lowercase). */
export function err(name: string, ...args: unknown[]): Outcome {
  return { ok: false, error: name, args: args.map(normalize) };
}

function normalize(value: unknown): string {
  if (typeof value === "string") return value.toLowerCase();
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return value.toString();
  return String(value);
}

export function describeOutcome(o: Outcome): string {
  return o.ok ? "success" : `${o.error}(${o.args.join(", ")})`;
}

/** The revert data carried by a Hardhat / ethers error, if any. */
function revertData(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const cur = queue.shift();
    if (cur === null || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const rec = cur as Record<string, unknown>;
    const data = rec.data;
    if (typeof data === "string" && data.startsWith("0x")) return data;
    if (data && typeof data === "object") {
      const inner = (data as Record<string, unknown>).data;
      if (typeof inner === "string" && inner.startsWith("0x")) return inner;
    }
    for (const key of ["error", "info", "cause", "parent"]) queue.push(rec[key]);
  }
  return undefined;
}

/**
 * Mines `send` at `timestamp` and returns its outcome. The error is decoded with the first of
 * `interfaces` that knows it; an undecodable failure is thrown (it is a harness or chain problem).
 */
export async function mineAt(
  timestamp: bigint,
  send: () => Promise<ContractTransactionResponse>,
  interfaces: Interface[],
): Promise<Outcome> {
  await network.provider.send("evm_setNextBlockTimestamp", [Number(timestamp)]);
  try {
    const tx = await send();
    await tx.wait();
    return ok;
  } catch (e) {
    const data = revertData(e);
    if (data === undefined) throw e;
    for (const iface of interfaces) {
      const parsed = iface.parseError(data);
      if (parsed) return { ok: false, error: parsed.name, args: parsed.args.map(normalize) };
    }
    throw new Error(`undecodable revert data ${data}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The timestamp the next transaction gets when mined with {@link mineAt} right after the latest block. */
export async function nextTimestamp(): Promise<bigint> {
  return BigInt(await time.latest()) + 1n;
}

/** How often each command ended in each outcome during the current property (printed at the end). */
const outcomeCounts = new Map<string, number>();

/** Asserts that the chain's outcome is the model's prediction. */
export function expectOutcome(actual: Outcome, expected: Outcome, what: string): void {
  const label = `${what.split(" ")[0]} -> ${actual.ok ? "ok" : actual.error}`;
  outcomeCounts.set(label, (outcomeCounts.get(label) ?? 0) + 1);
  expect(describeOutcome(actual), `${what}: chain vs model`).to.equal(describeOutcome(expected));
}

/** Picks `parts/1000` of `total` (floor), for amounts generated before the state is known. */
export function part(total: bigint, perMille: number): bigint {
  return (total * BigInt(perMille)) / 1000n;
}

/** Short printable name of an address among labeled actors. */
export function labeler(labels: Record<string, string>): (address: string) => string {
  const byAddress = new Map(Object.entries(labels).map(([name, address]) => [address.toLowerCase(), name]));
  return (address: string) => byAddress.get(address.toLowerCase()) ?? address;
}

/** JSON with bigints, for command labels in counterexamples. */
export function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

/**
 * One model command: `body` predicts the outcome from the model, runs it on the chain, compares
 * and updates the model; `after` then checks the invariants. `guard` filters commands that make
 * no sense in a state (fast-check skips them).
 */
export class ModelCommand<M extends object, R> implements fc.AsyncCommand<M, R> {
  constructor(
    readonly name: string,
    readonly params: object,
    private readonly body: (m: M, r: R) => Promise<void>,
    private readonly after: (m: M, r: R, name: string, before: M) => Promise<void>,
    private readonly clone: (m: M) => M,
    private readonly guard?: (m: Readonly<M>) => boolean,
  ) {}

  check(m: Readonly<M>): boolean {
    return this.guard ? this.guard(m) : true;
  }

  async run(m: M, r: R): Promise<void> {
    const before = this.clone(m);
    await this.body(m, r);
    await this.after(m, r, this.name, before);
  }

  toString(): string {
    return `${this.name}${show(this.params)}`;
  }
}

/** How an amount is chosen relative to a bound known only at run time. */
export type AmountKind = "part" | "all" | "over" | "zero";
export interface AmountChoice {
  kind: AmountKind;
  perMille: number;
}

export const amountArb: fc.Arbitrary<AmountChoice> = fc.record({
  kind: fc.constantFrom<AmountKind>("part", "part", "part", "all", "over", "zero"),
  perMille: fc.integer({ min: 1, max: 1000 }),
});

/** The amount `choice` picks relative to `bound`. */
export function pick(bound: bigint, choice: AmountChoice): bigint {
  switch (choice.kind) {
    case "part":
      return part(bound, choice.perMille);
    case "all":
      return bound;
    case "over":
      return bound + 1n + BigInt(choice.perMille % 7);
    case "zero":
      return 0n;
  }
}

// ------------------------------------------------------------------ state reads

/** One view call of a batch: its target, its calldata and how the method decodes its return data. */
export interface ViewCall<R> {
  target: string;
  data: string;
  decode(returned: string): R;
}

/** `contract.method(...args)` as one call of a batch ({@link readAll}), typed as the method's own return. */
export function view<A extends unknown[], R>(
  contract: BaseContract,
  method: TypedContractMethod<A, R, "view">,
  ...args: A
): ViewCall<DefaultReturnType<R>> {
  const fragment = method.fragment;
  return {
    target: contract.target as string,
    data: contract.interface.encodeFunctionData(fragment, args),
    decode(returned) {
      // as ethers' contract method: a single output is returned alone, several as the Result
      const result = contract.interface.decodeFunctionResult(fragment, returned);
      return (result.length === 1 ? result[0] : result) as DefaultReturnType<R>;
    },
  };
}

/** Named reads: one call or a list of calls per name. */
export type ReadShape = Record<string, ViewCall<unknown> | readonly ViewCall<unknown>[]>;
export type ReadValues<S extends ReadShape> = {
  [K in keyof S]: S[K] extends ViewCall<infer R> ? R : S[K] extends readonly ViewCall<infer R>[] ? R[] : never;
};

/**
 * Runs every call of `shape` in one `eth_call` of the ReadBatchMock (at `blockTag`, default latest) and returns their
 * values by the same names: one round trip to the chain instead of one per call (a check reads dozens of values after
 * every command).
 */
export async function readAll<S extends ReadShape>(
  batch: ReadBatchMock,
  shape: S,
  blockTag?: BlockTag,
): Promise<ReadValues<S>> {
  const calls = Object.values(shape).flatMap((c) => (Array.isArray(c) ? c : [c as ViewCall<unknown>]));
  const returned = await batch.read(
    calls.map((c) => c.target),
    calls.map((c) => c.data),
    blockTag === undefined ? {} : { blockTag },
  );
  let at = 0;
  const next = (c: ViewCall<unknown>): unknown => c.decode(returned[at++]);
  const out: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(shape))
    out[name] = Array.isArray(c) ? c.map(next) : next(c as ViewCall<unknown>);
  return out as ReadValues<S>;
}
