// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Sends ETH on from inside a contract, as a Safe or a DAO treasury does, so the
/// transfer is visible only as an internal call (a trace), never as a transaction.
contract Forwarder {
    address payable public immutable target;

    constructor(address payable target_) {
        target = target_;
    }

    /// Plain ETH sent to the forwarder goes straight on to the fixed target.
    receive() external payable {
        _send(target, msg.value);
    }

    function forward(address payable to) external payable {
        _send(to, msg.value);
    }

    /// Makes an inner call that reverts and swallows the failure, then forwards the
    /// value: the outer transaction succeeds while its trace holds an errored call,
    /// which must never count as a transfer.
    function forwardAfterFailedCall(address payable to) external payable {
        (bool ok, ) = address(this).call{value: msg.value}(abi.encodeWithSelector(this.alwaysReverts.selector));
        require(!ok, "inner call was expected to revert");
        _send(to, msg.value);
    }

    function alwaysReverts() external payable {
        revert("always reverts");
    }

    function _send(address payable to, uint256 value) private {
        (bool ok, ) = to.call{value: value}("");
        require(ok, "forward failed");
    }
}
