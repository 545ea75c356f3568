/**
 * ERC-5267 `eip712Domain()` on every contract that verifies EIP-712 signatures (the token and the
 * attestation registry), the public type hashes (as USDC publishes them), and the domain wallets
 * and OpenZeppelin's test helpers rebuild from them.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Interface, TypedDataEncoder } from "ethers";
import { NAME, deployStablecoinFixture, inOneHour } from "./fixture";
import {
  STABLECOIN_TYPES,
  SOM_STABLECOIN_EIP712_VERSION,
  buildDomain,
  signPermit,
} from "../../src/stablecoin/signatures";
import { registryFixture } from "../attestation/fixture";
import { reportDomain } from "../../src/attestation/report";

/** The EIP-712 domain as an ERC-5267 reader (OpenZeppelin's `getDomain` helper, wallets) rebuilds it. */
async function domainFromEip5267(contract: {
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}) {
  const [fields, name, version, chainId, verifyingContract, salt, extensions] = await contract.eip712Domain();
  return { fields, name, version, chainId, verifyingContract, salt, extensions };
}

describe("stablecoin: EIP-712 domain (ERC-5267) and type hashes", function () {
  it("the token describes its domain: name, version, chain id and this proxy (fields 0x0f), no salt or extensions", async function () {
    const { token, domain } = await loadFixture(deployStablecoinFixture);
    const d = await domainFromEip5267(token);
    expect(d).to.deep.equal({
      fields: "0x0f",
      name: NAME,
      version: SOM_STABLECOIN_EIP712_VERSION,
      chainId: domain.chainId,
      verifyingContract: await token.getAddress(),
      salt: ethers.ZeroHash,
      extensions: [],
    });
    // the described domain is the one the token verifies against
    expect(
      TypedDataEncoder.hashDomain({
        name: d.name,
        version: d.version,
        chainId: d.chainId,
        verifyingContract: d.verifyingContract,
      }),
    ).to.equal(await token.DOMAIN_SEPARATOR());
    expect(TypedDataEncoder.hashDomain(buildDomain(domain))).to.equal(await token.DOMAIN_SEPARATOR());
  });

  it("a permit signed over the domain read from eip712Domain() is accepted (how OpenZeppelin's ERC20Permit tests sign)", async function () {
    const { token, alice, bob, relayer } = await loadFixture(deployStablecoinFixture);
    const d = await domainFromEip5267(token);
    const deadline = await inOneHour();
    const sig = await signPermit(
      alice,
      { name: d.name, chainId: d.chainId, verifyingContract: d.verifyingContract },
      {
        owner: alice.address,
        spender: bob.address,
        value: 42n,
        nonce: 0n,
        deadline,
      },
    );
    await token
      .connect(relayer)
      ["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
        alice.address,
        bob.address,
        42n,
        deadline,
        sig.v,
        sig.r,
        sig.s,
      );
    expect(await token.allowance(alice.address, bob.address)).to.equal(42n);
  });

  it("public type hashes equal the EIP-2612 / EIP-3009 type strings", async function () {
    const { token } = await loadFixture(deployStablecoinFixture);
    const hashOf = (primary: keyof typeof STABLECOIN_TYPES) =>
      TypedDataEncoder.from({ [primary]: [...STABLECOIN_TYPES[primary]] }).encodeType(primary);
    expect(await token.PERMIT_TYPEHASH()).to.equal(ethers.id(hashOf("Permit")));
    expect(await token.TRANSFER_WITH_AUTHORIZATION_TYPEHASH()).to.equal(ethers.id(hashOf("TransferWithAuthorization")));
    expect(await token.RECEIVE_WITH_AUTHORIZATION_TYPEHASH()).to.equal(ethers.id(hashOf("ReceiveWithAuthorization")));
    expect(await token.CANCEL_AUTHORIZATION_TYPEHASH()).to.equal(ethers.id(hashOf("CancelAuthorization")));
    expect(await token.PERMIT_TYPEHASH()).to.equal(
      ethers.id("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
    );
    expect(await token.CANCEL_AUTHORIZATION_TYPEHASH()).to.equal(
      ethers.id("CancelAuthorization(address authorizer,bytes32 nonce)"),
    );
  });

  it("the token declares ERC-5267, ERC-3009 and ERC-2612 through OpenZeppelin's interfaces", async function () {
    const { token } = await loadFixture(deployStablecoinFixture);
    const iface = new Interface(token.interface.fragments);
    for (const fn of [
      "eip712Domain",
      "authorizationState",
      "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
      "nonces",
      "DOMAIN_SEPARATOR",
      "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
      "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
      "cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)",
    ]) {
      expect(iface.getFunction(fn), fn).to.not.equal(null);
    }
    for (const event of ["AuthorizationUsed", "AuthorizationCanceled", "EIP712DomainChanged"]) {
      expect(iface.getEvent(event), event).to.not.equal(null);
    }
  });

  it("the attestation registry (OpenZeppelin EIP712Upgradeable) describes its domain too", async function () {
    const { registry, chainId, registryAddress } = await loadFixture(registryFixture);
    const d = await domainFromEip5267(registry);
    const expected = reportDomain(chainId, registryAddress);
    expect(d).to.deep.equal({
      fields: "0x0f",
      name: expected.name,
      version: expected.version,
      chainId,
      verifyingContract: registryAddress,
      salt: ethers.ZeroHash,
      extensions: [],
    });
  });
});
