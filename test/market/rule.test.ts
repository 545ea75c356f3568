import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployDistributionRule } from "../../src/market/deploy";
import { deployMarketFixture } from "./fixture";
import { CLASSIFICATION } from "../../src/guard/classification";
import type { ParamType } from "ethers";

const SIG = "0x" + "11".repeat(65);

/**
 * SomStablecoin functions the rule refuses on purpose (not protective, yet never the Safe's to call):
 * `mint` is the supply controller's alone (the Safe mints through SomSupplyController), `initialize`
 * runs once at the proxy's deployment. Every other non-protective function must be recognised.
 */
const DELIBERATELY_REFUSED: Readonly<Record<string, string>> = {
  "mint(uint256)": "the supply controller's alone",
  "initialize(address,uint48,(string,string,uint8,address,address,uint64))": "proxy deployment only",
};

/** A harmless value of `p`'s type: every address the eligible `eligible`, numbers 0, arrays empty. */
function sample(p: ParamType, eligible: string): unknown {
  if (p.isArray()) return [];
  if (p.isTuple()) return p.components.map((c) => sample(c, eligible));
  if (p.baseType === "address") return eligible;
  if (p.baseType === "bool") return false;
  if (p.baseType === "string") return "";
  if (p.baseType === "bytes") return "0x";
  if (p.baseType.startsWith("bytes")) return "0x" + "00".repeat(Number(p.baseType.slice(5)));
  return 0n;
}
const NONCE = ethers.id("n");

describe("market: DistributionRule (unit)", function () {
  async function ruleFixture() {
    const f = await deployMarketFixture();
    const safe = f.reserve.address;
    const tokenAddress = await f.token.getAddress();
    const i = f.token.interface;
    const check = (data: string, to = tokenAddress) => f.rule.checkCall(safe, to, 0n, data);
    return { ...f, safe, tokenAddress, i, check };
  }

  it("transfer: to an eligible counterparty passes; to anyone else is refused", async function () {
    const f = await loadFixture(ruleFixture);
    await f.check(f.i.encodeFunctionData("transfer", [f.exchange.address, 5n]));
    await expect(f.check(f.i.encodeFunctionData("transfer", [f.stranger.address, 5n])))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleNotEligible")
      .withArgs(f.stranger.address, "0xa9059cbb");
    // to the Safe itself (no outflow) passes
    await f.check(f.i.encodeFunctionData("transfer", [f.safe, 5n]));
  });

  it("eligibility is read at call time: suspended or expired counterparties are refused", async function () {
    const f = await loadFixture(ruleFixture);
    const data = f.i.encodeFunctionData("transfer", [f.exchange.address, 5n]);
    await f.registry.suspend(f.exchange.address, ethers.ZeroHash);
    await expect(f.check(data)).to.be.revertedWithCustomError(f.rule, "DistributionRuleNotEligible");
    await f.registry.reinstate(f.exchange.address, ethers.ZeroHash);
    await f.check(data);
    await ethers.provider.send("evm_setNextBlockTimestamp", [
      Number((await f.registry.counterparty(f.exchange.address)).licenceExpiry),
    ]);
    await ethers.provider.send("evm_mine", []);
    await expect(f.check(data)).to.be.revertedWithCustomError(f.rule, "DistributionRuleNotEligible");
  });

  it("approve: the Safe grants no standing allowance, whatever the spender (eligible included); revoking (0) passes", async function () {
    const f = await loadFixture(ruleFixture);
    for (const spender of [f.exchange.address, f.stranger.address, f.safe]) {
      await expect(f.check(f.i.encodeFunctionData("approve", [spender, 1n])))
        .to.be.revertedWithCustomError(f.rule, "DistributionRuleAllowanceRefused")
        .withArgs(spender, "0x095ea7b3");
      await f.check(f.i.encodeFunctionData("approve", [spender, 0n]));
    }
  });

  it("transferFrom, transferWithAuthorization, receiveWithAuthorization (both overloads): from the Safe only to an eligible recipient", async function () {
    const f = await loadFixture(ruleFixture);
    const encoders: [string, (from: string, to: string) => string][] = [
      ["0x23b872dd", (a, b) => f.i.encodeFunctionData("transferFrom", [a, b, 5n])],
      [
        "0xe3ee160e",
        (a, b) =>
          f.i.encodeFunctionData(
            "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
            [a, b, 5n, 0n, 1n, NONCE, 27, NONCE, NONCE],
          ),
      ],
      [
        "0xcf092995",
        (a, b) =>
          f.i.encodeFunctionData("transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)", [
            a,
            b,
            5n,
            0n,
            1n,
            NONCE,
            SIG,
          ]),
      ],
      [
        "0xef55bec6",
        (a, b) =>
          f.i.encodeFunctionData(
            "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
            [a, b, 5n, 0n, 1n, NONCE, 27, NONCE, NONCE],
          ),
      ],
      [
        "0x88b7ab63",
        (a, b) =>
          f.i.encodeFunctionData("receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)", [
            a,
            b,
            5n,
            0n,
            1n,
            NONCE,
            SIG,
          ]),
      ],
    ];
    for (const [selector, encode] of encoders) {
      await f.check(encode(f.safe, f.exchange.address));
      await expect(f.check(encode(f.safe, f.stranger.address)), selector)
        .to.be.revertedWithCustomError(f.rule, "DistributionRuleNotEligible")
        .withArgs(f.stranger.address, selector);
      // moving someone else's tokens is not an outflow of the reserve
      await f.check(encode(f.stranger.address, f.bank.address));
    }
  });

  it("permit (both overloads): the Safe's permit above zero is refused whatever the spender; zero, and others' permits, pass", async function () {
    const f = await loadFixture(ruleFixture);
    const vrs = (o: string, s: string, v: bigint) =>
      f.i.encodeFunctionData("permit(address,address,uint256,uint256,uint8,bytes32,bytes32)", [
        o,
        s,
        v,
        1n,
        27,
        NONCE,
        NONCE,
      ]);
    const bytes = (o: string, s: string, v: bigint) =>
      f.i.encodeFunctionData("permit(address,address,uint256,uint256,bytes)", [o, s, v, 1n, SIG]);
    for (const [selector, encode] of [
      ["0xd505accf", vrs],
      ["0x9fd5a6cf", bytes],
    ] as const) {
      for (const spender of [f.exchange.address, f.stranger.address]) {
        await expect(f.check(encode(f.safe, spender, 5n)))
          .to.be.revertedWithCustomError(f.rule, "DistributionRuleAllowanceRefused")
          .withArgs(spender, selector);
      }
      await f.check(encode(f.safe, f.stranger.address, 0n));
      await f.check(encode(f.stranger.address, f.bank.address, 5n));
    }
  });

  it("wipeFrozen: never the redemption desk's escrow nor the Safe itself; other accounts pass (the token decides)", async function () {
    const f = await loadFixture(ruleFixture);
    const desk = await f.desk.getAddress();
    expect(await f.rule.desk()).to.equal(desk);
    for (const account of [desk, f.safe]) {
      await expect(f.check(f.i.encodeFunctionData("wipeFrozen", [account, NONCE])))
        .to.be.revertedWithCustomError(f.rule, "DistributionRuleSystemAccount")
        .withArgs(account, "0xaef15b03");
    }
    await f.check(f.i.encodeFunctionData("wipeFrozen", [f.stranger.address, NONCE]));
    // unfreezing the desk passes: it is how the Safe lets redemptions settle again after a freeze
    await f.check(f.i.encodeFunctionData("unfreeze", [desk]));
  });

  it("fails closed: a stablecoin selector the rule does not know, mint, initialize and short data are refused", async function () {
    const f = await loadFixture(ruleFixture);
    await expect(f.check("0xdeadbeef"))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
      .withArgs("0xdeadbeef");
    // e.g. a future increaseAllowance(address,uint256)
    await expect(f.check("0x39509351" + "00".repeat(64)))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
      .withArgs("0x39509351");
    await expect(f.check(f.i.encodeFunctionData("mint", [5n])))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
      .withArgs("0xa0712d68");
    await expect(f.check("0x"))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
      .withArgs("0x00000000");
    await expect(f.check("0xa9059c"))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
      .withArgs("0x00000000");
  });

  it("calls to other contracts pass (the desk, asset tokens); recognised stablecoin administration passes", async function () {
    const f = await loadFixture(ruleFixture);
    await f.check(f.i.encodeFunctionData("burn", [5n, ethers.ZeroHash]));
    await f.check(f.i.encodeFunctionData("syncReserves"));
    await f.check(f.i.encodeFunctionData("transfer", [f.stranger.address, 5n]), f.stranger.address);
    await f.check(f.desk.interface.encodeFunctionData("settle", [1n]), await f.desk.getAddress());
    await f.check("0x", f.stranger.address);
  });

  it("malformed calls to the stablecoin are refused: short data, dirty address words", async function () {
    const f = await loadFixture(ruleFixture);
    const good = f.i.encodeFunctionData("transfer", [f.exchange.address, 5n]);
    await expect(f.check(good.slice(0, 10 + 62)))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleMalformedCall")
      .withArgs("0xa9059cbb");
    const dirty = "0xa9059cbb" + "ff" + good.slice(12);
    await expect(f.check(dirty)).to.be.revertedWithCustomError(f.rule, "DistributionRuleMalformedCall");
    await expect(
      f.check(f.i.encodeFunctionData("approve", [f.exchange.address, 5n]).slice(0, 10 + 64)),
    ).to.be.revertedWithCustomError(f.rule, "DistributionRuleMalformedCall");
  });

  it("argument words: an amount above 160 bits is a number, not a dirty address; the all-ones address is clean", async function () {
    // (mutation testing: DistributionRule:constant:L176:152ee50e and DistributionRule:boundary:L188:cd372fe1)
    const f = await loadFixture(ruleFixture);
    await f.check(f.i.encodeFunctionData("transfer", [f.exchange.address, 2n ** 160n]));
    await expect(f.check(f.i.encodeFunctionData("approve", [f.exchange.address, ethers.MaxUint256])))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleAllowanceRefused")
      .withArgs(f.exchange.address, "0x095ea7b3");
    const allOnes = "0x" + "ff".repeat(20);
    await expect(f.check(f.i.encodeFunctionData("transfer", [allOnes, 5n])))
      .to.be.revertedWithCustomError(f.rule, "DistributionRuleNotEligible")
      .withArgs(ethers.getAddress(allOnes), "0xa9059cbb");
  });

  it("constructor refuses zero addresses; token, registry and desk are fixed", async function () {
    const f = await loadFixture(ruleFixture);
    const R = await ethers.getContractFactory("DistributionRule");
    const desk = await f.desk.getAddress();
    await expect(
      deployDistributionRule({
        deployer: f.admin,
        token: ethers.ZeroAddress,
        registry: await f.registry.getAddress(),
        desk,
      }),
    ).to.be.revertedWithCustomError(R, "DistributionRuleZeroAddress");
    await expect(
      deployDistributionRule({ deployer: f.admin, token: f.tokenAddress, registry: ethers.ZeroAddress, desk }),
    ).to.be.revertedWithCustomError(R, "DistributionRuleZeroAddress");
    await expect(
      deployDistributionRule({
        deployer: f.admin,
        token: f.tokenAddress,
        registry: await f.registry.getAddress(),
        desk: ethers.ZeroAddress,
      }),
    ).to.be.revertedWithCustomError(R, "DistributionRuleZeroAddress");
    expect(await f.rule.token()).to.equal(f.tokenAddress);
    expect(await f.rule.registry()).to.equal(await f.registry.getAddress());
    expect(await f.rule.desk()).to.equal(desk);
  });

  it("holders' ordinary transfers never touch the rule: a holder pays an unlicensed address at the usual cost", async function () {
    const f = await loadFixture(ruleFixture);
    // a recipient that already holds tokens, as in tools/bench/stablecoin.ts
    await f.token.connect(f.reserve).transfer(f.stranger.address, 1n);
    const gas = (await (await f.token.connect(f.exchange).transfer(f.stranger.address, 12_345n)).wait())?.gasUsed ?? 0n;
    // solidity-coverage instruments the token (every line costs gas): the figure only holds uninstrumented
    const coverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
    if (!coverage) expect(gas <= 42_000n, `transfer gas ${gas}`).to.equal(true);
  });

  it("every SomStablecoin function (from the compiled ABI and the classification) is recognised by the rule or deliberately refused", async function () {
    const f = await loadFixture(ruleFixture);
    const abi = new ethers.Interface((await hre.artifacts.readArtifact("SomStablecoin")).abi);
    const table = CLASSIFICATION.SomStablecoin;
    const seen: string[] = [];
    const fns: ReturnType<typeof abi.getFunction>[] = [];
    abi.forEachFunction((fn) => {
      if (fn.stateMutability !== "view" && fn.stateMutability !== "pure") fns.push(fn);
    });
    for (const fn of fns) {
      if (!fn) continue;
      const sig = fn.format("sighash");
      seen.push(sig);
      const cls = table[sig];
      expect(cls, `${sig}: classify it in src/guard/classification.ts, then decide the rule's answer`).to.not.equal(
        undefined,
      );
      const data = abi.encodeFunctionData(
        fn,
        fn.inputs.map((p) => sample(p, f.exchange.address)),
      );
      if (cls?.[0] === "protective") {
        // the guard never consults the rule for these (test/guard/classification.test.ts: isProtective == the class)
        await expect(f.check(data), sig).to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall");
      } else if (DELIBERATELY_REFUSED[sig]) {
        await expect(f.check(data), sig)
          .to.be.revertedWithCustomError(f.rule, "DistributionRuleUnknownCall")
          .withArgs(fn.selector);
      } else {
        // recognised: with an eligible counterparty as every address and zero amounts, it passes
        await f
          .check(data)
          .catch((e: unknown) =>
            expect.fail(`${sig} (${cls?.[0]}) is not recognised by the DistributionRule: ${String(e)}`),
          );
      }
    }
    for (const sig of Object.keys(DELIBERATELY_REFUSED)) expect(seen, sig).to.include(sig);
    expect(seen.length).to.equal(Object.keys(table).length);
  });
});
