//===- RegisterInterference.h - two live values in one register -*- C++ -*-===//
//
// Checks a register assignment expressed in value types: no value may be
// written into a register while another value that lives there is still
// needed. Shared by the riscv and pvm dialects' verify-registers passes.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_ANALYSIS_REGISTERINTERFERENCE_H
#define GREY_ANALYSIS_REGISTERINTERFERENCE_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

#include <optional>

namespace grey {

/// Maps a value's type to the number of the register it is assigned, or
/// nullopt when the value is unallocated (or not a register at all).
using RegisterOf = llvm::function_ref<std::optional<unsigned>(mlir::Type)>;

/// Emits an error at every definition that overwrites a register holding a
/// value still live there. `function` is an op with one SSACFG region (a riscv or
/// pvm function). Unallocated values are ignored.
mlir::LogicalResult verifyRegisterInterference(mlir::Operation *function,
                                               RegisterOf registerOf);

/// Runs verifyRegisterInterference on every `FuncOpT` nested in `root`,
/// reporting all of them before failing.
template <typename FuncOpT>
mlir::LogicalResult verifyRegisterInterferenceInFunctions(mlir::Operation *root,
                                                          RegisterOf registerOf) {
  bool failed = false;
  root->walk([&](FuncOpT func) {
    failed |= verifyRegisterInterference(func, registerOf).failed();
  });
  return mlir::failure(failed);
}

} // namespace grey

#endif // GREY_ANALYSIS_REGISTERINTERFERENCE_H
