//===- RISCVOps.h - RISC-V operations -------------------------*- C++ -*-===//
//
// Declares every `riscv` op and the dialect's op traits.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVOPS_H
#define GREY_DIALECT_RISCV_RISCVOPS_H

#include "grey/Dialect/RISCV/RISCVDialect.h"
#include "grey/Dialect/RISCV/RISCVTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace grey::riscv {
namespace detail {
mlir::LogicalResult verifyNoZeroResult(mlir::Operation *op);
} // namespace detail

/// No result of the op lives in x0, which discards writes.
template <typename ConcreteType>
class NoZeroResult
    : public mlir::OpTrait::TraitBase<ConcreteType, NoZeroResult> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    return detail::verifyNoZeroResult(op);
  }
};
} // namespace grey::riscv

#define GET_OP_CLASSES
#include "grey/Dialect/RISCV/RISCVOps.h.inc"

#endif // GREY_DIALECT_RISCV_RISCVOPS_H
