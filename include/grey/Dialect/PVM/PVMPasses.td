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

def PVMSizeStack : Pass<"pvm-size-stack"> {
  let summary = "map only the stack pages the program can use";
  let description = [{
    Bounds the program's stack depth with the stack-depth analysis (the
    call graph, every function's stack-pointer adjustments and the stack
    slots it touches; see StackDepth.h) and shrinks the stack cap to that
    depth plus `margin` bytes, rounded up to whole pages. The stack keeps its
    place at address 0 (so page 0 stays mapped and stack addresses stay
    offsets into the stack cap, kernel-abi.md §8), and the start function's
    `load_imm sp, TOP` is rewritten so the stack still ends where the first
    stack pointer points. Each page not mapped saves 1500 gas at load.

    When the depth is unbounded or unknown (recursion that grows the stack,
    a stack pointer changed by a non-constant amount, anything the analysis
    does not model), or the code names a fixed address inside the pages it
    would give up, the program keeps its stack, and a missed-optimization
    remark in category `pvm-size-stack` says why; a passed remark reports
    the new size and analysis remarks give each reachable function's frame
    and depth (`grey-compile -Rpass-missed=pvm-size-stack`, or `grey-opt
    --remarks-filter=pvm-size-stack`). Run it last: it sizes the frames the
    final code has.
  }];
  let options = [
    Option<"margin", "margin", "uint64_t", /*default=*/"256",
           "bytes added to the computed depth before rounding up to pages">,
  ];
}

#endif // GREY_DIALECT_PVM_PVMPASSES_TD
