// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// EIP-712 type strings are longer than 32 bytes by definition (hashed at compile time); the `bytes`
// signature overloads take memory so that the v,r,s overloads share their code path (contract size);
// validity windows are defined with non-strict bounds by EIP-3009.
/* solhint-disable gas-small-strings, gas-calldata-parameters, gas-strict-inequalities, func-name-mixedcase */

import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IERC3009, IERC3009Cancel} from "@openzeppelin/contracts/interfaces/draft-IERC3009.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {ISomStablecoinSignatures} from "./interfaces/ISomStablecoinSignatures.sol";
import {SomStablecoinCore} from "./SomStablecoinCore.sol";

/**
 * @title SomStablecoinSignatures
 * @notice Signed approvals and transfers: EIP-2612 permit and EIP-3009 transfer / receive / cancel
 * authorizations, each with a v,r,s and a `bytes` signature overload (USDC v2.2 style). Signatures
 * of contract wallets are checked with ERC-1271.
 * @dev The EIP-712 domain separator is recomputed on every call from the stored name hash, the
 * current `block.chainid` and `address(this)` (the proxy), so a signature made for one chain is
 * never valid on a fork. ECDSA is tried first (no EXTCODESIZE for plain accounts); when it does not
 * recover the signer, the signer's ERC-1271 `isValidSignature` decides.
 */
abstract contract SomStablecoinSignatures is SomStablecoinCore {
    /// @notice EIP-712 domain version.
    string private constant EIP712_VERSION = "1";

    /// @inheritdoc ISomStablecoinSignatures
    bytes32 public constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @inheritdoc ISomStablecoinSignatures
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH =
        keccak256(
            "TransferWithAuthorization(address from,address to,uint256 value,"
            "uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        );

    /// @inheritdoc ISomStablecoinSignatures
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH =
        keccak256(
            "ReceiveWithAuthorization(address from,address to,uint256 value,"
            "uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        );

    /// @inheritdoc ISomStablecoinSignatures
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    bytes32 private constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    bytes32 private constant EIP712_VERSION_HASH = keccak256(bytes(EIP712_VERSION));

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) external view returns (uint256) {
        return _getSomStablecoinStorage().nonces[owner];
    }

    /**
     * @inheritdoc IERC5267
     * @dev Fields 0x0f: name, version, chain id and verifying contract (this proxy); no salt, no
     * extensions. The chain id is the current one, as in the domain separator.
     */
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name_,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        // no salt, no extensions
        return (hex"0f", name(), EIP712_VERSION, block.chainid, address(this), salt, extensions);
    }

    /// @inheritdoc IERC3009
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _getSomStablecoinStorage().authorizationStates[authorizer][nonce];
    }

    /**
     * @inheritdoc IERC20Permit
     * @dev Requirements: not paused; owner and spender not frozen; deadline not passed; a valid
     * ECDSA signature of `owner` or, for a contract wallet, ERC-1271 approval of the digest.
     */
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _permit(owner, spender, value, deadline, _packSignature(v, r, s));
    }

    /// @inheritdoc ISomStablecoinSignatures
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        bytes memory signature
    ) external {
        _permit(owner, spender, value, deadline, signature);
    }

    /// @inheritdoc IERC3009
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, _packSignature(v, r, s)
        );
    }

    /// @inheritdoc ISomStablecoinSignatures
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @inheritdoc IERC3009
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, _packSignature(v, r, s)
        );
    }

    /// @inheritdoc ISomStablecoinSignatures
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external {
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @inheritdoc IERC3009Cancel
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        _cancelAuthorization(authorizer, nonce, _packSignature(v, r, s));
    }

    /// @inheritdoc ISomStablecoinSignatures
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) external {
        _cancelAuthorization(authorizer, nonce, signature);
    }

    /// @dev Permit: checks pause, deadline and frozen flags, consumes the owner's nonce, checks the signature.
    function _permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        bytes memory signature
    ) private whenNotPaused {
        if (block.timestamp > deadline) revert SomStablecoinPermitExpired(deadline, block.timestamp);
        _requireNeitherFrozen(owner, spender);
        mapping(address => uint256) storage nonces_ = _getSomStablecoinStorage().nonces;
        uint256 nonce = nonces_[owner];
        unchecked {
            nonces_[owner] = nonce + 1;
        }
        bytes32 digest = _hashTypedData(keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline)));
        _requireValidSignature(owner, digest, signature);
        _approve(owner, spender, value);
    }

    /**
     * @dev EIP-3009 transfer or receive: checks pause, the payee (receive only) and the validity window, marks `nonce` of
     * `from` used, checks the signature, then transfers (which checks the frozen flags).
     */
    function _transferWithAuthorization(
        bytes32 typeHash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) private whenNotPaused {
        if (typeHash == RECEIVE_WITH_AUTHORIZATION_TYPEHASH && to != msg.sender) {
            revert SomStablecoinCallerNotPayee(msg.sender, to);
        }
        if (block.timestamp <= validAfter) revert SomStablecoinAuthorizationNotYetValid(validAfter, block.timestamp);
        if (block.timestamp >= validBefore) revert SomStablecoinAuthorizationExpired(validBefore, block.timestamp);
        _markAuthorizationUsed(from, nonce);
        bytes32 digest = _hashTypedData(keccak256(abi.encode(typeHash, from, to, value, validAfter, validBefore, nonce)));
        _requireValidSignature(from, digest, signature);
        emit AuthorizationUsed(from, nonce);
        _transfer(from, to, value);
    }

    /// @dev EIP-3009 cancel: checks pause and frozen flag, marks `nonce` canceled, checks the signature.
    function _cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) private whenNotPaused {
        _requireNotFrozen(authorizer);
        _markAuthorizationUsed(authorizer, nonce);
        bytes32 digest = _hashTypedData(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
        _requireValidSignature(authorizer, digest, signature);
        emit AuthorizationCanceled(authorizer, nonce);
    }

    /// @dev Marks `nonce` of `authorizer` used, reverting if it already was.
    function _markAuthorizationUsed(address authorizer, bytes32 nonce) private {
        mapping(bytes32 => bool) storage states = _getSomStablecoinStorage().authorizationStates[authorizer];
        if (states[nonce]) revert SomStablecoinAuthorizationUsedOrCanceled(authorizer, nonce);
        states[nonce] = true;
    }

    /// @dev Reverts unless `signature` is `signer`'s ECDSA signature of `digest` or its wallet accepts it.
    function _requireValidSignature(address signer, bytes32 digest, bytes memory signature) private view {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return;
        if (!SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature)) {
            revert SomStablecoinInvalidSignature(signer);
        }
    }

    /// @dev (v, r, s) as one 65-byte signature.
    function _packSignature(uint8 v, bytes32 r, bytes32 s) private pure returns (bytes memory) {
        return abi.encodePacked(r, s, v);
    }

    /// @dev The EIP-712 digest of `structHash` under the current domain.
    function _hashTypedData(bytes32 structHash) private view returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(_domainSeparator(), structHash);
    }

    /// @dev The EIP-712 domain separator for the current chain id and this proxy.
    function _domainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    EIP712_DOMAIN_TYPEHASH,
                    _getSomStablecoinStorage().hashedName,
                    EIP712_VERSION_HASH,
                    block.chainid,
                    address(this)
                )
            );
    }
}
