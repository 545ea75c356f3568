// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title BlockingGuardMock
 * @notice Test only: answers Safe's Guard interface but refuses every transaction (a guard that would
 *         brick a Safe). Our tooling must refuse to install it.
 */
contract BlockingGuardMock {
    /// @notice Every transaction is refused.
    error Blocked();

    /// @notice Bound to the given MultiSendCallOnly, like a ReserveGuard.
    address public immutable MULTI_SEND_CALL_ONLY;

    /// @param multiSend The MultiSendCallOnly it claims.
    constructor(address multiSend) {
        MULTI_SEND_CALL_ONLY = multiSend;
    }

    /// @notice Refuses everything.
    function checkTransaction(
        address,
        uint256,
        bytes calldata,
        uint8,
        uint256,
        uint256,
        uint256,
        address,
        address,
        bytes memory,
        address
    ) external pure {
        revert Blocked();
    }

    /// @notice Nothing.
    function checkAfterExecution(bytes32, bool) external pure {
        return;
    }

    /**
     * @notice Answers the Safe Guard interface id and ERC-165.
     * @param interfaceId The id.
     * @return True for 0xe6d7a83a and 0x01ffc9a7.
     */
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0xe6d7a83a || interfaceId == 0x01ffc9a7;
    }
}
