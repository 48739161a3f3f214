//===- Pipelines.h - grey's named pass pipelines --------------*- C++ -*-===//
//
// The optimization levels: one function that fills a pass manager, shared by
// `grey-compile` and `grey-opt --grey-pipeline=<level>`.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_PIPELINES_PIPELINES_H
#define GREY_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace grey {

namespace pvm {
struct GuestProfile;
} // namespace pvm

/// How hard grey optimizes.
enum class OptLevel { O0, O1, O2 };

/// Parses "O0", "O1" or "O2".
std::optional<OptLevel> parseOptLevel(llvm::StringRef text);

/// The command-line arguments (e.g. "pvm-fold-constants") of the pipeline's
/// optimization passes, in pipeline order: the passes `buildPipeline` can
/// leave out. The conversion and the checks are not among them.
std::vector<std::string> optionalPassNames();

/// Succeeds when every name in `disabled` is one of optionalPassNames();
/// otherwise the error names the unknown pass and lists the ones that can be
/// disabled.
llvm::Error checkDisabledPasses(llvm::ArrayRef<std::string> disabled);

/// Adds the passes that take an imported `riscv.program` to a `pvm.program`
/// ready for blob export. O0 is the reference-equivalent translation; O1
/// and O2 add optimizations as they are built (today they equal O0). An
/// optimization pass whose argument is in `disabled` is left out; the names
/// must pass checkDisabledPasses (an unknown name is an error). Every level
/// ends with pvm-legalize-jit-hazards, which cannot be disabled, and
/// pvm-verify-registers. With `profile`, the passes that weigh blocks by
/// how often they run use its counts (pvm-attach-profile runs right after
/// the conversion).
llvm::Error
buildPipeline(mlir::OpPassManager &pm, OptLevel level,
              llvm::ArrayRef<std::string> disabled = {},
              std::shared_ptr<const pvm::GuestProfile> profile = nullptr);

/// Registers `--grey-pipeline=O0|O1|O2` with the pass registry.
void registerPipelines();

} // namespace grey

#endif // GREY_PIPELINES_PIPELINES_H
