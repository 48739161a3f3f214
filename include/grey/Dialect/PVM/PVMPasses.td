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

def PVMFoldConstants : Pass<"pvm-fold-constants"> {
  let summary = "fold constant operands into immediate forms";
  let description = [{
    The reference translator's constant fusions (anchors grey-transpiler
    T2, T5–T7, P1–P3), done with SSA use lists so a constant whose register
    is still read stays: a register operand defined by `load_imm K` becomes
    the immediate of the instruction's immediate form (`add_64 x, K` →
    `add_imm_64 x, K`; `K << x` → `shlo_l_imm_alt_64`; `K < x` →
    `set_gt_*_imm`; branches on a constant → `branch_*_imm`; a constant base
    → an absolute load or store; a constant stored value →
    `store_imm_ind_*`), constant operations fold to `load_imm`, and
    `load_imm`s nothing reads any more disappear. Keeps every value in its
    register and never reorders or merges blocks.
  }];
}

#endif // GREY_DIALECT_PVM_PVMPASSES_TD
