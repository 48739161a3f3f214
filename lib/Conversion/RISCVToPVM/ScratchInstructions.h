//===- ScratchInstructions.h - instructions that need a scratch -*- C++ -*-===//
//
// The riscv instructions that the fixed register mapping leaves without a
// PVM form unless one more register holds an intermediate value.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_LIB_CONVERSION_RISCVTOPVM_SCRATCHINSTRUCTIONS_H
#define GREY_LIB_CONVERSION_RISCVTOPVM_SCRATCHINSTRUCTIONS_H

#include "grey/Dialect/RISCV/RISCVOps.h"

namespace grey {

/// Rewrites, within the riscv dialect, the instructions of `func` that have
/// no PVM form without a scratch register: `max`/`min` of x0 and the
/// register they write, `orc.b`, and `jalr rd, imm(rd)`. Each takes a
/// register that is free at that point (mlir::Liveness over the register-
/// typed SSA); when none is, max/min branch around a `li rd, 0` and orc.b
/// saves registers below the stack pointer for the length of the sequence
/// (docs/Conversion.md). Fails, with an error on the instruction, only for
/// IR the ELF importer does not produce (an indirect call that keeps every
/// register live, or a value live out of its block without a block
/// argument where a spill needs it).
mlir::LogicalResult expandScratchInstructions(riscv::FuncOp func);

} // namespace grey

#endif // GREY_LIB_CONVERSION_RISCVTOPVM_SCRATCHINSTRUCTIONS_H
