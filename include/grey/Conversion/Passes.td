//===- Passes.td - dialect conversion passes ---------------*- tablegen -*-===//
//
// Every pass that converts one grey dialect into another.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_CONVERSION_PASSES_TD
#define GREY_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertRISCVToPVM : Pass<"convert-riscv-to-pvm", "mlir::ModuleOp"> {
  let summary = "translate an imported RISC-V program into PVM";
  let description = [{
    Replaces each `riscv.program` by a `pvm.program`, instruction by
    instruction, with the reference translator's fixed register mapping
    (transpile-abi.md §6): ra→r0, sp→r1, t0–t2→r2–r4, s0–s1→r5–r6,
    a0–a5→r7–r12. Expects fully allocated `riscv` IR as the ELF importer
    produces it; leaves fully allocated `pvm` IR.

    - x0 reads take the instruction's x0 form (immediate 0) or a constant.
    - Instructions with no PVM form without one more register (`max`/`min`
      of x0 into their other operand, `orc.b`, `jalr rd, imm(rd)`) first
      become riscv sequences that use a register free at that point (by
      liveness); with none free, max/min branch around `li rd, 0` and
      orc.b saves a register just below sp (docs/Conversion.md).
    - Calls become `pvm.call` / `pvm.call_indirect`, each ending its block;
      the return site gets a jump-table entry. Function pointers, return
      addresses and code pointers stored in data become jump-table
      addresses `2(N+1)`.
    - `li t0, N; ecall` becomes `ecalli N`; `unimp`/`ebreak` become `trap`.
    - A start function sets sp to the top of the stack and jumps to the
      ELF entry. Data keeps its ELF addresses; segments that share a page
      are merged.
  }];
  let dependentDialects = ["grey::pvm::PVMDialect"];
  let options = [
    Option<"stackSize", "stack-size", "uint64_t", /*default=*/"0",
           "stack size in bytes (0: everything below the lowest data page, "
           "as the reference does, or 16 KiB without data)">,
    Option<"heapSize", "heap-size", "uint64_t", /*default=*/"65536",
           "size in bytes of the zero-filled heap cap (the reference's 16 "
           "pages; 0: no heap cap)">,
    Option<"argsPages", "args-pages", "uint64_t", /*default=*/"1",
           "pages of the argument cap (slot 0) the host copies the "
           "arguments into (the reference's one page)">,
  ];
}

#endif // GREY_CONVERSION_PASSES_TD
