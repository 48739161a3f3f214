//===- PVMDialect.h - the PVM dialect -------------------------*- C++ -*-===//
//
// Declares the `pvm` dialect class.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMDIALECT_H
#define GREY_DIALECT_PVM_PVMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "grey/Dialect/PVM/PVMDialect.h.inc"

#include <cstdint>

namespace grey::pvm {
/// Bytes per page of the PVM address space (pvm-isa.md §4): the unit the
/// kernel maps DATA caps in and charges load gas for.
inline constexpr uint64_t kPageSize = 4096;
} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMDIALECT_H
