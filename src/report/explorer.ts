/** Block-explorer links of the public networks the project deploys to (none on local chains). */

export interface Explorer {
  name: string;
  url: string;
  address: (a: string) => string;
  tx: (h: string) => string;
  block: (n: number) => string;
}

const EXPLORERS: Record<number, { name: string; url: string }> = {
  11155111: { name: "Etherscan (Sepolia)", url: "https://sepolia.etherscan.io" },
  97: { name: "BscScan (BNB Smart Chain testnet)", url: "https://testnet.bscscan.com" },
};

/** The explorer of `chainId`, or null when the chain has none (local chains). */
export function explorerFor(chainId: number): Explorer | null {
  const e = EXPLORERS[chainId];
  if (!e) return null;
  return {
    ...e,
    address: (a) => `${e.url}/address/${a}`,
    tx: (h) => `${e.url}/tx/${h}`,
    block: (n) => `${e.url}/block/${n}`,
  };
}
