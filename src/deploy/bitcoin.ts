/**
 * `reserve:bitcoin`: state-mined bitcoin held by a custodian enters the reserve (docs/market.md, "Deploy
 * example"), in the same three steps as the main job (src/market/crypto.ts), each written as a file for the
 * people who act: `create` and `mint` are Safe proposals (the custodian workflow's one assembly,
 * proposeCalls), `valuation` the attestation report attestors sign. Here (the deploy layer) because the
 * valuation subject's settings come from the deploy config. Hardhat is loaded lazily.
 */
import { options } from "../chain/cli";
import fs from "node:fs";
import path from "node:path";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UsageError, UserError, enumOption, requireOption, withTimeout } from "../chain";
import type { CommandSpec, ParsedOptions } from "../chain";
import { formatAmount } from "../chain/amounts";
import { loadHardhat } from "../chain/hardhat";
import { readRecords, recordsRoot } from "../chain/records";
import { assetIdFrom, documentHashOf } from "../assets/ids";
import { toReportFile } from "../attestation/report";
import type { MinedBitcoinPosition } from "../market/crypto";
import { eip712Hashes } from "../safe/hashes";
import { proposeCalls } from "../custody/assemble";
import { onChain, selectNetwork } from "../chain";
import { proposalToJson } from "../custody/proposal";
import { describeHashes } from "../custody/review";
import { loadDeployConfig } from "./config";

const USAGE =
  "npm run reserve:bitcoin -- [--network <name>] --position <position.json> --step create|valuation|mint --out <file>";
const STEPS = ["create", "valuation", "mint"] as const;

export const BITCOIN_COMMAND: CommandSpec = {
  usage: USAGE,
  help: [
    "Writes one step of bringing custody-held, state-mined bitcoin into the reserve, from a position file",
    "(deploy/examples/mined-bitcoin.json shows one) and your deployments/<network> records:",
    "",
    "  --position <file>   key, name, symbol, btc, custodian, custodyProof {uri, hash}, valueSom, enforcer, pauser",
    "  --step create       a Safe proposal: createAsset (MiningOutput) + configureSubject for its valuation",
    "  --step valuation    the report attestors sign offline (npm run attest:sign), " +
      "then anyone submits (attest:submit)",
    "  --step mint         a Safe proposal: documents BTC_AMOUNT and CUSTODY_PROOF, " +
      "then mint every share into the reserve",
    "  --out <file>        the file to write (never overwritten)",
  ].join("\n"),
  options: options("network", "position", "step", "out"),
};

/** Writes the asked step's file (a proposal or the valuation report) and prints what it is. */
export async function bitcoinStep(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const network = selectNetwork(o);
  const positionFile = requireOption(o, "position", USAGE);
  const step = enumOption(o, "step", STEPS);
  if (step === undefined) throw new UsageError(`missing --step (usage: ${USAGE})`);
  const out = requireOption(o, "out", USAGE);
  if (fs.existsSync(out)) throw new UserError(`${out} exists; choose another file`);
  await onChain(network, async () => {
    const hre = await loadHardhat(); // compiles first on a fresh checkout: the generated code below exists after it
    const { AssetFactory__factory } =
      await import("../../typechain-types/factories/contracts/assets/AssetFactory__factory");
    const { AttestationRegistry__factory } =
      await import("../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory");
    const { syncAssetRecords } = await import("../assets/records");
    const { minedBitcoinValuation, readMinedBitcoinPosition } = await import("../market/crypto");
    const provider = hre.ethers.provider;
    const root = recordsRoot(process.cwd());
    const at = (name: string): string => {
      const r = readRecords(root, network).find((x) => x.name === name);
      if (!r)
        throw new UserError(
          `no record "${name}" in deployments/${network}/: deploy first (npm run deploy -- --network ${network})`,
        );
      return r.address;
    };
    const registry = AttestationRegistry__factory.connect(at("AttestationRegistry"), provider);
    const p = readMinedBitcoinPosition(
      positionFile,
      Number(await withTimeout(registry.valueDecimals(), "valueDecimals()")),
    );
    const factory = AssetFactory__factory.connect(at("AssetFactory"), provider);
    const asset = await withTimeout(factory.assetById(assetIdFrom(p.key)), "assetById()");
    const exists = asset !== "0x0000000000000000000000000000000000000000";
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });

    if (step === "valuation") {
      if (!exists) throw new UserError(`asset ${p.key} does not exist yet: execute the --step create proposal first`);
      const v = minedBitcoinValuation(p);
      const block = await withTimeout(provider.getBlock("latest"), "latest block");
      const report = {
        chainId: (await withTimeout(provider.getNetwork(), "eth_chainId")).chainId,
        registry: await registry.getAddress(),
        report: {
          subject: v.subject,
          value: v.value,
          asOf: BigInt(block?.timestamp ?? 0),
          docHash: documentHashOf(v.document),
          uri: `data:text/plain,${encodeURIComponent(v.document)}`,
        },
      };
      fs.writeFileSync(out, `${JSON.stringify(toReportFile(report), null, 2)}\n`, { flag: "wx" });
      const decimals = Number(await withTimeout(registry.valueDecimals(), "valueDecimals()"));
      print(
        [
          `Valuation report of ${p.symbol} (asset ${p.key}): ${formatAmount(v.value, { decimals, symbol: "som" })} ` +
            `(raw ${v.value}) as of block ${block?.number ?? "?"}`,
          `  document: ${v.document}`,
          `Wrote ${out}: each attestor signs it offline with npm run attest:sign, ` +
            `then anyone submits the signatures with npm run attest:submit`,
        ].join("\n"),
      );
      return;
    }
    if (step === "create" && exists)
      throw new UserError(`asset ${p.key} already exists at ${asset}: nothing to create (next: --step valuation)`);
    if (step === "mint") {
      if (!exists) throw new UserError(`asset ${p.key} does not exist yet: execute the --step create proposal first`);
      if (!(await withTimeout(registry.isFresh(assetIdFrom(p.key)), "isFresh()"))) {
        throw new UserError(
          `asset ${p.key} has no fresh attested valuation: ` +
            `--step valuation, attest:sign by the attestors, attest:submit`,
        );
      }
      // the new token gets its record, so the proposal names it and every custodian's tooling decodes it
      await syncAssetRecords({
        provider,
        root,
        network,
        assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
      });
    }
    await writeProposalStep(provider, root, network, step, p, out, at("ReserveSafe"), print);
  });
}

/** create / mint: the step's calls as a Safe proposal written to `out`. */
async function writeProposalStep(
  provider: Parameters<typeof proposeCalls>[0]["provider"],
  root: string,
  network: string,
  step: string,
  p: MinedBitcoinPosition,
  out: string,
  safe: string,
  print: (text: string) => void,
): Promise<void> {
  const valuation = loadDeployConfig(root, network).attestation.assetValuation;
  const { minedBitcoinCreateCalls, minedBitcoinMintCalls } = await import("../market/crypto");
  const calls = step === "create" ? minedBitcoinCreateCalls(p, safe, valuation) : minedBitcoinMintCalls(p);
  const proposal = await proposeCalls({
    provider,
    records: readRecords(root, network),
    calls,
    description:
      step === "create"
        ? `create the ${p.symbol} asset token (MiningOutput) and its valuation subject`
        : `attach the BTC amount and the custody proof, mint every ${p.symbol} share into the reserve`,
  });
  fs.writeFileSync(out, proposalToJson(proposal), { flag: "wx" });
  print(
    [
      ...proposal.summary,
      ...describeHashes(eip712Hashes(proposal.chainId, proposal.safe, proposal.safeTx)),
      `Wrote ${out}: custodians review and sign it with npm run safe:sign, then npm run safe:execute`,
    ].join("\n"),
  );
}
