//===- OptBisect.h - skip optional rewrites past a limit -------*- C++ -*-===//
//
// Every optimization asks before it rewrites. LLVM's `-opt-bisect-limit=N`
// (registered by libLLVM, so every grey tool accepts it) then allows only
// the first N rewrites; bisecting N finds the first rewrite after which a
// program misbehaves (utils/bisect-miscompile.sh).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_SUPPORT_OPTBISECT_H
#define GREY_SUPPORT_OPTBISECT_H

#include "llvm/ADT/StringRef.h"

namespace mlir {
class MLIRContext;
class Operation;
} // namespace mlir

namespace grey {

/// Whether `pass` may make the rewrite `what` in the function that holds
/// `scope`. Always true unless bisection is on; then LLVM's pass gate counts
/// the rewrite and prints "BISECT: running pass (N) <pass> on @<function>:
/// <what>" (or "NOT running") to stderr. Call it once per rewrite the pass
/// can leave undone, or at least once per function.
bool shouldApplyRewrite(mlir::Operation *scope, llvm::StringRef pass,
                        llvm::StringRef what);

/// While one exists, shouldApplyRewrite allows every rewrite without
/// counting it: for a compilation that takes no part in bisection (the
/// rebuild of the profiled blob behind grey-compile --profile-use).
class OptBisectPause {
public:
  OptBisectPause();
  ~OptBisectPause();
  OptBisectPause(const OptBisectPause &) = delete;
  OptBisectPause &operator=(const OptBisectPause &) = delete;
};

/// Bisection numbers rewrites in the order they are asked for, so it needs
/// passes to run one function at a time: call this before running a pass
/// manager in `context`.
void prepareContextForOptBisect(mlir::MLIRContext &context);

} // namespace grey

#endif // GREY_SUPPORT_OPTBISECT_H
