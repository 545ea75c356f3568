// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The `bytes` signature overloads take memory so that the v,r,s overloads share their code path.
/* solhint-disable gas-calldata-parameters, func-name-mixedcase */

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC3009, IERC3009Cancel} from "@openzeppelin/contracts/interfaces/draft-IERC3009.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/**
 * @title ISomStablecoinSignatures
 * @notice Signed approvals and transfers of the som stablecoin: EIP-2612 permit, EIP-3009
 * transfer / receive / cancel authorizations (OpenZeppelin's {IERC3009} and {IERC3009Cancel}),
 * each also with a `bytes` signature overload (USDC v2.2 style, ECDSA or ERC-1271), the ERC-5267
 * domain description and the EIP-712 type hashes (as USDC publishes them).
 */
interface ISomStablecoinSignatures is IERC20Permit, IERC3009, IERC3009Cancel, IERC5267 {
    /**
     * @notice The permit's deadline has passed.
     * @param deadline the signed deadline.
     * @param currentTime the block timestamp.
     */
    error SomStablecoinPermitExpired(uint256 deadline, uint256 currentTime);

    /**
     * @notice The signature is not a valid signature of `signer` (ECDSA or ERC-1271) over the digest.
     * @param signer the expected signer.
     */
    error SomStablecoinInvalidSignature(address signer);

    /**
     * @notice The EIP-3009 authorization is not valid yet.
     * @param validAfter the signed start (exclusive).
     * @param currentTime the block timestamp.
     */
    error SomStablecoinAuthorizationNotYetValid(uint256 validAfter, uint256 currentTime);

    /**
     * @notice The EIP-3009 authorization has expired.
     * @param validBefore the signed end (exclusive).
     * @param currentTime the block timestamp.
     */
    error SomStablecoinAuthorizationExpired(uint256 validBefore, uint256 currentTime);

    /**
     * @notice The EIP-3009 authorization nonce was already used or canceled.
     * @param authorizer the signer.
     * @param nonce the nonce.
     */
    error SomStablecoinAuthorizationUsedOrCanceled(address authorizer, bytes32 nonce);

    /**
     * @notice receiveWithAuthorization must be called by the payee.
     * @param caller the caller.
     * @param payee the signed recipient.
     */
    error SomStablecoinCallerNotPayee(address caller, address payee);

    /// @notice EIP-712 type hash of an EIP-2612 permit.
    /// @return keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
    function PERMIT_TYPEHASH() external view returns (bytes32);

    /// @notice EIP-712 type hash of an EIP-3009 transfer authorization.
    /// @return keccak256 of "TransferWithAuthorization(address from,address to,uint256 value,
    /// uint256 validAfter,uint256 validBefore,bytes32 nonce)" (one line)
    function TRANSFER_WITH_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice EIP-712 type hash of an EIP-3009 receive authorization.
    /// @return keccak256 of "ReceiveWithAuthorization(address from,address to,uint256 value,
    /// uint256 validAfter,uint256 validBefore,bytes32 nonce)" (one line)
    function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /// @notice EIP-712 type hash of an EIP-3009 cancellation.
    /// @return keccak256("CancelAuthorization(address authorizer,bytes32 nonce)")
    function CANCEL_AUTHORIZATION_TYPEHASH() external view returns (bytes32);

    /**
     * @notice EIP-2612 permit with a `bytes` signature (65-byte ECDSA or ERC-1271 for contract wallets).
     * @dev Requirements: not paused; owner and spender not frozen; deadline not passed; valid signature.
     * @param owner the token owner (signer).
     * @param spender the spender.
     * @param value the allowance.
     * @param deadline the last valid timestamp.
     * @param signature the signature.
     */
    function permit(address owner, address spender, uint256 value, uint256 deadline, bytes memory signature) external;

    /**
     * @notice EIP-3009 {transferWithAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @dev Requirements: not paused; `from` and `to` not frozen; validAfter < now < validBefore;
     * nonce unused; valid signature.
     * @param from the payer (signer).
     * @param to the payee.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param signature the signature.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice EIP-3009 {receiveWithAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @dev Requirements: as {transferWithAuthorization}, and the caller must be `to`.
     * @param from the payer (signer).
     * @param to the payee, must be the caller.
     * @param value the amount.
     * @param validAfter the time after which it is valid (exclusive).
     * @param validBefore the time before which it is valid (exclusive).
     * @param nonce a unique 32-byte nonce chosen by the signer.
     * @param signature the signature.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;

    /**
     * @notice EIP-3009 {cancelAuthorization} with a `bytes` signature (ECDSA or ERC-1271).
     * @dev Requirements: not paused; authorizer not frozen; nonce unused; valid signature.
     * @param authorizer the signer of the authorization.
     * @param nonce the nonce to cancel.
     * @param signature the signature.
     */
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) external;
}
