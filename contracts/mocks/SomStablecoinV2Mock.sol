// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SomStablecoin} from "../stablecoin/SomStablecoin.sol";

/**
 * @title SomStablecoinV2Mock
 * @notice TEST ONLY. A compatible upgrade: same storage, one new function.
 */
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract SomStablecoinV2Mock is SomStablecoin {
    function version() external pure returns (string memory) {
        return "2";
    }
}
