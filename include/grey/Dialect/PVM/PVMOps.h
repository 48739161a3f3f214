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

#endif // GREY_DIALECT_PVM_PVMOPS_H
