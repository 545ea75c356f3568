// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title GovernedTargetMock
 * @notice Test only: accepts any call (any selector) and records it, standing for any contract the reserve
 *         Safe governs, so the guard's treatment of every classified selector can be tested alike.
 */
contract GovernedTargetMock {
    /// @notice Number of calls received.
    uint256 public calls;

    /**
     * @notice A call arrived.
     * @param selector The first four bytes of the calldata (zero when shorter).
     * @param caller The caller.
     */
    event Called(bytes4 selector, address caller);

    /// @notice Any call: counted and recorded.
    fallback() external payable {
        ++calls;
        emit Called(msg.sig, msg.sender);
    }

    /// @notice Plain native transfers.
    receive() external payable {
        ++calls;
        emit Called(bytes4(0), msg.sender);
    }
}
