/**
 * `npm run reserve:bitcoin -- [--network <name>] --position <position.json> --step create|valuation|mint --out <file>`
 *
 * State-mined bitcoin held by a custodian enters the reserve (docs/market.md, "Deploy example"), in the
 * same three steps as the main job (src/market/crypto.ts), each written as a file for the people who act:
 *   create     a Safe proposal: the asset token (MiningOutput, one share per satoshi) and its valuation subject;
 *   valuation  the attestation report of the position's som value (attestors sign it with attest:sign);
 *   mint       a Safe proposal: the BTC amount and the custody proof as documents, every share minted into
 *              the reserve (refused until the asset exists and its valuation is attested).
 * Custodians then review, sign and execute proposals with safe:sign / safe:execute as usual.
 */
import fs from "node:fs";
import path from "node:path";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, requireOption, runCommand, withTimeout } from "../../src/chain";
import { onChain, selectNetwork } from "../../src/custody/commands";

const USAGE = "npm run reserve:bitcoin -- [--network <name>] --position <position.json> --step create|valuation|mint --out <file>";
const STEPS = ["create", "valuation", "mint"] as const;

void runCommand(
  {
    usage: USAGE,
    help: [
      "Writes one step of bringing custody-held, state-mined bitcoin into the reserve, from a position file",
      "(deploy/examples/mined-bitcoin.json shows one) and your deployments/<network> records:",
      "",
      "  --position <file>   key, name, symbol, btc, custodian, custodyProof {uri, hash}, valueSom, enforcer, pauser",
      "  --step create       a Safe proposal: createAsset (MiningOutput) + configureSubject for its valuation",
      "  --step valuation    the report attestors sign offline (npm run attest:sign), then anyone submits (attest:submit)",
      "  --step mint         a Safe proposal: documents BTC_AMOUNT and CUSTODY_PROOF, then mint every share into the reserve",
      "  --out <file>        the file to write (never overwritten)",
    ].join("\n"),
    options: { network: { type: "string" }, position: { type: "string" }, step: { type: "string" }, out: { type: "string" } },
  },
  async (o) => {
    const network = selectNetwork(o);
    const positionFile = requireOption(o, "position", USAGE);
    const step = requireOption(o, "step", USAGE);
    if (!(STEPS as readonly string[]).includes(step)) throw new UserError(`--step must be one of ${STEPS.join(", ")}, got "${step}"`);
    const out = requireOption(o, "out", USAGE);
    if (fs.existsSync(out)) throw new UserError(`${out} exists; choose another file`);
    await onChain(network, async () => {
      const { readRecords, recordsRoot } = await import("../../src/chain/records");
      const { loadDeployConfig } = await import("../../src/deploy/config");
      const { syncAssetRecords } = await import("../../src/assets/records");
      const { minedBitcoinCreateCalls, minedBitcoinMintCalls, minedBitcoinValuation, readMinedBitcoinPosition } = await import("../../src/market/crypto");
      const { proposeRequests } = await import("../../src/custody/actions");
      const { proposalToJson } = await import("../../src/custody/proposal");
      const { eip712Hashes } = await import("../../src/safe/hashes");
      const { describeHashes } = await import("../../src/custody/review");
      const { documentHashOf } = await import("../../src/assets/ids");
      const { toReportFile } = await import("../../src/attestation/report");
      const { formatAmount } = await import("../../src/chain/amounts");
      const { AssetFactory__factory, AttestationRegistry__factory } = await import("../../typechain-types");
      const { assetIdFrom } = await import("../../src/assets/ids");
      const hre = (await import("hardhat")).default;
      const provider = hre.ethers.provider;
      const root = recordsRoot(process.cwd());
      const at = (name: string): string => {
        const r = readRecords(root, network).find((x) => x.name === name);
        if (!r) throw new UserError(`no record "${name}" in deployments/${network}/: deploy first (npm run deploy -- --network ${network})`);
        return r.address;
      };
      const registry = AttestationRegistry__factory.connect(at("AttestationRegistry"), provider);
      const p = readMinedBitcoinPosition(positionFile, Number(await withTimeout(registry.valueDecimals(), "valueDecimals()")));
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
          report: { subject: v.subject, value: v.value, asOf: BigInt(block?.timestamp ?? 0), docHash: documentHashOf(v.document), uri: `data:text/plain,${encodeURIComponent(v.document)}` },
        };
        fs.writeFileSync(out, `${JSON.stringify(toReportFile(report), null, 2)}\n`, { flag: "wx" });
        const decimals = Number(await withTimeout(registry.valueDecimals(), "valueDecimals()"));
        console.log([`Valuation report of ${p.symbol} (asset ${p.key}): ${formatAmount(v.value, { decimals, symbol: "som" })} (raw ${v.value}) as of block ${block?.number ?? "?"}`, `  document: ${v.document}`, `Wrote ${out}: each attestor signs it offline with npm run attest:sign, then anyone submits the signatures with npm run attest:submit`].join("\n"));
        return;
      }
      if (step === "create" && exists) throw new UserError(`asset ${p.key} already exists at ${asset}: nothing to create (next: --step valuation)`);
      if (step === "mint") {
        if (!exists) throw new UserError(`asset ${p.key} does not exist yet: execute the --step create proposal first`);
        if (!(await withTimeout(registry.isFresh(assetIdFrom(p.key)), "isFresh()"))) {
          throw new UserError(`asset ${p.key} has no fresh attested valuation: --step valuation, attest:sign by the attestors, attest:submit`);
        }
        // the new token gets its record, so the proposal names it and every custodian's tooling decodes it
        await syncAssetRecords({ provider, root, network, assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi });
      }
      const safe = at("ReserveSafe");
      const valuation = loadDeployConfig(root, network).attestation.assetValuation;
      const calls = step === "create" ? minedBitcoinCreateCalls(p, safe, valuation) : minedBitcoinMintCalls(p);
      const proposal = await proposeRequests(provider, readRecords(root, network), calls, {
        description: step === "create" ? `create the ${p.symbol} asset token (MiningOutput) and its valuation subject` : `attach the BTC amount and the custody proof, mint every ${p.symbol} share into the reserve`,
      });
      fs.writeFileSync(out, proposalToJson(proposal), { flag: "wx" });
      console.log([...proposal.summary, ...describeHashes(eip712Hashes(proposal.chainId, proposal.safe, proposal.safeTx)), `Wrote ${out}: custodians review and sign it with npm run safe:sign, then npm run safe:execute`].join("\n"));
    });
  },
);
