//===- InitAllPasses.h - register every grey pass -------------*- C++ -*-===//
//
// One place that lists the passes grey's tools offer.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INITALLPASSES_H
#define GREY_INITALLPASSES_H

#include "grey/Conversion/Passes.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/RISCV/RISCVPasses.h"
#include "grey/Pipelines/Pipelines.h"

namespace grey {

/// Registers every grey pass and the named pipelines with the global pass
/// registry.
inline void registerAllPasses() {
  registerConversionPasses();
  pvm::registerPVMPasses();
  riscv::registerRISCVPasses();
  registerPipelines();
}

} // namespace grey

#endif // GREY_INITALLPASSES_H
