// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AssetToken} from "../assets/AssetToken.sol";

/**
 * @title AssetTokenV2Mock
 * @notice TEST ONLY. A second AssetToken implementation for the beacon-upgrade test: same storage,
 * one new function.
 * @custom:oz-upgrades-from AssetToken
 */
contract AssetTokenV2Mock is AssetToken {
    /// @notice Marks the upgraded implementation.
    function version() external pure returns (string memory) {
        return "2";
    }
}
