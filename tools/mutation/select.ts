/** Which mutants a run takes: all in order, the first n, or n drawn with a seed across the contracts. */
import type { Mutation } from "./operators";

/** mulberry32: a small deterministic generator of [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rand = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Without a seed: the mutants in order, the first `max`. With a seed: each contract's mutants shuffled, then taken
 * round-robin across the contracts (in the given order) until `max`: every contract is sampled.
 */
export function selectMutants(all: readonly Mutation[], o: { max?: number; seed?: number }): Mutation[] {
  if (o.seed === undefined) return o.max === undefined ? [...all] : all.slice(0, o.max);
  const seed = o.seed;
  const byContract = new Map<string, Mutation[]>();
  for (const m of all) byContract.set(m.contract, [...(byContract.get(m.contract) ?? []), m]);
  const queues = [...byContract.values()].map((ms, i) => shuffle(ms, seed + i));
  const max = o.max ?? all.length;
  const out: Mutation[] = [];
  for (let round = 0; out.length < max && queues.some((q) => round < q.length); round++)
    for (const q of queues) if (round < q.length && out.length < max) out.push(q[round]);
  return out;
}
