//===- PVMDialect.h - the PVM dialect -------------------------*- C++ -*-===//
//
// Declares the `pvm` dialect class.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMDIALECT_H
#define GREY_DIALECT_PVM_PVMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "grey/Dialect/PVM/PVMDialect.h.inc"

#endif // GREY_DIALECT_PVM_PVMDIALECT_H
