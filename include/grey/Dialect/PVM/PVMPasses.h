//===- PVMPasses.h - passes on the PVM dialect ---------------*- C++ -*-===//
//
// Declares the PVM dialect's passes (generated from PVMPasses.td).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMPASSES_H
#define GREY_DIALECT_PVM_PVMPASSES_H

#include "mlir/Pass/Pass.h"

namespace grey::pvm {

#define GEN_PASS_DECL
#include "grey/Dialect/PVM/PVMPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "grey/Dialect/PVM/PVMPasses.h.inc"

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMPASSES_H
