import { encodeBytes32String } from "ethers";

/** Attestation subject of the som reserves that back the stablecoin (bytes32 "SOM_RESERVES"). */
export const SOM_RESERVES: string = encodeBytes32String("SOM_RESERVES");

/**
 * How often (ms) the upgrades plugin polls for a deployed implementation's receipt (its default is 5 s,
 * so every implementation cost up to 5 s after it was mined). Passed as `pollingInterval` by every
 * deployProxy / deployBeacon / prepareUpgrade of the deploy; one receipt call per second is cheap on any RPC.
 */
export const UPGRADES_POLLING_INTERVAL_MS = 1000;
