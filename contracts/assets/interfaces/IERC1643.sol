// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IERC1643
 * @notice ERC-1643 document management (part of the ERC-1400 family): named documents with a
 * URI and a content hash.
 */
interface IERC1643 {
    /**
     * @notice Emitted when document `name` is set (first version or a new version).
     * @param name the document name.
     * @param uri where the document can be read.
     * @param documentHash hash of the document content.
     */
    event DocumentUpdated(bytes32 indexed name, string uri, bytes32 documentHash);

    /**
     * @notice Emitted when document `name` is removed from the current set.
     * @param name the document name.
     * @param uri the URI of the version that was current.
     * @param documentHash the hash of the version that was current.
     */
    event DocumentRemoved(bytes32 indexed name, string uri, bytes32 documentHash);

    /**
     * @notice Sets (adds or replaces) document `name`.
     * @param name the document name.
     * @param uri where the document can be read.
     * @param documentHash hash of the document content.
     */
    function setDocument(bytes32 name, string calldata uri, bytes32 documentHash) external;

    /// @notice Removes document `name` from the current set.
    function removeDocument(bytes32 name) external;

    /**
     * @notice The current version of document `name`; zeros when it was never set or was removed.
     * @return uri where the document can be read.
     * @return documentHash hash of the document content.
     * @return lastModified timestamp of the current version.
     */
    function getDocument(bytes32 name) external view returns (string memory uri, bytes32 documentHash, uint256 lastModified);

    /// @notice Names of every current (not removed) document.
    function getAllDocuments() external view returns (bytes32[] memory);
}
