// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ISomStablecoinCompliance} from "./ISomStablecoinCompliance.sol";
import {ISomStablecoinReserves} from "./ISomStablecoinReserves.sol";
import {ISomStablecoinRescue} from "./ISomStablecoinRescue.sol";
import {ISomStablecoinSignatures} from "./ISomStablecoinSignatures.sol";
import {ISomStablecoinSupply} from "./ISomStablecoinSupply.sol";

/**
 * @title ISomStablecoin
 * @notice A token backed 1:1 by Kyrgyz som held in bank reserves: ERC-20 with the concerns of
 * a regulated fiat token, one interface each: supply ({ISomStablecoinSupply}: one minter, the
 * supply controller, and burn for redemption), reserves ({ISomStablecoinReserves}), compliance
 * ({ISomStablecoinCompliance}: pause, freeze, wipe), signatures ({ISomStablecoinSignatures}:
 * EIP-2612, EIP-3009, ERC-5267) and rescue ({ISomStablecoinRescue}).
 * @dev Failures revert with the custom errors of those interfaces or with the ERC-6093 `ERC20...`
 * errors. Roles are checked with OpenZeppelin AccessControl (`AccessControlUnauthorizedAccount`).
 */
interface ISomStablecoin is
    IERC20Metadata,
    IERC20Errors,
    ISomStablecoinSupply,
    ISomStablecoinReserves,
    ISomStablecoinCompliance,
    ISomStablecoinSignatures,
    ISomStablecoinRescue
{
    /// @notice The token's own settings, given once at initialization.
    struct Settings {
        /// @notice token name (also the EIP-712 domain name), e.g. "Som Stablecoin".
        string name;
        /// @notice token symbol, e.g. "KGSC".
        string symbol;
        /// @notice token decimals, e.g. 2 (one unit per tyiyn).
        uint8 decimals;
        /// @notice the reserve address every mint credits.
        address reserve;
        /// @notice the attestation source of the som reserves (synced immediately).
        address reserveFeed;
        /// @notice maximum age in seconds of the reserve attestation accepted by mints.
        uint64 maxReserveAge;
    }

    /**
     * @notice Initializes the proxy (once). Same shape as every upgradeable contract of the
     * system: the admin, then the admin transfer delay, then the contract's own settings.
     * The supply controller is set afterwards ({setSupplyController}): until then nobody can mint.
     * @param admin the initial DEFAULT_ADMIN_ROLE holder (two-step, delayed transfer).
     * @param adminTransferDelay delay in seconds before a new admin can accept.
     * @param settings name, symbol, decimals, reserve, reserve feed and maximum reserve age.
     */
    function initialize(address admin, uint48 adminTransferDelay, Settings calldata settings) external;
}
