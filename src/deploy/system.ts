/**
 * Deploys the whole system from a validated {@link DeployConfig}, resumably (see journal.ts),
 * writes deployment records, and hands every power to the reserve Safe.
 *
 * Order and hand-over:
 *  1. Safe v1.4.1 contracts (the `Safe` singleton, see docs/custodian.md for why not SafeL2) (local chains: deployed from the shipped artifacts at their canonical
 *     addresses; public chains: the canonical deployments, checked by code hash).
 *  2. AttestationRegistry, SomStablecoin, IdentityRegistry (UUPS), AssetToken (beacon), AssetFactory
 *     (UUPS) through @openzeppelin/hardhat-upgrades, and the Chainlink-compatible reserve adapter.
 *     The deployer is their temporary default admin with a zero admin delay.
 *  3. Wiring by the deployer: SOM_RESERVES subject (the stablecoin as listener), roles from the
 *     config, minters and allowances, the reserve address, and `beginDefaultAdminTransfer(safe)` on
 *     every contract; the beacon's ownership goes straight to the Safe.
 *  4. A new reserve Safe is created through the proxy factory; its `setup` delegatecalls the
 *     canonical MultiSendCallOnly to accept the default admin role on every contract and restore the
 *     configured admin delay, in the Safe's creation transaction. An existing Safe instead gets a
 *     hand-over proposal file to sign with the custodian tooling.
 *  5. The roles matrix is read back from the chain; the run fails if the deployer still holds anything.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extensions only (hre.ethers, hre.upgrades): the plugins themselves are loaded by hardhat.config.ts.
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { BaseContract, ContractFactory, Signer, TransactionReceipt } from "ethers";
import { Interface, encodeBytes32String, getAddress } from "ethers";
import type { DeployConfig, RoleAssignments } from "./config";
import { isNewSafe } from "./config";
import { DeployJournal } from "./journal";
import type { ContractRecord, ProxyInfo } from "./records";
import { deploymentsDir, readRecord, writeRecord } from "./records";
import type { ContractRoles } from "./roles";
import { formatRolesMatrix, powersHeldBy, readContractRoles } from "./roles";
import type { Created, Log, StepContext } from "./steps";
import { createStep, deployerGasSince, recordGas, stateStep } from "./steps";
import { ensureSafeInfrastructure, predictSafeAddress, safeSetupData, verifySafeSetup } from "../safe/deploy";
import type { SafeInfrastructure } from "../safe/deploy";
import { loadSafeArtifact } from "../safe/artifacts";
import { encodeMultiSendCall } from "../safe/multisend";
import { assembleProposal, buildCall, currentNonce, loadProposalContext } from "../safe/actions";
import { proposalToJson } from "../safe/proposal";
import type { InnerCall } from "../safe/multisend";
import { SomStablecoin__factory, SomSupplyController__factory } from "../../typechain-types";
import { configureMinter, minterMatches, setSupplyController, stablecoinInitArgs, supplyControllerConstructorArgs, supplyControllerInitArgs } from "../stablecoin/deploy";
import type { MinterSettings } from "../stablecoin/deploy";

export const SOM_RESERVES = encodeBytes32String("SOM_RESERVES");
/** Description of the Chainlink-compatible view of the som reserves. */
export const ADAPTER_DESCRIPTION = "KGS reserves / attested (som)";

/** Record names used in deployments/<network>/. */
export const RECORD = {
  safeSingleton: "Safe",
  safeProxyFactory: "SafeProxyFactory",
  safeFallbackHandler: "CompatibilityFallbackHandler",
  safeMultiSend: "MultiSendCallOnly",
  reserveSafe: "ReserveSafe",
  registry: "AttestationRegistry",
  stablecoin: "SomStablecoin",
  supplyController: "SomSupplyController",
  identity: "IdentityRegistry",
  assetBeacon: "AssetTokenBeacon",
  assetFactory: "AssetFactory",
  adapter: "SomReservesAggregator",
} as const;

export interface DeployOptions {
  hre: HardhatRuntimeEnvironment;
  config: DeployConfig;
  /** Folder that holds `deployments/` (the project root, or a temporary folder for dry runs). */
  root: string;
  log: Log;
  /** The account that deploys; defaults to the network's first signer. */
  deployer?: Signer;
}

export interface DeploymentResult {
  network: string;
  chainId: number;
  deployer: string;
  safe: string;
  records: Record<string, ContractRecord>;
  matrix: ContractRoles[];
  /** Transactions of the wiring steps, with gas. */
  gasUsed: { step: string; gas: bigint }[];
  /** Every transaction the deployer sent in this run (including the upgrades plugin's), and their gas. */
  transactions: number;
  totalGas: bigint;
  /** True when nothing was left to do. */
  alreadyComplete: boolean;
  /** Hand-over proposal file for an existing Safe, when one was written. */
  handoverProposal?: string;
}

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployError";
  }
}

function gitCommit(root: string): string {
  try {
    const sha = execSync("git rev-parse HEAD", { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = execSync("git status --porcelain --untracked-files=no", { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return "unknown";
  }
}

async function compilerOf(hre: HardhatRuntimeEnvironment, contract: string): Promise<string> {
  const artifact = await hre.artifacts.readArtifact(contract);
  const info = await hre.artifacts.getBuildInfo(`${artifact.sourceName}:${artifact.contractName}`);
  return info?.solcLongVersion ?? hre.config.solidity.compilers[0]?.version ?? "unknown";
}

/** Resolves "@safe" and "@account:N" references. */
async function resolver(hre: HardhatRuntimeEnvironment, safe: () => string): Promise<(ref: string) => string> {
  const signers = await hre.ethers.getSigners();
  return (ref: string): string => {
    if (ref === "@safe") return safe();
    const m = /^@account:(\d+)$/.exec(ref);
    if (m) {
      const s = signers[Number(m[1])];
      if (!s) throw new DeployError(`${ref}: this network has only ${signers.length} local accounts`);
      return s.address;
    }
    return getAddress(ref);
  };
}

export async function deploySystem(opts: DeployOptions): Promise<DeploymentResult> {
  const { hre, config, root, log } = opts;
  const { ethers, upgrades } = hre;
  const provider = ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  if (chainId !== config.chainId) {
    throw new DeployError(
      `${config.file} is for chain ${config.chainId} but network "${hre.network.name}" is chain ${chainId}; nothing was sent`,
    );
  }
  const deployer = opts.deployer ?? (await ethers.getSigners())[0];
  if (!deployer) throw new DeployError(`no deployer account on network "${hre.network.name}": set DEPLOYER_PRIVATE_KEY or a keystore`);
  const deployerAddress = await deployer.getAddress();
  const network = hre.network.name;
  const dir = deploymentsDir(root, network);
  const journal = new DeployJournal(DeployJournal.fileFor(dir), network, chainId, deployerAddress);
  const ctx: StepContext = { journal, provider, deployer: deployerAddress, log, gasUsed: [] };
  const firstBlock = (await provider.getBlockNumber()) + 1;
  const commit = gitCommit(root);
  const records: Record<string, ContractRecord> = {};
  let changed = false;

  const saveRecord = async (
    name: string,
    contract: string,
    abi: readonly unknown[],
    created: Created,
    args: readonly unknown[],
    compiler: string,
    proxy?: ProxyInfo,
  ): Promise<void> => {
    const existing = readRecord(root, network, name);
    if (existing && existing.address.toLowerCase() === created.address.toLowerCase()) {
      records[name] = existing;
      return;
    }
    const record: ContractRecord = {
      name,
      contract,
      address: getAddress(created.address),
      abi,
      transactionHash: created.transactionHash,
      blockNumber: created.blockNumber,
      args: JSON.parse(JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as unknown[],
      ...(proxy ? { proxy } : {}),
      compiler,
      gitCommit: commit,
      chainId,
      deployedAt: new Date().toISOString(),
    };
    writeRecord(root, network, record);
    records[name] = record;
  };

  /** Waits for a freshly deployed contract and reports where it landed (and its gas). */
  const landed = async (step: string, deployed: BaseContract): Promise<Created> => {
    await deployed.waitForDeployment();
    const tx = deployed.deploymentTransaction();
    const receipt = await tx?.wait();
    recordGas(ctx, step, receipt ?? null);
    return { address: await deployed.getAddress(), transactionHash: tx?.hash ?? "unknown", blockNumber: receipt?.blockNumber ?? 0 };
  };

  // ---------------------------------------------------------------- 1. Safe contracts
  const infra: SafeInfrastructure = await ensureSafeInfrastructure(
    deployer,
    (method, params) => provider.send(method, params),
    "Safe",
  );
  const safeParts: [string, "Safe" | "SafeProxyFactory" | "CompatibilityFallbackHandler" | "MultiSendCallOnly", string][] = [
    [RECORD.safeSingleton, "Safe", infra.singleton],
    [RECORD.safeProxyFactory, "SafeProxyFactory", infra.proxyFactory],
    [RECORD.safeFallbackHandler, "CompatibilityFallbackHandler", infra.fallbackHandler],
    [RECORD.safeMultiSend, "MultiSendCallOnly", infra.multiSendCallOnly],
  ];
  for (const [name, artifactName, address] of safeParts) {
    await saveRecord(name, artifactName, loadSafeArtifact(artifactName).abi as readonly unknown[], { address, transactionHash: "canonical", blockNumber: 0 }, [], "canonical artifact @safe-global/safe-contracts@1.4.1");
  }

  // The Safe address is known before it exists (CREATE2 through the proxy factory), except that a
  // new Safe's setup data names the contracts it accepts admin on, so it is computed after them.
  let safeAddress = isNewSafe(config.reserveSafe) ? "" : getAddress(config.reserveSafe.address);
  const resolve = await resolver(hre, () => {
    if (!safeAddress) throw new DeployError("internal: the Safe address was used before it was computed");
    return safeAddress;
  });

  // ---------------------------------------------------------------- 2. contracts
  const deployUups = async (
    name: string,
    contract: string,
    args: unknown[],
    identify: (address: string) => Promise<boolean>,
    constructorArgs?: unknown[],
  ): Promise<string> => {
    const factory = (await ethers.getContractFactory(contract, deployer)) as ContractFactory;
    const created = await createStep(
      ctx,
      name,
      async () => landed(name, await upgrades.deployProxy(factory, args, { kind: "uups", ...(constructorArgs ? { constructorArgs } : {}) })),
      identify,
    );
    changed ||= !created.skipped;
    const implementation = await upgrades.erc1967.getImplementationAddress(created.address);
    await saveRecord(name, contract, JSON.parse(factory.interface.formatJson()) as unknown[], created, args, await compilerOf(hre, contract), {
      kind: "uups",
      implementation,
    });
    return created.address;
  };

  const looksLike = (contract: string, fn: string, expected: (v: unknown) => boolean) => async (address: string): Promise<boolean> => {
    try {
      const c = await ethers.getContractAt(contract, address);
      const v: unknown = await c.getFunction(fn).staticCall();
      const impl = await upgrades.erc1967.getImplementationAddress(address);
      return impl !== "0x0000000000000000000000000000000000000000" && expected(v);
    } catch {
      return false;
    }
  };

  const a = config.attestation;
  const registry = await deployUups(
    RECORD.registry,
    "AttestationRegistry",
    [deployerAddress, 0, a.valueDecimals, a.attestors.map(resolve), a.threshold, a.maxFutureSkew],
    looksLike("AttestationRegistry", "valueDecimals", (v) => Number(v) === a.valueDecimals),
  );

  const s = config.stablecoin;
  const stablecoin = await deployUups(
    RECORD.stablecoin,
    "SomStablecoin",
    stablecoinInitArgs(deployerAddress, 0, { name: s.name, symbol: s.symbol, decimals: s.decimals, reserve: deployerAddress, reserveFeed: registry, maxReserveAge: s.maxReserveAge }),
    looksLike("SomStablecoin", "symbol", (v) => v === s.symbol),
  );

  // The token's only minter; its implementation names the token proxy (constructor argument).
  const supplyController = await deployUups(
    RECORD.supplyController,
    "SomSupplyController",
    supplyControllerInitArgs(deployerAddress, 0),
    looksLike("SomSupplyController", "token", (v) => String(v).toLowerCase() === stablecoin.toLowerCase()),
    supplyControllerConstructorArgs(stablecoin),
  );

  const identity = await deployUups(
    RECORD.identity,
    "IdentityRegistry",
    [deployerAddress, 0, deployerAddress, deployerAddress, deployerAddress],
    looksLike("IdentityRegistry", "KYC_OFFICER_ROLE", () => true),
  );

  // AssetToken beacon (its owner is the upgrader of every asset token).
  const assetTokenFactory = (await ethers.getContractFactory("AssetToken", deployer)) as ContractFactory;
  const beaconCreated = await createStep(
    ctx,
    RECORD.assetBeacon,
    async () => landed(RECORD.assetBeacon, await upgrades.deployBeacon(assetTokenFactory)),
    async (address) => {
      try {
        return (await upgrades.beacon.getImplementationAddress(address)) !== "0x0000000000000000000000000000000000000000";
      } catch {
        return false;
      }
    },
  );
  changed ||= !beaconCreated.skipped;
  const beaconAbi = [
    "function implementation() view returns (address)",
    "function owner() view returns (address)",
    "function upgradeTo(address newImplementation)",
    "function transferOwnership(address newOwner)",
    "event Upgraded(address indexed implementation)",
    "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  ];
  await saveRecord(
    RECORD.assetBeacon,
    "UpgradeableBeacon",
    JSON.parse(new Interface(beaconAbi).formatJson()) as unknown[],
    beaconCreated,
    [],
    await compilerOf(hre, "AssetToken"),
    { kind: "beacon", implementation: await upgrades.beacon.getImplementationAddress(beaconCreated.address) },
  );

  const assetFactory = await deployUups(
    RECORD.assetFactory,
    "AssetFactory",
    [deployerAddress, 0, deployerAddress, deployerAddress, beaconCreated.address, identity, registry],
    looksLike("AssetFactory", "ASSET_CREATOR_ROLE", () => true),
  );

  const adapterFactory = await ethers.getContractFactory("ReserveAggregatorAdapter", deployer);
  const adapterCreated = await createStep(
    ctx,
    RECORD.adapter,
    async () => landed(RECORD.adapter, await adapterFactory.deploy(registry, SOM_RESERVES, ADAPTER_DESCRIPTION)),
    async (address) => {
      try {
        const c = await ethers.getContractAt("ReserveAggregatorAdapter", address);
        return (await c.getFunction("registry").staticCall()) === registry;
      } catch {
        return false;
      }
    },
  );
  changed ||= !adapterCreated.skipped;
  await saveRecord(
    RECORD.adapter,
    "ReserveAggregatorAdapter",
    JSON.parse(adapterFactory.interface.formatJson()) as unknown[],
    adapterCreated,
    [registry, SOM_RESERVES, ADAPTER_DESCRIPTION],
    await compilerOf(hre, "ReserveAggregatorAdapter"),
  );

  // ---------------------------------------------------------------- 3. the Safe's address
  const admins = [registry, stablecoin, identity, assetFactory, supplyController];
  const adminIface = new Interface([
    "function acceptDefaultAdminTransfer()",
    "function changeDefaultAdminDelay(uint48 newDelay)",
  ]);
  let initializer = "";
  if (isNewSafe(config.reserveSafe)) {
    const acceptCalls: InnerCall[] = admins.flatMap((to) => {
      const calls: InnerCall[] = [{ to, value: 0n, operation: 0, data: adminIface.encodeFunctionData("acceptDefaultAdminTransfer", []) }];
      if (config.adminTransferDelay > 0) {
        calls.push({ to, value: 0n, operation: 0, data: adminIface.encodeFunctionData("changeDefaultAdminDelay", [config.adminTransferDelay]) });
      }
      return calls;
    });
    initializer = safeSetupData(config.reserveSafe.owners.map(resolve), config.reserveSafe.threshold, infra.fallbackHandler, {
      to: infra.multiSendCallOnly,
      data: encodeMultiSendCall(acceptCalls),
    });
    safeAddress = await predictSafeAddress(provider, infra, initializer, BigInt(config.reserveSafe.saltNonce));
  }
  log(`reserve Safe: ${safeAddress}${isNewSafe(config.reserveSafe) ? " (created by this deployment)" : " (existing)"}`);

  // ---------------------------------------------------------------- 4. wiring
  const at = async (contract: string, address: string) => ethers.getContractAt(contract, address, deployer);
  const send = async (p: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt | null> => (await p).wait();
  const sc = await at("SomStablecoin", stablecoin);
  const reg = await at("AttestationRegistry", registry);
  const idr = await at("IdentityRegistry", identity);
  const fac = await at("AssetFactory", assetFactory);
  const ctl = await at("SomSupplyController", supplyController);

  const track = (did: boolean): void => {
    changed ||= did;
  };

  track(
    await stateStep(
      ctx,
      "registry.configureSubject(SOM_RESERVES)",
      async () => {
        const c = (await reg.getFunction("subjectConfig")(SOM_RESERVES)) as { maxAge: bigint; listener: string };
        return Number(c.maxAge) === a.somReserves.maxAge && c.listener.toLowerCase() === stablecoin.toLowerCase();
      },
      async () => [await send(reg.getFunction("configureSubject")(SOM_RESERVES, a.somReserves.maxAge, a.somReserves.maxChangeBps, stablecoin))],
    ),
  );

  const grantAll = async (label: string, contract: { getFunction: typeof sc.getFunction }, roles: RoleAssignments): Promise<void> => {
    for (const [role, holders] of Object.entries(roles)) {
      const roleId = (await contract.getFunction(role)()) as string;
      for (const ref of holders) {
        const holder = resolve(ref);
        track(
          await stateStep(
            ctx,
            `${label}.grantRole(${role}, ${ref})`,
            async () => (await contract.getFunction("hasRole")(roleId, holder)) as boolean,
            async () => [await send(contract.getFunction("grantRole")(roleId, holder))],
          ),
        );
      }
    }
  };

  // The supply controller is the token's only minter.
  const token = SomStablecoin__factory.connect(stablecoin, deployer);
  const controller = SomSupplyController__factory.connect(supplyController, deployer);
  track(
    await stateStep(
      ctx,
      "stablecoin.setSupplyController(SomSupplyController)",
      async () => (await token.supplyController()).toLowerCase() === supplyController.toLowerCase(),
      async () => [await setSupplyController(token, supplyController)],
    ),
  );

  // Minters on the controller: the deployer holds MINTER_ADMIN_ROLE only for this step.
  const minterAdmin = await controller.MINTER_ADMIN_ROLE();
  const minterSettings = (m: DeployConfig["minters"][number]): MinterSettings => ({
    address: resolve(m.address),
    allowance: BigInt(m.allowance),
    rateLimit: { capacity: BigInt(m.rateLimit.capacity), refillPerSecond: BigInt(m.rateLimit.refillPerSecond) },
  });
  for (const m of config.minters) {
    const settings = minterSettings(m);
    track(
      await stateStep(
        ctx,
        `supplyController.configureMinter(${m.address}, ${m.allowance}, ${m.rateLimit.capacity}, ${m.rateLimit.refillPerSecond})`,
        async () => minterMatches(controller, settings),
        async () => {
          const out: (TransactionReceipt | null)[] = [];
          if (!(await controller.hasRole(minterAdmin, deployerAddress))) {
            out.push(await send(controller.grantRole(minterAdmin, deployerAddress)));
          }
          out.push(await configureMinter(controller, settings));
          return out;
        },
      ),
    );
  }

  await grantAll("stablecoin", sc, config.roles.stablecoin);
  await grantAll("supplyController", ctl, config.roles.supplyController);
  await grantAll("attestation", reg, config.roles.attestation);
  await grantAll("identity", idr, config.roles.identity);
  await grantAll("assetFactory", fac, config.roles.assetFactory);

  track(
    await stateStep(
      ctx,
      "stablecoin.setReserve(@safe)",
      async () => ((await sc.getFunction("reserve")()) as string).toLowerCase() === safeAddress.toLowerCase(),
      async () => [await send(sc.getFunction("setReserve")(safeAddress))],
    ),
  );
  track(
    await stateStep(
      ctx,
      "identity.setReserve(@safe)",
      async () => ((await idr.getFunction("reserve")()) as string).toLowerCase() === safeAddress.toLowerCase(),
      async () => [await send(idr.getFunction("setReserve")(safeAddress))],
    ),
  );

  // The deployer gives up every role it holds besides the default admin (handed over below).
  const temporaryRoles: [string, typeof sc, string[]][] = [
    ["supplyController", ctl, ["MINTER_ADMIN_ROLE"]],
    ["identity", idr, ["KYC_OFFICER_ROLE", "UPGRADER_ROLE"]],
    ["assetFactory", fac, ["ASSET_CREATOR_ROLE", "UPGRADER_ROLE"]],
    ["attestation", reg, ["UPGRADER_ROLE"]],
  ];
  for (const [label, contract, roles] of temporaryRoles) {
    for (const role of roles) {
      const roleId = (await contract.getFunction(role)()) as string;
      track(
        await stateStep(
          ctx,
          `${label}.renounceRole(${role}, deployer)`,
          async () => !((await contract.getFunction("hasRole")(roleId, deployerAddress)) as boolean),
          async () => [await send(contract.getFunction("renounceRole")(roleId, deployerAddress))],
        ),
      );
    }
  }

  for (const [label, contract] of [
    ["attestation", reg],
    ["stablecoin", sc],
    ["supplyController", ctl],
    ["identity", idr],
    ["assetFactory", fac],
  ] as const) {
    track(
      await stateStep(
        ctx,
        `${label}.beginDefaultAdminTransfer(@safe)`,
        async () => {
          const [pending] = (await contract.getFunction("pendingDefaultAdmin")()) as [string, bigint];
          const admin = (await contract.getFunction("defaultAdmin")()) as string;
          return pending.toLowerCase() === safeAddress.toLowerCase() || admin.toLowerCase() === safeAddress.toLowerCase();
        },
        async () => [await send(contract.getFunction("beginDefaultAdminTransfer")(safeAddress))],
      ),
    );
  }

  const beacon = new ethers.Contract(beaconCreated.address, beaconAbi, deployer);
  track(
    await stateStep(
      ctx,
      "assetBeacon.transferOwnership(@safe)",
      async () => ((await beacon.getFunction("owner")()) as string).toLowerCase() === safeAddress.toLowerCase(),
      async () => [await send(beacon.getFunction("transferOwnership")(safeAddress) as Promise<{ wait(): Promise<TransactionReceipt | null> }>)],
    ),
  );

  // ---------------------------------------------------------------- 5. the reserve Safe
  let handoverProposal: string | undefined;
  if (isNewSafe(config.reserveSafe)) {
    const rs = config.reserveSafe;
    const created = await createStep(
      ctx,
      RECORD.reserveSafe,
      async () => {
        const factory = new ethers.Contract(infra.proxyFactory, loadSafeArtifact("SafeProxyFactory").abi, deployer);
        const tx = await factory.getFunction("createProxyWithNonce")(infra.singleton, initializer, BigInt(rs.saltNonce));
        const receipt = (await tx.wait()) as TransactionReceipt | null;
        recordGas(ctx, RECORD.reserveSafe, receipt);
        if (!receipt || receipt.status !== 1) throw new DeployError(`creating the reserve Safe failed (${String(tx.hash)})`);
        return { address: safeAddress, transactionHash: receipt.hash, blockNumber: receipt.blockNumber };
      },
      async () => false,
    );
    changed ||= !created.skipped;
    await verifySafeSetup(provider, safeAddress, rs.owners.map(resolve), rs.threshold, infra.fallbackHandler);
    await saveRecord(RECORD.reserveSafe, "Safe", loadSafeArtifact("Safe").abi as readonly unknown[], created, [rs.owners.map(resolve), rs.threshold, rs.saltNonce], "canonical artifact @safe-global/safe-contracts@1.4.1", {
      kind: "beacon-proxy",
      implementation: infra.singleton,
    });
  } else {
    // An existing Safe accepts through its custodians: write the batch as a proposal file.
    const out = path.join(dir, "_handover-proposal.json");
    if (!fs.existsSync(out)) {
      const context = await loadProposalContext(provider, Object.values(records), safeAddress);
      const calls: InnerCall[] = [RECORD.registry, RECORD.stablecoin, RECORD.identity, RECORD.assetFactory, RECORD.supplyController].map((name) =>
        buildCall(context, { action: "acceptDefaultAdminTransfer", contract: name, args: [] }),
      );
      const proposal = assembleProposal({
        chainId,
        safe: safeAddress,
        nonce: await currentNonce(provider, safeAddress),
        calls,
        context,
        multiSendCallOnly: infra.multiSendCallOnly,
        description: "accept the default admin role of every contract of the new deployment",
      });
      fs.writeFileSync(out, proposalToJson(proposal));
    }
    handoverProposal = out;
  }

  // ---------------------------------------------------------------- 6. read back and check (sources are verified by the CLI)
  const matrix: ContractRoles[] = [];
  for (const r of Object.values(records)) {
    const roles = await readContractRoles(provider, r);
    if (roles) matrix.push(roles);
  }
  const held = powersHeldBy(deployerAddress, matrix);
  if (held.length === 0) {
    const problems = await checkAgainstConfig({
      matrix,
      expected: {
        [RECORD.stablecoin]: { ...config.roles.stablecoin, DEFAULT_ADMIN_ROLE: ["@safe"] },
        [RECORD.supplyController]: { ...config.roles.supplyController, DEFAULT_ADMIN_ROLE: ["@safe"] },
        [RECORD.registry]: { ...config.roles.attestation, DEFAULT_ADMIN_ROLE: ["@safe"] },
        [RECORD.identity]: { ...config.roles.identity, DEFAULT_ADMIN_ROLE: ["@safe"] },
        [RECORD.assetFactory]: { ...config.roles.assetFactory, DEFAULT_ADMIN_ROLE: ["@safe"] },
      },
      resolve,
      owners: { [RECORD.assetBeacon]: safeAddress },
      settings: [
        ["SomStablecoin.reserve", (await sc.getFunction("reserve")()) as string, safeAddress],
        ["SomStablecoin.reserveFeed", (await sc.getFunction("reserveFeed")()) as string, registry],
        ["SomStablecoin.supplyController", await token.supplyController(), supplyController],
        ...(await Promise.all(
          config.minters.map(async (m): Promise<[string, string, string]> => [
            `SomSupplyController.minter(${m.address})`,
            String(await minterMatches(controller, minterSettings(m))),
            "true",
          ]),
        )),
        ["IdentityRegistry.reserve", (await idr.getFunction("reserve")()) as string, safeAddress],
        ["AssetFactory.beacon", (await fac.getFunction("beacon")()) as string, beaconCreated.address],
        ["AttestationRegistry.threshold", String(await reg.getFunction("threshold")()), String(a.threshold)],
        [
          "AttestationRegistry.attestors",
          ((await reg.getFunction("attestors")()) as string[]).map((x) => x.toLowerCase()).sort().join(","),
          a.attestors.map((x) => resolve(x).toLowerCase()).sort().join(","),
        ],
      ],
    });
    if (problems.length > 0) {
      throw new DeployError(`the deployment on chain differs from ${config.file}:\n  ${problems.join("\n  ")}`);
    }
  }
  if (held.length > 0) {
    const hint = handoverProposal
      ? ` The existing Safe must accept the admin role: custodians sign and execute the proposal ${handoverProposal} (docs/custodian.md), then rerun.`
      : "";
    throw new DeployError(`the deployer ${deployerAddress} still holds: ${held.join("; ")}.${hint}`);
  }
  const spent = await deployerGasSince(provider, deployerAddress, firstBlock);
  return {
    transactions: spent.transactions,
    totalGas: spent.gas,
    network,
    chainId,
    deployer: deployerAddress,
    safe: safeAddress,
    records,
    matrix,
    gasUsed: ctx.gasUsed,
    alreadyComplete: !changed,
    handoverProposal,
  };
}

export { formatRolesMatrix };

interface ConfigCheck {
  matrix: readonly ContractRoles[];
  /** Record name -> role name -> expected holders (config references). */
  expected: Record<string, RoleAssignments>;
  resolve: (ref: string) => string;
  /** Record name -> expected owner. */
  owners: Record<string, string>;
  /** [label, on chain, expected]; addresses compared case-insensitively. */
  settings: [string, string, string][];
}

/**
 * Compares what the chain says with the configuration: every role holder of every contract (an
 * extra holder is as wrong as a missing one: a key that was compromised during deployment could
 * otherwise have granted itself a role and renounced its own), owners, and key settings.
 */
async function checkAgainstConfig(c: ConfigCheck): Promise<string[]> {
  const problems: string[] = [];
  for (const [recordName, roles] of Object.entries(c.expected)) {
    const onChain = c.matrix.find((m) => m.name === recordName);
    if (!onChain) {
      problems.push(`${recordName}: no roles read back`);
      continue;
    }
    const names = new Set([...Object.keys(roles), ...onChain.roles.map((r) => r.role)]);
    for (const role of names) {
      const want = (roles[role] ?? []).map((ref) => c.resolve(ref).toLowerCase()).sort();
      const have = (onChain.roles.find((r) => r.role === role)?.holders ?? []).map((h) => h.toLowerCase()).sort();
      if (JSON.stringify(want) !== JSON.stringify(have)) {
        problems.push(`${recordName}.${role}: holders ${have.join(", ") || "(none)"}, configuration says ${want.join(", ") || "(none)"}`);
      }
    }
  }
  for (const [recordName, owner] of Object.entries(c.owners)) {
    const have = c.matrix.find((m) => m.name === recordName)?.owner ?? "(none)";
    if (have.toLowerCase() !== owner.toLowerCase()) problems.push(`${recordName}.owner is ${have}, expected ${owner}`);
  }
  for (const [label, have, want] of c.settings) {
    if (have.toLowerCase() !== want.toLowerCase()) problems.push(`${label} is ${have}, expected ${want}`);
  }
  return problems;
}
