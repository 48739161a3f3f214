//===- ProgramStructure.h - riscv program to pvm program --------*- C++ -*-===//
//
// The part of the conversion that restructures the program rather than
// selecting instructions.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_LIB_CONVERSION_RISCVTOPVM_PROGRAMSTRUCTURE_H
#define GREY_LIB_CONVERSION_RISCVTOPVM_PROGRAMSTRUCTURE_H

#include "grey/Conversion/RISCVToPVM.h"
#include "grey/Dialect/RISCV/RISCVOps.h"

#include <cstdint>

namespace grey {

/// Replaces `program` by a `pvm.program` whose functions still hold the
/// riscv instructions, ready for the patterns of
/// populateRISCVToPVMPatterns: registers without a PVM counterpart are
/// dropped where they are only passed along, blocks end after each call,
/// jump-table entries are numbered, code addresses (in registers and in
/// data) become jump-table addresses, blocks entered only through the jump
/// table become targets of their function's indirect jumps, segments that
/// share a page are merged, and a start function sets up the stack.
/// `stackSize` 0 means everything below the lowest data page; `heapSize` 0
/// means no heap cap; `argsPages` sizes the argument cap.
mlir::LogicalResult rebuildProgram(riscv::ProgramOp program,
                                   const RISCVToPVMTypeConverter &converter,
                                   uint64_t stackSize, uint64_t heapSize,
                                   uint64_t argsPages);

} // namespace grey

#endif // GREY_LIB_CONVERSION_RISCVTOPVM_PROGRAMSTRUCTURE_H
