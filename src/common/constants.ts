import { encodeBytes32String } from "ethers";

/** Attestation subject of the som reserves that back the stablecoin (bytes32 "SOM_RESERVES"). */
export const SOM_RESERVES: string = encodeBytes32String("SOM_RESERVES");
