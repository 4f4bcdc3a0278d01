// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Emits ERC-20 Transfer events without moving anything, so a benchmark can fill a
/// chain with many logs in few transactions. To a log reader this contract is the token.
contract TransferEmitter {
    event Transfer(address indexed from, address indexed to, uint256 value);

    function emitOne(address from, address to, uint256 value) external {
        emit Transfer(from, to, value);
    }

    function emitMany(address from, address to, uint256 value, uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            emit Transfer(from, to, value);
        }
    }
}
