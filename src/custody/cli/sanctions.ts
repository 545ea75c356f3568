/**
 * `sanctions:screen`: reads sanctions lists (OFAC SDN advanced XML, the project's CSV or JSON form; src/sanctions/),
 * diffs them against the chain (the stablecoin's frozen set and holders from its events, the counterparty registry),
 * prints the diff and writes it (--out). With --apply, the `--keystore` key acts where it holds the role: the
 * compliance officer's key sends `freezeBatch` in chunks that fit a block with 50% headroom, each carrying its legal
 * reference; the regulator's key suspends listed counterparties. A role the reserve Safe holds instead becomes Safe
 * proposals (--dir) for the custodians. A rerun sends nothing. Unfreezing is never automatic. --apply and --record
 * keep the lists on YOUR SomStablecoin record, for `sign`'s SANCTIONS-LISTED marks. Hardhat is loaded lazily.
 */
import fs from "node:fs";
import path from "node:path";
import type { Signer } from "ethers";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UsageError, UserError, listOption, onChain, selectNetwork, stringOption, withTimeout } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { options } from "../../chain/cli";
import { keystoreFileOption, outputFileOption } from "../../chain/options";
import { decryptKeystore, promptHidden, readPassword } from "../../chain/keystore";
import { loadHardhat } from "../../chain/hardhat";
import { deploymentsDir, readRecords, recordsRoot } from "../../chain/records";
import { formatAmount } from "../../chain/amounts";
import { readSanctionsList } from "../../sanctions/lists";
import type { SanctionsList } from "../../sanctions/lists";
import type { ScreeningDiff } from "../../sanctions/diff";
import { appliedListOf, recordSanctions, sanctionsRecord } from "../../sanctions/applied";
import { freezeChunks, suspensions } from "../../sanctions/apply";
import type { FreezeChunk } from "../../sanctions/apply";
import { describeReference } from "../../sanctions/reference";

const USAGE =
  "npm run sanctions:screen -- [--network <name>] --list <file> [--list <file> ...] --out <diff.json> " +
  "[--record | --apply --keystore <key.json> [--dir proposals]]";

export const SANCTIONS_COMMAND: CommandSpec = {
  usage: USAGE,
  help:
    "Screens sanctions lists against the stablecoin and the counterparty registry; writes the diff. --apply sends " +
    "the freezes (COMPLIANCE_ROLE key) and suspensions (REGULATOR_ROLE key), or writes Safe proposals where the Safe " +
    "holds the role; --record keeps the lists in your records for `safe:sign`. Key password: " +
    "SANCTIONS_KEYSTORE_PASSWORD, else prompted. docs/sanctions.md.",
  options: options("network", "list[]", "out", "apply?", "record?", "keystore", "dir"),
};

/** The diff as text lines: lists, to freeze, already frozen, counterparties, delisted. */
export function describeDiff(d: ScreeningDiff, units: { decimals: number; symbol: string }): string[] {
  const fmt = (v: string) => formatAmount(BigInt(v), units);
  const who = (s: ScreeningDiff["toFreeze"][number]) =>
    `  ${s.address}${s.contract ? " (contract)" : ""} ${fmt(s.balance)} [${s.entries.join(", ")}]`;
  return [
    ...d.lists.map((l) => `List ${l.file}: ${l.name} of ${l.date}, ${l.entries} address(es), sha256 ${l.hash}`),
    `Screened at block ${d.block}: reference ${d.listHash}`,
    `To freeze: ${d.toFreeze.length}`,
    ...d.toFreeze.map(who),
    `Already frozen: ${d.alreadyFrozen.length}`,
    ...d.alreadyFrozen.map(who),
    `Listed counterparties: ${d.counterparties.length}`,
    ...d.counterparties.map(
      (c) => `  ${c.address} ${c.name} (${c.status}${c.eligible ? ", eligible" : ""}) [${c.entries.join(", ")}]`,
    ),
    `Balances of listed holders: ${fmt(d.affectedBalance)}`,
    ...(d.delisted.length > 0
      ? [
          `Delisted since the last application, still frozen (review them; unfreezing is the Safe's delayed call, ` +
            `never automatic): ${d.delisted.join(", ")}`,
        ]
      : []),
  ];
}

export async function sanctionsScreen(o: ParsedOptions, print: (line: string) => void): Promise<void> {
  const files = listOption(o, "list");
  if (files.length === 0) throw new UsageError(`no --list given (usage: ${USAGE})`);
  const out = outputFileOption(o, "out");
  if (!out) throw new UsageError(`missing --out (usage: ${USAGE})`);
  const apply = o.apply === true;
  if (apply && o.record === true) throw new UsageError("--apply records the lists already; drop --record");
  const keystore = keystoreFileOption(o);
  if (apply && !keystore) throw new UsageError(`--apply needs --keystore (usage: ${USAGE})`);
  const lists: SanctionsList[] = files.map(readSanctionsList);
  const network = selectNetwork(o);
  const root = recordsRoot(process.cwd());
  const records = readRecords(root, network);
  const coinRecord = records.find((r) => r.name === "SomStablecoin");
  if (!coinRecord) throw new UserError(`no record SomStablecoin in deployments/${network}/`);
  const registryRecord = records.find((r) => r.name === "CounterpartyRegistry");
  await onChain(network, async () => {
    const hre = await loadHardhat();
    const { screen } = await import("../../sanctions/screen");
    const provider = hre.ethers.provider;
    await withTimeout(provider.getBlockNumber(), `network "${network}"`);
    const diff = await screen({
      provider,
      stablecoin: { address: coinRecord.address, blockNumber: coinRecord.blockNumber },
      registry: registryRecord?.address,
      lists,
      previous: appliedListOf(coinRecord),
      cacheFile: path.join(deploymentsDir(root, network), ".som", "sanctions-scan.json"),
    });
    fs.writeFileSync(out, `${JSON.stringify(diff, null, 2)}\n`);
    const units = { decimals: coinRecord.token?.decimals ?? 2, symbol: coinRecord.token?.symbol ?? "KGSC" };
    describeDiff(diff, units).forEach((l) => print(l));
    print(`Diff written to ${out}`);
    if (apply && keystore) {
      const password = await readPassword({ envVar: "SANCTIONS_KEYSTORE_PASSWORD", prompt: promptHidden }, keystore);
      const key = (await decryptKeystore(keystore, password)).connect(provider);
      await applyDiff({ hre, diff, key, records, dir: stringOption(o, "dir") ?? "proposals", print });
    }
    if (apply || o.record === true) {
      recordSanctions(root, network, coinRecord, sanctionsRecord(diff, apply ? "applied" : "recorded", new Date()));
      print(
        `Your records (deployments/${network}/SomStablecoin.json) now hold these lists: sign marks SANCTIONS-LISTED`,
      );
    }
  });
}

interface ApplyContext {
  hre: Awaited<ReturnType<typeof loadHardhat>>;
  diff: ScreeningDiff;
  key: Signer;
  records: ReturnType<typeof readRecords>;
  dir: string;
  print: (line: string) => void;
  /** Safe proposals this run wrote so far (their nonces follow each other). */
  written?: number;
}

/** Sends what the key may send; writes Safe proposals for what only the Safe may do; says what is left. */
async function applyDiff(c: ApplyContext): Promise<void> {
  const { SomStablecoin__factory } =
    await import("../../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory");
  const { CounterpartyRegistry__factory } =
    await import("../../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory");
  const provider = c.hre.ethers.provider;
  const address = await c.key.getAddress();
  const at = (name: string) => c.records.find((r) => r.name === name)?.address;
  const coin = SomStablecoin__factory.connect(c.diff.stablecoin, c.key);
  const safe = at("ReserveSafe");
  const block = await withTimeout(provider.getBlock("latest"), "latest block");
  const chunks = freezeChunks(c.diff, block?.gasLimit ?? 30_000_000n);
  const compliance = await coin.COMPLIANCE_ROLE();
  if (chunks.length > 0 && (await coin.hasRole(compliance, address))) {
    for (const [i, chunk] of chunks.entries()) await sendFreeze(c, chunk, `${i + 1}/${chunks.length}`, block?.gasLimit);
  } else if (chunks.length > 0 && safe && (await coin.hasRole(compliance, safe))) {
    await proposeFreezes(c, chunks, safe);
  } else if (chunks.length > 0) {
    throw new UserError(`${address} does not hold COMPLIANCE_ROLE and neither does the reserve Safe: nothing was sent`);
  }
  const registryAddress = at("CounterpartyRegistry");
  const todo = suspensions(c.diff);
  if (todo.length === 0 || !registryAddress) return;
  const registry = CounterpartyRegistry__factory.connect(registryAddress, c.key);
  const regulatorRole = await registry.REGULATOR_ROLE();
  if (!(await registry.hasRole(regulatorRole, address)) && safe && (await registry.hasRole(regulatorRole, safe))) {
    const calls = todo.map((t) => ({
      to: registryAddress,
      value: 0n,
      operation: 0 as const,
      data: registry.interface.encodeFunctionData("suspend", [t.account, t.reason]),
    }));
    await writeSafeProposal(c, safe, calls, `suspend ${todo.length} sanctions-listed counterpart(ies)`, "suspend");
    return;
  }
  if (!(await registry.hasRole(regulatorRole, address))) {
    c.print(
      `Left for the regulator (REGULATOR_ROLE; ${address} does not hold it): suspend ` +
        `${todo.map((t) => t.account).join(", ")} with reason ${c.diff.listHash} ` +
        `(rerun with the regulator's --keystore)`,
    );
    return;
  }
  for (const t of todo) {
    const tx = await registry.suspend(t.account, t.reason);
    c.print(`suspend ${t.account}: sent ${tx.hash}`);
    const receipt = await withTimeout(tx.wait(), `receipt of ${tx.hash}`, 120_000);
    if (receipt?.status !== 1) throw new UserError(`suspending ${t.account} failed (${tx.hash})`);
  }
}

async function sendFreeze(c: ApplyContext, chunk: FreezeChunk, n: string, gasLimit: bigint | undefined): Promise<void> {
  const request = { to: c.diff.stablecoin, data: chunk.data };
  const gas = await withTimeout(c.key.estimateGas(request), "eth_estimateGas");
  if (gasLimit !== undefined && gas * 2n > gasLimit)
    throw new UserError(`freeze ${n} needs ${gas} gas, more than half the block gas limit ${gasLimit}: nothing sent`);
  const tx = await c.key.sendTransaction({ ...request, gasLimit: gas + gas / 5n });
  c.print(
    `freezeBatch ${n} (${chunk.addresses.length} addresses, ${describeReference(chunk.reference)}): sent ${tx.hash}`,
  );
  const receipt = await withTimeout(tx.wait(), `receipt of ${tx.hash}`, 120_000);
  if (receipt?.status !== 1) throw new UserError(`freezeBatch ${n} failed (${tx.hash})`);
}

/** One Safe proposal per chunk, consecutive nonces from the Safe's current one. */
async function proposeFreezes(c: ApplyContext, chunks: FreezeChunk[], safe: string): Promise<void> {
  for (const [i, chunk] of chunks.entries()) {
    await writeSafeProposal(
      c,
      safe,
      [{ to: c.diff.stablecoin, value: 0n, operation: 0, data: chunk.data }],
      `freeze ${chunk.addresses.length} sanctions-listed address(es) (${i + 1}/${chunks.length})`,
      `freeze-${i + 1}`,
    );
  }
}

/**
 * Writes one Safe proposal of `calls` into --dir for the custodians (the reserve Safe holds the role, the key does
 * not); the proposals of one run take consecutive nonces from the Safe's current one.
 */
async function writeSafeProposal(
  c: ApplyContext,
  safe: string,
  calls: { to: string; value: bigint; operation: 0; data: string }[],
  description: string,
  label: string,
): Promise<void> {
  const { proposeCalls, currentNonce } = await import("../assemble");
  const { writeProposal } = await import("../proposal");
  fs.mkdirSync(c.dir, { recursive: true });
  const provider = c.hre.ethers.provider;
  c.written = c.written ?? 0;
  const nonce = (await withTimeout(currentNonce(provider, safe), "Safe nonce()")) + BigInt(c.written);
  const proposal = await proposeCalls({ provider, records: c.records, safe, nonce, calls, description });
  const file = path.join(c.dir, `sanctions-${label}-${c.diff.listHash.slice(2, 10)}.json`);
  if (fs.existsSync(file)) throw new UserError(`${file} already exists: sign and execute it, or move it away`);
  writeProposal(file, proposal);
  c.written += 1;
  c.print(`${description}: the reserve Safe holds the role: proposal ${file} (nonce ${nonce})`);
}
