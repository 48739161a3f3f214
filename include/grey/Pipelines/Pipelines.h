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

#include <cstdint>
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

/// The gas model the optimizations decide with (`grey-compile --gas-model`).
enum class GasModel {
  /// What the kernel charges today (gas-model.md §5, with the three-register
  /// rule of §3).
  Consensus,
  /// The same, but three-register instructions modelled by their real
  /// operands, for blobs that stay good if the model is corrected.
  Latency,
};

/// The memory a blob maps besides the program's code and data
/// (`grey-compile --stack-size`, `--heap-pages`, `--args-pages`).
struct MemoryLayoutOptions {
  /// Stack bytes from address 0 (whole pages). Unset: at O0 everything below
  /// the lowest data page, as the reference maps it; at O1 and O2 what
  /// `pvm-size-stack` proves the program needs.
  std::optional<uint64_t> stackSize;
  /// Pages of the zero-filled heap cap. Unset: the reference's 16 at O0,
  /// none at O1 and O2 (nothing in a program can find the heap but a
  /// hard-wired address).
  std::optional<uint64_t> heapPages;
  /// Pages of the argument cap (slot 0), which the host writes the
  /// arguments into.
  uint64_t argsPages = 1;
};

/// Adds the passes that take an imported `riscv.program` to a `pvm.program`
/// ready for blob export. O0 is the reference-equivalent translation; O1
/// and O2 add the optimization passes and size the memory the blob maps. An
/// optimization pass whose argument is in `disabled` is left out; the names
/// must pass checkDisabledPasses (an unknown name is an error). Every level
/// ends with pvm-legalize-jit-hazards, which cannot be disabled, and
/// pvm-verify-registers. With `profile`, the passes that weigh blocks by
/// how often they run use its counts (pvm-attach-profile runs right after
/// the conversion).
llvm::Error
buildPipeline(mlir::OpPassManager &pm, OptLevel level,
              llvm::ArrayRef<std::string> disabled = {},
              const MemoryLayoutOptions &layout = {},
              GasModel gasModel = GasModel::Consensus,
              std::shared_ptr<const pvm::GuestProfile> profile = nullptr);

/// Registers `--grey-pipeline=O0|O1|O2` with the pass registry.
void registerPipelines();

} // namespace grey

#endif // GREY_PIPELINES_PIPELINES_H
