//===- PVMPasses.h - passes on the PVM dialect ---------------*- C++ -*-===//
//
// Declares the PVM dialect's passes (generated from PVMPasses.td).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMPASSES_H
#define GREY_DIALECT_PVM_PVMPASSES_H

#include "mlir/Pass/Pass.h"

#include <memory>

namespace grey::pvm {

struct GuestProfile;

#define GEN_PASS_DECL
#include "grey/Dialect/PVM/PVMPasses.h.inc"

/// pvm-attach-profile with a profile in memory instead of a file.
std::unique_ptr<mlir::Pass>
createPVMAttachProfile(std::shared_ptr<const GuestProfile> profile);

#define GEN_PASS_REGISTRATION
#include "grey/Dialect/PVM/PVMPasses.h.inc"

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMPASSES_H
