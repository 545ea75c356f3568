// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Test-only: an ERC-20 whose transfer and transferFrom return a configurable bool, to
/// reach the RedemptionDesk's check of the return value.
contract FalseReturningTokenMock {
    bool private _result;

    /// @notice Sets what transfer and transferFrom return.
    function setReturn(bool result) external {
        _result = result;
    }

    /// @notice Returns the configured bool.
    function transfer(address, uint256) external view returns (bool) {
        return _result;
    }

    /// @notice Returns the configured bool.
    function transferFrom(address, address, uint256) external view returns (bool) {
        return _result;
    }
}
