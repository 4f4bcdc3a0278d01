// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Moves value and then reverts, so a trace shows value-moving calls that never
/// happened: the inner send carries no error of its own, only an enclosing frame does.
contract RevertingRelay {
    /// Sends msg.value on to `to`, then reverts the whole call.
    function relayThenRevert(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "relay failed");
        revert("relayed, then reverted");
    }

    /// Calls `target` with msg.value and `data` (a SELFDESTRUCT, a token transfer), then reverts.
    function callThenRevert(address target, bytes calldata data) external payable {
        (bool ok, ) = target.call{value: msg.value}(data);
        require(ok, "call failed");
        revert("called, then reverted");
    }

    /// Always reverts: the later call of a batch that undoes the earlier ones.
    function fail() external payable {
        revert("this call always fails");
    }
}
