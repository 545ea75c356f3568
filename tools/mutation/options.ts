/** The options of `npm run mutation`; a wrong one is a {@link UserError} of one line. */
import { UserError } from "../../src/chain/errors";
import { TARGETS, findTarget } from "./targets";

export interface MutationOptions {
  /** Target contract names, in the table's order. */
  contracts: string[];
  max?: number;
  seed?: number;
  /** The CI sample: `max` mutants drawn with `seed` across the contracts. */
  sample: boolean;
  workers: number;
  /** Only these mutants (ids): rerun after a new test; their results replace the committed ones. */
  mutants: string[];
  /** Start the progress file anew (nothing is reused). */
  fresh: boolean;
  help: boolean;
  /** The progress file (default .mutation/progress.jsonl under the root; tests give their own). */
  progressFile?: string;
}

export const SAMPLE_SIZE = 40;
export const SAMPLE_SEED = 25;

export const USAGE = `usage: npm run mutation -- [--contract <name>]... [--mutant <id>]... [--max <n>] [--seed <n>]
                           [--sample] [--workers <n>] [--fresh]

Mutation testing of the production contracts (tools/mutation/): every mutant is compiled with solc-js (the
project's settings); one whose bytecode equals the original's is equivalent, one equal to an earlier mutant a
duplicate, one that does not compile stillborn; the others run the contract's test files in parallel workers.

  --contract <name>  only this contract (repeatable): ${TARGETS.map((t) => t.name).join(", ")}
  --mutant <id>      only this mutant (repeatable; e.g. after a new test): its committed result is replaced
  --max <n>          at most n mutants (the first n, or n drawn with --seed)
  --seed <n>         draw the mutants in a seeded order
  --sample           the CI sample: ${SAMPLE_SIZE} mutants drawn with seed ${SAMPLE_SEED} across the contracts
  --workers <n>      parallel workers (default 2)
  --fresh            start the progress file (.mutation/progress.jsonl) anew: nothing is reused
  --help             this text

A full run (no --max or --sample; --seed only orders it, so that an interrupted run is a random sample) writes
docs/mutation/results.json and docs/mutation.md.
Exit 1 when a mutant survives that docs/mutation/annotations.json does not argue equivalent.`;

function count(flag: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`${flag} needs a whole number ≥ ${min}, got ${value === undefined ? "nothing" : `"${value}"`}`);
  return Number(value);
}

export function parseOptions(argv: readonly string[]): MutationOptions {
  const o: MutationOptions = { contracts: [], mutants: [], sample: false, workers: 2, fresh: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--help":
      case "-h":
        o.help = true;
        break;
      case "--contract": {
        const t = argv[i + 1] === undefined ? undefined : findTarget(argv[i + 1]);
        if (!t)
          throw new UserError(
            `unknown contract "${argv[i + 1] ?? ""}": one of ${TARGETS.map((x) => x.name).join(", ")}`,
          );
        if (!o.contracts.includes(t.name)) o.contracts.push(t.name);
        i++;
        break;
      }
      case "--mutant": {
        const id = argv[++i];
        const t = id === undefined ? undefined : findTarget(id.split(":")[0]);
        if (!t || !/^[A-Za-z]+:[a-z-]+:L\d+:[0-9a-f]{8}$/.test(id))
          throw new UserError(`--mutant needs a mutant id (Contract:operator:L<line>:<hash>), got "${id ?? ""}"`);
        o.mutants.push(id);
        if (!o.contracts.includes(t.name)) o.contracts.push(t.name);
        break;
      }
      case "--max":
        o.max = count(arg, argv[++i], 1);
        break;
      case "--seed":
        o.seed = count(arg, argv[++i], 0);
        break;
      case "--workers":
        o.workers = count(arg, argv[++i], 1);
        break;
      case "--sample":
        o.sample = true;
        break;
      case "--fresh":
        o.fresh = true;
        break;
      default:
        throw new UserError(`unknown option "${arg}" (npm run mutation -- --help)`);
    }
  }
  if (o.contracts.length === 0) o.contracts = TARGETS.map((t) => t.name);
  else o.contracts = TARGETS.map((t) => t.name).filter((n) => o.contracts.includes(n));
  if (o.sample) {
    o.max ??= SAMPLE_SIZE;
    o.seed ??= SAMPLE_SEED;
  }
  return o;
}
