// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Holds ETH and hands all of it to a beneficiary with SELFDESTRUCT, which moves
/// value without a call: traces show it as type "suicide", never as a "call".
contract SelfDestructor {
    constructor() payable {}

    receive() external payable {}

    function destroy(address payable beneficiary) external {
        selfdestruct(beneficiary);
    }
}
