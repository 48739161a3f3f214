//===- InitAllDialects.h - register every grey dialect --------*- C++ -*-===//
//
// One place that lists the dialects grey's tools and tests load.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INITALLDIALECTS_H
#define GREY_INITALLDIALECTS_H

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/RISCV/RISCVDialect.h"

#include "mlir/IR/DialectRegistry.h"

namespace grey {

/// Adds the `riscv` and `pvm` dialects to `registry`.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<pvm::PVMDialect, riscv::RISCVDialect>();
}

} // namespace grey

#endif // GREY_INITALLDIALECTS_H
