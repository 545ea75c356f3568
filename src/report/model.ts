/** The reserve report: what the reserve holds and what backs the stablecoin, read from the chain. */

/** An amount in base units with its decimals, plus a human string ("1,234.56 KGSC"). */
export interface Amount {
  raw: string;
  decimals: number;
  formatted: string;
}

export interface StablecoinSection {
  address: string;
  name: string;
  symbol: string;
  decimals: number;
  totalSupply: Amount;
  paused: boolean;
}

export interface ReservesSection {
  /** Attested som reserves (registry decimals). */
  value: Amount;
  asOf: number;
  ageSeconds: number;
  maxAgeSeconds: number;
  fresh: boolean;
  docHash: string;
  /** reserves / supply, e.g. 1.25 = 125%; null when the supply is zero. */
  coverageRatio: number | null;
}

export interface SafeSection {
  address: string;
  owners: string[];
  threshold: number;
  nonce: number;
}

export interface AssetHolding {
  name: string;
  symbol: string;
  address: string;
  assetId: string;
  assetClass: string;
  sharesHeld: Amount;
  totalShares: Amount;
  /** Attested valuation of the whole asset in som (registry decimals). */
  valuation: Amount;
  valuationAsOf: number;
  valuationFresh: boolean;
  /** Value of the shares the reserve holds, in som. */
  valueHeld: Amount;
  paused: boolean;
}

export interface TokenHolding {
  name: string;
  symbol: string;
  address: string;
  balance: Amount;
  /** Value in som when known (the stablecoin is 1:1), else null. */
  valueSom: Amount | null;
}

export interface ReserveReport {
  generatedAt: string;
  network: string;
  chainId: number;
  blockNumber: number;
  stablecoin: StablecoinSection;
  reserves: ReservesSection;
  safe: SafeSection;
  holdings: {
    stablecoin: TokenHolding;
    assets: AssetHolding[];
    otherTokens: TokenHolding[];
    /** Total value of everything priced, in som. */
    totalValueSom: Amount;
  };
  warnings: string[];
}
