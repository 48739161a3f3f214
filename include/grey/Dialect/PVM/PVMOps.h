//===- PVMOps.h - PVM operations ------------------------------*- C++ -*-===//
//
// Declares every `pvm` op and the instruction interface.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMOPS_H
#define GREY_DIALECT_PVM_PVMOPS_H

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "grey/Dialect/PVM/PVMOpInterfaces.h.inc"

#define GET_OP_CLASSES
#include "grey/Dialect/PVM/PVMOps.h.inc"

namespace grey::pvm {

/// Whether `op` is a conditional move: it reads the register it writes
/// (its last operand, `prev`, and its result share one register).
inline bool isConditionalMove(mlir::Operation *op) {
  return llvm::isa<CmovIzOp, CmovNzOp, CmovIzImmOp, CmovNzImmOp>(op);
}

/// Whether `op` may run where it did not before (on another path, or once
/// instead of every time): an instruction without memory effects (PVM
/// arithmetic never traps) that reads no destination and does not branch.
inline bool canSpeculate(mlir::Operation *op) {
  return llvm::isa<InstructionOpInterface>(op) && mlir::isMemoryEffectFree(op) &&
         !isConditionalMove(op) && op->getNumSuccessors() == 0;
}

/// Whether the ABI fixes the registers of `op`'s operands: the callee, the
/// host or the jump's destination reads them in the register their type
/// names, so they may not be unallocated.
inline bool hasABIOperands(mlir::Operation *op) {
  return llvm::isa<CallOp, CallIndirectOp, TailCallOp, EcalliOp, EcallOp,
                   JumpIndOp, LoadImmJumpIndOp>(op);
}

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMOPS_H
