//===- PVMTypes.h - PVM register type and enums ---------------*- C++ -*-===//
//
// The register type `!pvm.reg<rN>` and the enums generated from PVMTypes.td.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMTYPES_H
#define GREY_DIALECT_PVM_PVMTYPES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"
#include "mlir/IR/Value.h"

#include <optional>

#include "grey/Dialect/PVM/PVMEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "grey/Dialect/PVM/PVMTypes.h.inc"

namespace grey::pvm {
/// Number of PVM registers (φ0…φ12).
inline constexpr unsigned kNumRegs = 13;

/// Whether a branch may pass a value of type `passed` to a block argument of
/// type `argument`: the same register, or either not allocated yet.
inline bool canPassToArgument(mlir::Type passed, mlir::Type argument) {
  if (passed == argument)
    return true;
  auto a = llvm::dyn_cast<RegType>(passed), b = llvm::dyn_cast<RegType>(argument);
  return a && b && (!a.isAllocated() || !b.isAllocated());
}

/// Whether `value` is a register no pass has placed yet (`!pvm.reg`).
inline bool isUnallocated(mlir::Value value) {
  auto type = llvm::dyn_cast<RegType>(value.getType());
  return type && !type.isAllocated();
}
} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMTYPES_H
