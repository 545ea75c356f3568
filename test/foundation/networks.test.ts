import { expect } from "chai";
import {
  MISSING_URL_PREFIX,
  MissingNetworkVariablesError,
  PUBLIC_NETWORKS,
  assertNetworkUsable,
  publicNetworkConfig,
} from "../../src/chain/networks";
import { runHardhat } from "../helpers/cli";

const NO_ENV = { SEPOLIA_RPC_URL: "", BSC_TESTNET_RPC_URL: "", DEPLOYER_PRIVATE_KEY: "" };

describe("foundation: networks from the environment", function () {
  it("configures sepolia and bscTestnet with their chain ids", function () {
    expect(PUBLIC_NETWORKS.map((n) => [n.name, n.chainId])).to.deep.equal([
      ["sepolia", 11155111],
      ["bscTestnet", 97],
    ]);
  });

  it("uses a placeholder URL and no accounts when variables are missing", function () {
    const cfg = publicNetworkConfig(PUBLIC_NETWORKS[0], {});
    expect(cfg.url).to.equal(`${MISSING_URL_PREFIX}SEPOLIA_RPC_URL`);
    expect(cfg.accounts).to.deep.equal([]);
  });

  it("reads the URL and key from the environment, never from the config file", function () {
    const key = "11".repeat(32);
    const cfg = publicNetworkConfig(PUBLIC_NETWORKS[1], {
      BSC_TESTNET_RPC_URL: "https://rpc.example",
      DEPLOYER_PRIVATE_KEY: key,
    });
    expect(cfg).to.deep.equal({ url: "https://rpc.example", chainId: 97, accounts: [`0x${key}`] });
  });

  it("names the missing variable when a public network is used", function () {
    expect(() => assertNetworkUsable("sepolia", {}))
      .to.throw(MissingNetworkVariablesError)
      .with.property("message")
      .that.contains("SEPOLIA_RPC_URL");
    expect(() => assertNetworkUsable("hardhat", {})).to.not.throw();
    expect(() => assertNetworkUsable("sepolia", { SEPOLIA_RPC_URL: "http://127.0.0.1:1" })).to.not.throw();
  });

  it("`hardhat --network sepolia compile` works without any variables", function () {
    const res = runHardhat(["--network", "sepolia", "compile"], NO_ENV);
    expect(res.status, res.output).to.equal(0);
  });

  it("`hardhat --network sepolia run <script>` without variables fails naming them", function () {
    const res = runHardhat(["--network", "sepolia", "run", "scripts/report.ts"], NO_ENV);
    expect(res.status).to.not.equal(0);
    expect(res.output).to.contain('Network "sepolia" cannot be used: missing environment variable SEPOLIA_RPC_URL');
    expect(res.output).to.not.match(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it("`hardhat --network bscTestnet run <script>` without variables fails naming them", function () {
    const res = runHardhat(["--network", "bscTestnet", "run", "scripts/report.ts"], NO_ENV);
    expect(res.status).to.not.equal(0);
    expect(res.output).to.contain("BSC_TESTNET_RPC_URL");
  });
});
