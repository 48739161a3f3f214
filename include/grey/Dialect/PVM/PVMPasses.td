//===- PVMPasses.td - passes on the PVM dialect ------------*- tablegen -*-===//
//
// Every pass over `pvm` IR.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMPASSES_TD
#define GREY_DIALECT_PVM_PVMPASSES_TD

include "mlir/Pass/PassBase.td"

def PVMVerifyRegisters : Pass<"pvm-verify-registers"> {
  let summary = "check that no two live values share a register";
  let description = [{
    Fails when a value is written into a register while another value
    assigned to that register is still live, or when two values live into a
    block share a register. Unallocated values (`!pvm.reg`) are ignored.
    Changes nothing; run it in tests after every pass that touches
    registers.
  }];
}

#endif // GREY_DIALECT_PVM_PVMPASSES_TD
