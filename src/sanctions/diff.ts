/** The screening's result (./screen.ts): what `sanctions:screen` prints, writes with --out and applies (./apply.ts). */

/** One listed address on chain. */
export interface ScreenedAddress {
  address: string;
  /** "<list>:<entry id>" of every entry naming it. */
  entries: string[];
  /** Stablecoin balance (base units, decimal string). */
  balance: string;
  /** True when code is deployed at the address (a contract, not a key). */
  contract: boolean;
}

export interface ListedCounterparty {
  address: string;
  name: string;
  status: string;
  eligible: boolean;
  entries: string[];
}

export interface ScreeningDiff {
  format: "som-sanctions-diff/1";
  chainId: number;
  block: number;
  stablecoin: string;
  lists: { file: string; name: string; format: string; hash: string; date: string; entries: number }[];
  /** The lists' combined hash: the legal reference ({@link combinedListHash}). */
  listHash: string;
  /** Names and date of the lists together. */
  listNames: string;
  date: string;
  toFreeze: ScreenedAddress[];
  alreadyFrozen: ScreenedAddress[];
  /** Licensed counterparties the lists name (Active ones are to be suspended by the regulator). */
  counterparties: ListedCounterparty[];
  /** Frozen by the previous application, not on these lists: listed for review, never unfrozen automatically. */
  delisted: string[];
  /** Sum of the balances of the listed holders (base units). */
  affectedBalance: string;
}
