// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SomStablecoin} from "../stablecoin/SomStablecoin.sol";

/**
 * @title SomStablecoinNoReserveCheckMock
 * @notice TEST ONLY. The stablecoin without the reserve check, to measure what the check costs
 * (bench `stablecoin.mint.noReserveCheck`) and to reach the supply cap.
 */
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract SomStablecoinNoReserveCheckMock is SomStablecoin {
    function _checkReserves(uint256, uint256) internal view override {}
}
