// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IReserveCallRule} from "../guard/interfaces/IReserveCallRule.sol";

/**
 * @title CallRuleGuardMock
 * @notice TEST-ONLY stand-in for the ReserveGuard (issue 13): a Safe v1.4.1 transaction guard
 * that does nothing but consult one call rule for every top-level CALL and every entry of a
 * MultiSendCallOnly batch (a DELEGATECALL to the given MultiSendCallOnly), as the ReserveGuard
 * does. It lets the market's integration test run a real Safe without depending on the guard's
 * branch. Never deploy it.
 */
contract CallRuleGuardMock {
    /// @notice The rule consulted.
    IReserveCallRule public immutable rule;
    /// @notice The canonical MultiSendCallOnly whose batches are unpacked.
    address public immutable multiSendCallOnly;

    /// @notice A delegatecall to anything but MultiSendCallOnly.
    error CallRuleGuardMockDelegateCall(address to);

    /// @param rule_ the rule; @param multiSendCallOnly_ the canonical MultiSendCallOnly.
    constructor(IReserveCallRule rule_, address multiSendCallOnly_) {
        rule = rule_;
        multiSendCallOnly = multiSendCallOnly_;
    }

    /// @notice Safe v1.4.1 guard hook: consults the rule for the call or each batch entry.
    function checkTransaction(
        address to,
        uint256 value,
        bytes calldata data,
        uint8 operation,
        uint256,
        uint256,
        uint256,
        address,
        address payable,
        bytes memory,
        address
    ) external view {
        _check(to, value, data, operation);
    }

    /// @dev Consults the rule for a call, or for each entry of a MultiSendCallOnly batch.
    function _check(address to, uint256 value, bytes calldata data, uint8 operation) private view {
        if (operation == 0) {
            rule.checkCall(msg.sender, to, value, data);
            return;
        }
        if (to != multiSendCallOnly) revert CallRuleGuardMockDelegateCall(to);
        _checkBatch(msg.sender, data);
    }

    /// @dev Consults the rule for each entry of a multiSend(bytes) batch.
    function _checkBatch(address safe, bytes calldata data) private view {
        // multiSend(bytes transactions): skip selector, offset and length
        bytes calldata txs = data[68:68 + uint256(bytes32(data[36:68]))];
        uint256 i = 0;
        while (i < txs.length) {
            uint256 length = uint256(bytes32(txs[i + 53:i + 85]));
            rule.checkCall(safe, address(bytes20(txs[i + 1:i + 21])), uint256(bytes32(txs[i + 21:i + 53])), txs[i + 85:i + 85 + length]);
            i += 85 + length;
        }
    }

    /// @notice Safe v1.4.1 guard hook after execution: nothing to check.
    function checkAfterExecution(bytes32, bool) external pure {} // solhint-disable-line no-empty-blocks

    /// @notice ERC-165: the Safe Guard interface (0xe6d7a83a) and ERC-165 itself.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0xe6d7a83a || interfaceId == 0x01ffc9a7;
    }
}
