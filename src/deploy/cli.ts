/**
 * The deployment command's body (scripts/deploy.ts is its thin entry point): loads Hardhat for the
 * network chosen through HARDHAT_NETWORK, validates the configuration, deploys, verifies sources
 * when an explorer API key is configured, prints the roles matrix read back from the chain.
 */
import { loadHardhat } from "../chain/hardhat";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import type { Provider, Signer } from "ethers";
import { decryptKeystore, promptHidden, readPassword } from "../chain/keystore";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDeployConfig } from "./config";
import { deploymentsDir, readRecords, recordsRoot, syncRecordsWithChain } from "../chain/records";
import { UserError } from "../chain/errors";
import type { DeployConfig } from "./config";
import { deploySystem, formatRolesMatrix } from "./system";
import { describeSafeGuard } from "../custody/announcements";
import type { DeploymentResult } from "./system";
import type { Log } from "./steps";

export interface RunDeploymentOptions {
  /** Network whose deploy/config/<network>.json is used. */
  configNetwork: string;
  /** Folder that receives deployments/<network>/ (the project root, or a temp dir for dry runs). */
  root: string;
  projectRoot: string;
  dryRun: boolean;
  log: Log;
}

/**
 * The deployer from an encrypted keystore when `DEPLOYER_KEYSTORE` names one (password from
 * `DEPLOYER_KEYSTORE_PASSWORD`, else prompted without echo); undefined otherwise, and the
 * network's configured account (`DEPLOYER_PRIVATE_KEY`) is used.
 */
export async function deployerFromKeystore(
  provider: Provider,
  env: NodeJS.ProcessEnv = process.env,
  interactive: boolean = process.stdin.isTTY === true,
): Promise<Signer | undefined> {
  const file = env.DEPLOYER_KEYSTORE?.trim();
  if (!file) return undefined;
  const password =
    env.DEPLOYER_KEYSTORE_PASSWORD ||
    (interactive ? await readPassword({ prompt: promptHidden }, `deployer keystore ${file}`) : undefined);
  if (!password) {
    throw new DeployerKeyError(
      `no password for the deployer keystore ${file}: set DEPLOYER_KEYSTORE_PASSWORD or run the command in a terminal`,
    );
  }
  try {
    return (await decryptKeystore(file, password)).connect(provider);
  } catch (e) {
    throw new DeployerKeyError(
      `${(e as Error).message} (the password comes from DEPLOYER_KEYSTORE_PASSWORD or the prompt)`,
    );
  }
}

/** The deployer's key cannot be used (keystore missing, no or wrong password). */
export class DeployerKeyError extends UserError {}

/**
 * Config for a dry run: same content, but on the in-process chain. The config was already checked
 * for its own network (chain id included) when it was loaded.
 */
export function dryRunConfig(cfg: DeployConfig): DeployConfig {
  return { ...cfg, network: "hardhat", chainId: 31337, verify: false };
}

export async function verifySources(hre: HardhatRuntimeEnvironment, result: DeploymentResult, log: Log): Promise<void> {
  if (!process.env.ETHERSCAN_API_KEY) {
    log("source verification skipped: ETHERSCAN_API_KEY is not set (see .env.example)");
    return;
  }
  for (const r of Object.values(result.records)) {
    if (r.compiler.startsWith("canonical")) continue;
    // The implementation the proxy points at now (records follow executed upgrades: syncRecordsWithChain).
    const address = r.proxy?.implementation ?? r.address;
    try {
      await hre.run("verify:verify", { address, constructorArguments: r.proxy ? [] : r.args });
      log(`verified ${r.name} at ${address}`);
    } catch (e) {
      const msg = (e as Error).message;
      log(
        /already verified/i.test(msg)
          ? `${r.name} at ${address} was already verified`
          : `verification of ${r.name} failed: ${msg}`,
      );
    }
  }
}

/**
 * The deploy command (scripts/deploy.ts; HARDHAT_NETWORK already selected): records under the project's
 * deployments/, or for a dry run in a temporary folder removed afterwards. Returns the exit code.
 */
export async function deployCommand(o: {
  network: string;
  dryRun: boolean;
  projectRoot: string;
  log: Log;
}): Promise<number> {
  const root = o.dryRun ? fs.mkdtempSync(path.join(os.tmpdir(), "som-dry-run-")) : recordsRoot(o.projectRoot);
  try {
    return await runDeployment({
      configNetwork: o.network,
      root,
      projectRoot: o.projectRoot,
      dryRun: o.dryRun,
      log: o.log,
    });
  } finally {
    if (o.dryRun) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Runs a deployment; returns the process exit code. */
export async function runDeployment(o: RunDeploymentOptions): Promise<number> {
  // Loaded here so that HARDHAT_NETWORK, set by the caller, selects the network.
  const hre = await loadHardhat();
  await hre.run("compile", { quiet: true });
  const loaded = loadDeployConfig(o.projectRoot, o.configNetwork);
  const config = o.dryRun ? dryRunConfig(loaded) : loaded;
  o.log(
    `${o.dryRun ? "Dry run of" : "Deploying"} ${loaded.file} ` +
      `on ${o.dryRun ? "a throwaway in-process chain" : `network ${hre.network.name}`}`,
  );
  if (hre.network.name === "hardhat" && !o.dryRun) {
    // The in-process chain is new on every run: its records from an earlier run describe nothing.
    fs.rmSync(deploymentsDir(o.root, "hardhat"), { recursive: true, force: true });
  }
  const deployer = o.dryRun ? undefined : await deployerFromKeystore(hre.ethers.provider);
  if (deployer) o.log(`deployer ${await deployer.getAddress()} from the keystore ${process.env.DEPLOYER_KEYSTORE}`);
  // Records follow upgrades the Safe executed since the last run.
  for (const name of await syncRecordsWithChain(hre.ethers.provider, o.root, hre.network.name))
    o.log(`record ${name} follows its upgraded implementation`);
  const result = await deploySystem({ hre, config, root: o.root, log: o.log, deployer });
  result.records = Object.fromEntries(
    readRecords(o.root, hre.network.name)
      .filter((r) => r.name in result.records)
      .map((r) => [r.name, r]),
  );
  const names = new Map<string, string>(Object.values(result.records).map((r) => [r.address.toLowerCase(), r.name]));
  names.set(result.deployer.toLowerCase(), "deployer");
  o.log("");
  o.log("Roles read back from the chain:");
  o.log(formatRolesMatrix(result.matrix, names));
  o.log("");
  if (result.records.ReserveGuard)
    for (const line of await describeSafeGuard(hre.ethers.provider, result.safe, result.records.ReserveGuard.address))
      o.log(line);
  const gas = result.totalGas;
  if (o.dryRun) {
    o.log(
      `Plan: ${result.transactions} transactions, ${gas.toLocaleString("en-US")} gas in total ` +
        `(every transaction the deployer sent).`,
    );
    o.log("Wiring steps:");
    for (const g of result.gasUsed) o.log(`  ${g.step.padEnd(60)} ${g.gas.toLocaleString("en-US")}`);
    o.log("Dry-run records were written to a temporary folder (not kept).");
    return 0;
  }
  if (config.verify) await verifySources(hre, result, o.log);
  o.log(
    result.alreadyComplete
      ? `Nothing to do: the deployment on ${result.network} is complete (records in deployments/${result.network}/).`
      : `Deployment on ${result.network} complete: ${result.transactions} transactions, ` +
          `${gas.toLocaleString("en-US")} gas; records in deployments/${result.network}/.`,
  );
  o.log(`The deployer ${result.deployer} holds no role; every admin power sits with the reserve Safe ${result.safe}.`);
  return 0;
}
