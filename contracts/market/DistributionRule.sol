// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IReserveCallRule} from "../guard/interfaces/IReserveCallRule.sol";
import {ICounterpartyRegistry} from "./interfaces/ICounterpartyRegistry.sol";

/**
 * @title DistributionRule
 * @notice The reserve guard's call rule for the reserve Safe: stablecoin leaves the Safe only to
 * an eligible licensed counterparty ({ICounterpartyRegistry-isEligible}). Every call the Safe
 * makes to the stablecoin by which its own tokens could leave it is checked; everything else
 * passes. Refused (unless the recipient or spender is eligible, or is the Safe itself):
 * - `transfer(to, v)`: `to`;
 * - `approve(spender, v)` with `v > 0`: `spender` (an approval to zero always passes);
 * - `transferFrom(from, to, v)` with `from == safe`: `to`;
 * - `permit(owner, spender, v, ...)` (both overloads) with `owner == safe`, `v > 0`: `spender`;
 * - `transferWithAuthorization` and `receiveWithAuthorization(from, to, ...)` (both overloads
 *   each) with `from == safe`: `to`.
 * Paths outside the Safe's own calls (off-chain ERC-1271 signatures, modules) are discussed in
 * docs/market.md.
 * @dev Immutable: replacing the rule is a guard configuration change, announced and delayed like
 * every other. Holders' transfers never touch this contract: only the Safe's calls are checked.
 */
contract DistributionRule is IReserveCallRule {
    /// @notice The stablecoin whose outflows from the Safe are restricted.
    address public immutable token;
    /// @notice The registry that decides eligibility.
    ICounterpartyRegistry public immutable registry;

    bytes4 private constant _TRANSFER = 0xa9059cbb; // transfer(address,uint256)
    bytes4 private constant _APPROVE = 0x095ea7b3; // approve(address,uint256)
    bytes4 private constant _TRANSFER_FROM = 0x23b872dd; // transferFrom(address,address,uint256)
    // permit(address,address,uint256,uint256,uint8,bytes32,bytes32)
    bytes4 private constant _PERMIT_VRS = 0xd505accf;
    // permit(address,address,uint256,uint256,bytes)
    bytes4 private constant _PERMIT_BYTES = 0x9fd5a6cf;
    // transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)
    bytes4 private constant _TWA_VRS = 0xe3ee160e;
    // transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)
    bytes4 private constant _TWA_BYTES = 0xcf092995;
    // receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)
    bytes4 private constant _RWA_VRS = 0xef55bec6;
    // receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)
    bytes4 private constant _RWA_BYTES = 0x88b7ab63;

    /**
     * @notice Stablecoin would leave the Safe to `recipient`, which is not an eligible counterparty.
     * @param recipient the recipient or spender.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleNotEligible(address recipient, bytes4 selector);

    /**
     * @notice The call's data is too short for the function it names.
     * @param selector the stablecoin function called.
     */
    error DistributionRuleMalformedCall(bytes4 selector);

    /// @notice A constructor argument is zero.
    error DistributionRuleZeroAddress();

    /**
     * @notice Sets the stablecoin and the registry for good.
     * @param token_ the stablecoin (its proxy).
     * @param registry_ the counterparty registry (its proxy).
     */
    constructor(address token_, ICounterpartyRegistry registry_) {
        if (token_ == address(0) || address(registry_) == address(0)) revert DistributionRuleZeroAddress();
        token = token_;
        registry = registry_;
    }

    /// @inheritdoc IReserveCallRule
    function checkCall(address safe, address to, uint256, bytes calldata data) external view {
        if (to != token || data.length < 4) return;
        bytes4 selector = bytes4(data[:4]);
        if (selector == _TRANSFER) {
            _requireEligible(safe, _arg(data, 0, selector), selector);
        } else if (selector == _APPROVE) {
            if (_uintArg(data, 1, selector) != 0) {
                _requireEligible(safe, _arg(data, 0, selector), selector);
            }
        } else if (
            selector == _TRANSFER_FROM || selector == _TWA_VRS || selector == _TWA_BYTES || selector == _RWA_VRS
                || selector == _RWA_BYTES
        ) {
            if (_arg(data, 0, selector) == safe) _requireEligible(safe, _arg(data, 1, selector), selector);
        } else if (selector == _PERMIT_VRS || selector == _PERMIT_BYTES) {
            if (_arg(data, 0, selector) == safe && _uintArg(data, 2, selector) != 0) {
                _requireEligible(safe, _arg(data, 1, selector), selector);
            }
        }
    }

    /// @dev Reverts unless `recipient` is the Safe itself or an eligible counterparty.
    function _requireEligible(address safe, address recipient, bytes4 selector) private view {
        if (recipient != safe && !registry.isEligible(recipient)) {
            revert DistributionRuleNotEligible(recipient, selector);
        }
    }

    /// @dev The `index`-th static argument of `data` as an address (reverts on dirty upper bits).
    function _arg(bytes calldata data, uint256 index, bytes4 selector) private pure returns (address) {
        return address(uint160(_checkedWord(data, index, selector, true)));
    }

    /// @dev The `index`-th static argument of `data` as a uint256.
    function _uintArg(bytes calldata data, uint256 index, bytes4 selector) private pure returns (uint256) {
        return _checkedWord(data, index, selector, false);
    }

    /// @dev Reads the `index`-th 32-byte word after the selector; an address word must fit 160 bits.
    function _checkedWord(bytes calldata data, uint256 index, bytes4 selector, bool isAddress)
        private
        pure
        returns (uint256 word)
    {
        uint256 start = 4 + index * 32;
        if (data.length < start + 32) revert DistributionRuleMalformedCall(selector);
        word = uint256(bytes32(data[start:start + 32]));
        if (isAddress && word > type(uint160).max) revert DistributionRuleMalformedCall(selector);
    }
}
