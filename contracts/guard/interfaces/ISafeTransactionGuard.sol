// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title ISafeTransactionGuard
 * @notice The transaction guard interface of Safe v1.4.1 (`Guard` in
 *         contracts/base/GuardManager.sol of the npm package safe-contracts 1.4.1), declared here with the same
 *         function signatures so that `type(ISafeTransactionGuard).interfaceId` equals Safe's
 *         `type(Guard).interfaceId` (0xe6d7a83a, pinned by test/guard/interface.test.ts). It is
 *         declared rather than imported because importing Safe's file would add a second `IERC165`
 *         artifact next to OpenZeppelin's and make the name ambiguous for the whole project.
 *         `operation` is Safe's `Enum.Operation` (0 = Call, 1 = DelegateCall), ABI type uint8.
 */
interface ISafeTransactionGuard {
    /**
     * @notice Called by the Safe before it executes a transaction; reverts to refuse it.
     * @param to Destination of the Safe transaction.
     * @param value Native value of the Safe transaction.
     * @param data Calldata of the Safe transaction.
     * @param operation 0 = Call, 1 = DelegateCall.
     * @param safeTxGas Gas the Safe gives the inner call (0 = all, and the Safe reverts if it fails).
     * @param baseGas Gas charged for data and signature checks (refund computation).
     * @param gasPrice Refund gas price (0 = no refund).
     * @param gasToken Refund token (0 = native).
     * @param refundReceiver Refund receiver (0 = tx.origin).
     * @param signatures The packed owner signatures.
     * @param msgSender The account that called execTransaction.
     */
    function checkTransaction(
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation,
        uint256 safeTxGas,
        uint256 baseGas,
        uint256 gasPrice,
        address gasToken,
        address payable refundReceiver,
        bytes memory signatures,
        address msgSender
    ) external;

    /**
     * @notice Called by the Safe after it executed a transaction.
     * @param txHash The Safe transaction hash.
     * @param success Whether the inner call succeeded.
     */
    function checkAfterExecution(bytes32 txHash, bool success) external;
}
