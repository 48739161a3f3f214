//===- Pipelines.h - grey's named pass pipelines --------------*- C++ -*-===//
//
// The optimization levels: one function that fills a pass manager, shared by
// `grey-compile` and `grey-opt --grey-pipeline=<level>`.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_PIPELINES_PIPELINES_H
#define GREY_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace grey {

/// How hard grey optimizes.
enum class OptLevel { O0, O1, O2 };

/// Parses "O0", "O1" or "O2".
std::optional<OptLevel> parseOptLevel(llvm::StringRef text);

/// Adds the passes that take an imported `riscv.program` to a `pvm.program`
/// ready for blob export. O0 is the reference-equivalent translation; O1
/// and O2 add optimizations as they are built (today they equal O0).
void buildPipeline(mlir::OpPassManager &pm, OptLevel level);

/// Registers `--grey-pipeline=O0|O1|O2` with the pass registry.
void registerPipelines();

} // namespace grey

#endif // GREY_PIPELINES_PIPELINES_H
