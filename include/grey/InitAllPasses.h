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

namespace grey {

/// Registers every grey pass with the global pass registry.
inline void registerAllPasses() {
  registerConversionPasses();
  pvm::registerPVMPasses();
  riscv::registerRISCVPasses();
}

} // namespace grey

#endif // GREY_INITALLPASSES_H
