//===- FullPipelineModel.h - the reorder-buffer gas model -----*- C++ -*-===//
//
// The full pipeline simulation of gas-model.md §6. No backend charges with
// it; it is here for experiments and comparisons with the single-pass model.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_GAS_FULLPIPELINEMODEL_H
#define GREY_GAS_FULLPIPELINEMODEL_H

#include "grey/Target/Blob/BlobFormat.h"

#include <cstdint>

namespace grey::gas {

/// Which implementation of the full model to follow.
enum class FullModelVariant : uint8_t {
  /// Rust `gas_cost_for_block`: at most 4 dependencies per entry, raw
  /// (unclamped) register nibbles.
  Rust,
  /// Lean `gasCostForBlockFull`: every dependency, clamped registers.
  Lean,
};

/// Steps (decode, dispatch or advance actions) before the simulation gives up.
inline constexpr unsigned kFullModelStepBudget = 100000;

/// The full-model cost of the block starting at `start` (memory latency 25).
uint64_t fullModelBlockCost(const blob::CodeBlob &code, uint32_t start,
                            FullModelVariant variant = FullModelVariant::Rust);

} // namespace grey::gas

#endif // GREY_GAS_FULLPIPELINEMODEL_H
