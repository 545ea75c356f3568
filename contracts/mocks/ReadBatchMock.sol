// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ReadBatchMock
 * @notice TEST ONLY. Many view calls in one `eth_call`: the model-based invariant tests read the whole
 * state of the system after every command (test/invariants/harness.ts `readAll`). Each call is a
 * STATICCALL to its target with its own calldata; a failing call makes the whole read revert with
 * that call's revert data, as the call alone would.
 */
contract ReadBatchMock {
    /// @notice Thrown when the two arrays differ in length.
    error ReadBatchLengthMismatch();

    /**
     * @notice Runs `data[i]` against `targets[i]` with STATICCALL, in order.
     * @param targets the contracts called.
     * @param data the calldata of each call.
     * @return results the return data of each call.
     */
    function read(address[] calldata targets, bytes[] calldata data) external view returns (bytes[] memory results) {
        if (targets.length != data.length) revert ReadBatchLengthMismatch();
        results = new bytes[](data.length);
        for (uint256 i = 0; i < data.length; ++i) {
            (bool ok, bytes memory ret) = targets[i].staticcall(data[i]);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 32), mload(ret))
                }
            }
            results[i] = ret;
        }
    }
}
