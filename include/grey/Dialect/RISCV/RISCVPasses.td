//===- RISCVPasses.td - passes on the RISC-V dialect -------*- tablegen -*-===//
//
// Every pass over `riscv` IR.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVPASSES_TD
#define GREY_DIALECT_RISCV_RISCVPASSES_TD

include "mlir/Pass/PassBase.td"

def RISCVVerifyRegisters : Pass<"riscv-verify-registers"> {
  let summary = "check that no two live values share a register";
  let description = [{
    Fails when a value is written into a register while another value in
    that register is still live, or when two values live into a block share
    a register: imported IR must describe what the machine does. Changes
    nothing.
  }];
}

#endif // GREY_DIALECT_RISCV_RISCVPASSES_TD
