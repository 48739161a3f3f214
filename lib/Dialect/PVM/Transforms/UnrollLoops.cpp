//===- UnrollLoops.cpp - pvm-unroll-loops ---------------------------------===//
//
// Superblock loop unrolling of one-block loops: k copies in a row, each
// leaving the loop through a branch to an `unlikely` block (cost 1), a jump
// back after the last.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/IRMapping.h"

#include <cmath>

namespace grey::pvm {
#define GEN_PASS_DEF_PVMUNROLLLOOPS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-unroll-loops";

unsigned instructionCount(Block *block) {
  return llvm::count_if(*block,
                        [](Operation &op) { return !blob::emitsNoCode(&op); });
}

/// A one-block loop and what unrolling it is worth per entry.
struct Loop {
  Block *block;
  /// Expected iterations per entry.
  double trips;
  /// How often the loop is entered.
  double entries;
};

class LoopUnroller {
public:
  LoopUnroller(ProgramOp program, unsigned maxFactor, unsigned maxUnrolledSize,
               unsigned programGrowth)
      : program(program), noReturn(program),
        options(optimizerCostOptionsAt(program)), maxFactor(maxFactor),
        maxUnrolledSize(maxUnrolledSize) {
    unsigned total = 0;
    program.walk([&](Block *block) { total += instructionCount(block); });
    budget = 64 + total * programGrowth / 100;
  }
  void run();

private:
  std::optional<Loop> asLoop(Block *block, const BlockFrequency &frequency);
  bool unroll(const Loop &loop);

  ProgramOp program;
  NoReturnFunctions noReturn;
  gas::CostOptions options;
  unsigned maxFactor, maxUnrolledSize;
  unsigned budget;
};

std::optional<Loop> LoopUnroller::asLoop(Block *block,
                                         const BlockFrequency &frequency) {
  Operation *branch = block->getTerminator();
  if (!isa<ConditionalBranchOpInterface>(branch) ||
      branch->getSuccessor(0) != block || branch->getSuccessor(1) == block)
    return std::nullopt;
  Block *exit = branch->getSuccessor(1);
  // The `unlikely` block goes right before the exit.
  if (llvm::any_of(exit->getPredecessors(), [&](Block *pred) {
        return pred != block && layoutSuccessor(pred->getTerminator()) == exit;
      }))
    return std::nullopt;
  if (!definesOnlyLocalValues(block) ||
      llvm::any_of(*block, [](Operation &op) {
        return isa<GetRegisterOp, JumpTableEntryOp>(op);
      }))
    return std::nullopt;
  double entries = 0;
  for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it)
    if (*it != block)
      entries += frequency.getEdgeFrequency(*it, it.getSuccessorIndex());
  double runs = frequency.getFrequency(block);
  if (entries <= 0 || runs <= 0)
    return std::nullopt;
  return Loop{block, runs / entries, entries};
}

bool LoopUnroller::unroll(const Loop &loop) {
  Block *body = loop.block;
  unsigned size = instructionCount(body);
  if (size == 0)
    return false;
  unsigned factor =
      std::min<unsigned>(std::ceil(loop.trips), maxUnrolledSize / size);
  factor = std::min(factor, maxFactor);
  if (factor < 2 || (factor - 1) * size + 2 > budget)
    return false;

  Operation *branch = body->getTerminator();
  Block *exit = branch->getSuccessor(1);
  uint64_t expensive = blockCost(body, options);

  // Build the copies, then decide; undo if it does not pay.
  auto branchOps = cast<BranchOpInterface>(branch);
  Block *landing = insertUnlikelyLanding(exit);
  SmallVector<Block *> copies{body};
  Location loc = UnknownLoc::get(body->getParentOp()->getContext());
  OpBuilder builder(body->getParentOp()->getContext());
  Block *last = body;
  SmallVector<IRMapping> mappings(1);
  for (unsigned i = 1; i < factor; ++i) {
    auto *copy = new Block();
    copy->insertAfter(last);
    IRMapping &mapping = mappings.emplace_back();
    for (BlockArgument arg : body->getArguments())
      mapping.map(arg, copy->addArgument(arg.getType(), arg.getLoc()));
    builder.setInsertionPointToEnd(copy);
    for (Operation &op : body->without_terminator())
      builder.clone(op, mapping);
    copies.push_back(copy);
    last = copy;
  }
  auto *back = new Block();
  back->insertAfter(last);
  SmallVector<Value> backArgs;
  for (BlockArgument arg : body->getArguments())
    backArgs.push_back(back->addArgument(arg.getType(), arg.getLoc()));
  builder.setInsertionPointToEnd(back);
  JumpOp::create(builder, loc, backArgs, body);

  // Each copy leaves through the landing and goes on to the next copy.
  SmallVector<Operation *> branches;
  for (auto [i, copy] : llvm::enumerate(copies)) {
    IRMapping &mapping = mappings[i];
    auto mapped = [&](OperandRange range) {
      SmallVector<Value> values;
      for (Value value : range)
        values.push_back(mapping.lookupOrDefault(value));
      return values;
    };
    Block *next = i + 1 < copies.size() ? copies[i + 1] : back;
    builder.setInsertionPointToEnd(copy);
    branches.push_back(createBranchLike(
        builder, branch, /*inverted=*/true, mapped(comparedOperands(branch)),
        landing, mapped(branchOps.getSuccessorOperands(1).getForwardedOperands()),
        next, mapped(branchOps.getSuccessorOperands(0).getForwardedOperands())));
  }
  // The original branch now sits before the first copy's new one.
  branch->remove();
  double cheapCost = double(blockCost(body, options));
  double before = loop.trips * double(expensive);
  double after = loop.trips * cheapCost +
                 loop.trips / factor * double(blockCost(back, options)) +
                 double(blockCost(landing, options));
  if (after >= before ||
      !shouldApplyRewrite(body->getParentOp(), kPassName, "unroll a loop")) {
    for (Operation *copyBranch : branches)
      copyBranch->erase();
    body->push_back(branch);
    for (Block *copy : llvm::drop_begin(copies)) {
      copy->dropAllDefinedValueUses();
      copy->erase();
    }
    back->erase();
    landing->erase();
    return false;
  }
  branch->destroy();
  budget -= (factor - 1) * size + 2;
  return true;
}

void LoopUnroller::run() {
  SmallVector<Loop> loops;
  for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
    BlockFrequency frequency(func, &noReturn);
    for (Block &block : func.getBody())
      if (std::optional<Loop> loop = asLoop(&block, frequency))
        loops.push_back(*loop);
  }
  // Hottest first while the growth budget lasts.
  llvm::stable_sort(loops, [](const Loop &a, const Loop &b) {
    return a.trips * a.entries > b.trips * b.entries;
  });
  for (const Loop &loop : loops)
    unroll(loop);
}

struct UnrollLoopsPass
    : public grey::pvm::impl::PVMUnrollLoopsBase<UnrollLoopsPass> {
  using PVMUnrollLoopsBase::PVMUnrollLoopsBase;
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      LoopUnroller(program, maxFactor, maxUnrolledSize, maxProgramGrowth)
          .run();
    });
  }
};

} // namespace
