import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Interface, ZeroAddress, ZeroHash, getAddress, hexlify, keccak256, randomBytes } from "ethers";
import type { Provider } from "ethers";
import {
  SAFE_CONTRACT_NAMES,
  canonicalAddressAndHash,
  deploymentForChain,
  loadSafeArtifact,
} from "../../src/safe/artifacts";
import {
  FALLBACK_HANDLER_SLOT,
  SafeDeploymentError,
  createReserveSafe,
  deployLocalSafeContracts,
  resolveSafeInfrastructure,
  saltNonceFor,
  validateOwners,
} from "../../src/safe/deploy";
import { safeContract } from "../../src/custody/execute";
import { buildSafeTx, safeTxHash } from "../../src/safe/safeTx";
import { CUSTODIANS, rpc, safeFixture } from "../custody/fixtures";
import { expectRejects } from "../helpers/rejects";

describe("safe: infrastructure from the canonical artifacts", function () {
  it("deploys every Safe v1.4.1 contract at its canonical address with the canonical runtime code hash", async function () {
    const [deployer] = await hre.ethers.getSigners();
    await deployLocalSafeContracts(deployer, rpc, SAFE_CONTRACT_NAMES);
    for (const name of SAFE_CONTRACT_NAMES) {
      const { address, codeHash } = canonicalAddressAndHash(name);
      const code = await hre.ethers.provider.getCode(address);
      expect(keccak256(code), name).to.equal(codeHash);
      expect(keccak256(loadSafeArtifact(name).deployedBytecode), `${name} artifact`).to.equal(codeHash);
    }
  });

  it("uses the Safe singleton (not SafeL2) and the proxy factory for the reserve, with no fallback handler (no ERC-1271 answers)", async function () {
    const fx = await loadFixture(safeFixture);
    expect(fx.infra.singleton).to.equal(canonicalAddressAndHash("Safe").address);
    const safe = safeContract(fx.safe23.address, hre.ethers.provider);
    expect(await safe.getOwners()).to.deep.equal(CUSTODIANS.slice(0, 3).map((w) => w.address));
    expect(await safe.getThreshold()).to.equal(2n);
    const handler = await hre.ethers.provider.getStorage(fx.safe23.address, FALLBACK_HANDLER_SLOT);
    expect(getAddress(`0x${handler.slice(26)}`)).to.equal(ZeroAddress);
    // what an ERC-1271 check of a contract signature gets from it: nothing (the Safe's fallback returns empty data)
    const isValidSignature = new Interface([
      "function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)",
    ]).encodeFunctionData("isValidSignature", [ZeroHash, "0x"]);
    expect(await hre.ethers.provider.call({ to: fx.safe23.address, data: isValidSignature })).to.equal("0x");
    const safe35 = safeContract(fx.safe35.address, hre.ethers.provider);
    expect(await safe35.getThreshold()).to.equal(3n);
    expect(await safe35.getOwners()).to.have.length(5);
  });

  it("finds the same Safe again when a deployment is resumed (deterministic salt)", async function () {
    const fx = await loadFixture(safeFixture);
    const [deployer] = await hre.ethers.getSigners();
    const again = await createReserveSafe(deployer, fx.infra, {
      owners: CUSTODIANS.slice(0, 3).map((w) => w.address),
      threshold: 2,
      saltNonce: saltNonceFor("Reserve2of3"),
    });
    expect(again.address).to.equal(fx.safe23.address);
    expect(again.transactionHash).to.equal(undefined);
  });

  it("refuses to adopt a Safe at the predicted address that changed since its creation (a module enabled)", async function () {
    const fx = await loadFixture(safeFixture);
    const [deployer] = await hre.ethers.getSigners();
    const config = {
      owners: CUSTODIANS.slice(0, 3).map((w) => w.address),
      threshold: 2,
      saltNonce: saltNonceFor("adopt-with-module"),
    };
    const { address } = await createReserveSafe(deployer, fx.infra, config);
    // the Safe itself enables a module (what an executed enableModule does)
    await hre.network.provider.send("hardhat_impersonateAccount", [address]);
    await hre.network.provider.send("hardhat_setBalance", [address, "0x56BC75E2D63100000"]);
    const module = hexlify(randomBytes(20));
    await (await safeContract(address, await hre.ethers.getSigner(address)).enableModule(module)).wait();
    await hre.network.provider.send("hardhat_stopImpersonatingAccount", [address]);
    await expectRejects(
      createReserveSafe(deployer, fx.infra, config),
      new RegExp(`has module ${getAddress(module)} enabled`),
      SafeDeploymentError,
    );
  });

  it("rejects bad owner sets before sending anything", function () {
    const a = CUSTODIANS[0].address;
    expect(() => validateOwners([a, a], 1)).to.throw(SafeDeploymentError, "listed twice");
    expect(() => validateOwners([a], 2)).to.throw(SafeDeploymentError, "threshold 2");
    expect(() => validateOwners([ZeroAddress], 1)).to.throw(SafeDeploymentError, "not allowed");
    expect(() => validateOwners(["0x1234"], 1)).to.throw(SafeDeploymentError, "not an address");
  });

  it("resolves canonical addresses on testnets and fails clearly on a chain without Safe", async function () {
    expect(deploymentForChain("Safe", 11155111)?.address).to.equal(canonicalAddressAndHash("Safe").address);
    expect(deploymentForChain("MultiSendCallOnly", 97)?.address).to.equal(
      canonicalAddressAndHash("MultiSendCallOnly").address,
    );
    expect(deploymentForChain("Safe", 987654321)).to.equal(undefined);
    const fake = { getNetwork: async () => ({ chainId: 987654321n }) } as unknown as Provider;
    await resolveSafeInfrastructure(fake).then(
      () => expect.fail("resolved a chain without Safe"),
      (e: Error) => {
        expect(e).to.be.instanceOf(SafeDeploymentError);
        expect(e.message).to.contain("chain 987654321 has no canonical Safe v1.4.1").and.contain("never redeployed");
      },
    );
  });

  it("refuses to redeploy Safe on a non-local chain", async function () {
    const fakeSigner = { provider: { getNetwork: async () => ({ chainId: 11155111n }) } } as never;
    await deployLocalSafeContracts(fakeSigner, rpc, ["Safe"]).then(
      () => expect.fail("deployed on a public chain"),
      (e: Error) => expect(e.message).to.contain("never redeployed"),
    );
  });

  it("computes the same SafeTx hash as the Safe's getTransactionHash", async function () {
    const fx = await loadFixture(safeFixture);
    const safe = safeContract(fx.safe35.address, hre.ethers.provider);
    for (let i = 0; i < 5; i++) {
      const tx = {
        ...buildSafeTx({
          to: hexlify(randomBytes(20)),
          data: hexlify(randomBytes(i * 37)),
          value: BigInt(i) * 10n ** 18n,
          operation: (i % 2) as 0 | 1,
          nonce: BigInt(i * 7),
        }),
        safeTxGas: BigInt(i * 1000),
        baseGas: BigInt(i),
        gasPrice: BigInt(i * 3),
        gasToken: getAddress(hexlify(randomBytes(20))),
        refundReceiver: getAddress(hexlify(randomBytes(20))),
      };
      const onChain = await safe.getTransactionHash(
        tx.to,
        tx.value,
        tx.data,
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        tx.nonce,
      );
      expect(safeTxHash(31337, fx.safe35.address, tx)).to.equal(onChain);
    }
  });
});
