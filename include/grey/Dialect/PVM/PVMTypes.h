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

#include <optional>

#include "grey/Dialect/PVM/PVMEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "grey/Dialect/PVM/PVMTypes.h.inc"

namespace grey::pvm {
/// Number of PVM registers (φ0…φ12).
inline constexpr unsigned kNumRegs = 13;
} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMTYPES_H
