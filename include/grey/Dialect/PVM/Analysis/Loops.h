//===- Loops.h - natural loops, counters and exit tests -------*- C++ -*-===//
//
// The natural loops of a pvm.func (MLIR's CFGLoopInfo over the dominator
// tree) and, for each, what a loop transformation needs to know: header,
// latches, exits, preheader, nesting, the counters stepped by a constant
// each iteration and the branches that leave the loop by comparing a
// counter with a constant or a loop-invariant register.
//
// Values travel between blocks as block arguments (one per live register),
// so a counter shows up as a header argument that every latch hands back
// stepped by `add_imm_64`/`add_imm_32`, possibly forwarded unchanged
// through the blocks of the body or copied by `move_reg` first; the
// analysis looks through both.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_LOOPS_H
#define GREY_DIALECT_PVM_ANALYSIS_LOOPS_H

#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/Analysis/CFGLoopInfo.h"
#include "mlir/IR/Dominance.h"

#include <memory>
#include <optional>
#include <vector>

namespace grey::pvm {

/// A header argument that every latch hands back as itself plus `step`.
struct LoopCounter {
  mlir::BlockArgument value;
  int64_t step;
  /// Stepped by add_imm_32: the counter is the sign-extended low 32 bits.
  bool is32Bit;
  /// What the loop starts with: the value every edge from outside the loop
  /// brings, when they agree (null otherwise).
  mlir::Value initial;
};

/// A two-way branch inside the loop with one successor outside it, comparing
/// a counter (as it is at the header, or after its step) with a constant or
/// with a register the loop does not change.
struct LoopExitTest {
  mlir::Operation *branch;
  /// Index into LoopSummary::counters.
  unsigned counter;
  /// The branch reads the stepped value rather than the header's.
  bool afterStep;
  /// The counter is the branch's right-hand operand.
  bool counterOnRight;
  /// The bound: an immediate or a loop-invariant register.
  std::optional<int64_t> constantBound;
  mlir::Value invariantBound;
  /// 0: the branch leaves when its condition holds; 1: when it does not.
  unsigned exitSuccessor;
};

struct LoopSummary {
  mlir::CFGLoop *loop;
  mlir::Block *header;
  llvm::SmallVector<mlir::Block *> latches;
  /// Blocks outside the loop that a loop block branches to.
  llvm::SmallVector<mlir::Block *> exits;
  /// The only block outside the loop that branches to the header, when it
  /// has no other successor; null when there is none.
  mlir::Block *preheader;
  /// 1 for an outermost loop.
  unsigned depth;
  llvm::SmallVector<LoopCounter> counters;
  llvm::SmallVector<LoopExitTest> exitTests;
};

class LoopAnalysis {
public:
  explicit LoopAnalysis(mlir::Operation *func);

  /// Every loop, outer loops before the loops they contain, in block order.
  llvm::ArrayRef<LoopSummary> getLoops() const { return loops; }

  /// Whether `value` is the same at every iteration of `loop`: defined
  /// outside it, or forwarded unchanged through it.
  bool isInvariant(mlir::Value value, const mlir::CFGLoop *loop) const {
    return bool(invariantOrigin(value, loop));
  }

  /// What an invariant `value` is at every iteration of `loop`: a value
  /// defined outside the loop, or a header argument every latch hands back
  /// unchanged (looking through register moves and forwarding block
  /// arguments); null when `value` may change.
  mlir::Value invariantOrigin(mlir::Value value,
                              const mlir::CFGLoop *loop) const;

private:
  void summarize(mlir::CFGLoop *loop);
  /// What `value` is, looking through register moves in the loop and block
  /// arguments of loop blocks (other than the header) that every
  /// predecessor fills with the same value.
  mlir::Value forwardedFrom(mlir::Value value, const mlir::CFGLoop *loop) const;
  /// The step and width when `stepped` is add_imm_64/add_imm_32 of `from`.
  std::optional<std::pair<int64_t, bool>>
  stepOf(mlir::Value stepped, mlir::Value from, const mlir::CFGLoop *loop) const;

  mlir::DominanceInfo dominance;
  /// Null when the function has one block (and so no loop).
  std::unique_ptr<mlir::CFGLoopInfo> loopInfo;
  std::vector<LoopSummary> loops;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_LOOPS_H
