//===- LoopInvariantCodeMotion.cpp - pvm-licm -----------------------------===//
//
// Moves arithmetic whose operands a loop does not change out of the loop,
// to the end of the block that enters it. The moved values become
// unallocated and RegisterAssigner places them: they must now hold one
// register across the whole loop, and when none is free the motion is
// undone (docs/Optimizer.md: the allocator never spills).
//
//   entering block: ... ; c = f(a, b) ─► loop: uses c, no longer computes it
//
// Ops without memory effects move (PVM arithmetic never traps, so running
// one once before the loop instead of on some iterations changes nothing
// observable), and so do loads that read the same bytes at every
// iteration: an invariant address that nothing in the loop may write
// (MemoryModel). A moved load runs even when the loop would not have
// reached it, so it moves only where SafeAccesses proves it cannot fault
// (docs/Optimizer.md): the moved loads prove nothing about each other.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/Loops.h"
#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/Remarks.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SetVector.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMLOOPINVARIANTCODEMOTION
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-licm";

/// An op moved out of a loop, and what it takes to put it back.
struct Moved {
  Operation *op;
  /// Where it was: its block and its position among the block's ops.
  Block *block;
  unsigned position;
  SmallVector<Value> operands;
  Type type;
};

/// Whether every use of `value` can read it from a register
/// RegisterAssigner picks: not where the ABI fixes the register, not as
/// the `prev` a conditional move overwrites in place.
bool acceptsAnyRegister(Value value) {
  return llvm::all_of(value.getUses(), [](OpOperand &use) {
    Operation *user = use.getOwner();
    return !hasABIOperands(user) && !isConditionalMove(user);
  });
}

/// Whether a branch passes `value` to a block argument in another
/// register than the one it has: that edge would need a move.
bool needsEdgeMove(Value value) {
  for (OpOperand &use : value.getUses()) {
    auto branch = dyn_cast<BranchOpInterface>(use.getOwner());
    if (!branch)
      continue;
    if (std::optional<BlockArgument> arg =
            branch.getSuccessorBlockArgument(use.getOperandNumber()))
      if (arg->getType() != value.getType())
        return true;
  }
  return false;
}

class InvariantMotion {
public:
  InvariantMotion(ProgramOp program, StringRef passArgument)
      : noReturn(program), areas(program),
        options(optimizerCostOptionsFor(program)),
        passArgument(passArgument) {}

  void run(FuncOp func);

private:
  /// What one attempt to move a loop's invariant ops did.
  struct Attempt {
    enum Outcome {
      Moved,
      NothingToMove,
      NotCheaper,
      NoRegister,
      MightFault,
      Refused
    };
    Outcome outcome = NothingToMove;
    /// The ops that qualified, in an order where operands come first.
    SmallVector<Operation *> candidates;
    /// For MightFault: the moved loads SafeAccesses could not prove.
    SmallVector<Operation *> mightFault;
    /// Gas saved per entry of the function (negative: lost).
    double saved = 0;
  };
  /// The loads of one loop SafeAccesses has proven safe to move (with all
  /// the others that were moving then, so with any fewer too).
  using SafeLoads = llvm::SmallPtrSet<Operation *, 16>;
  /// Moves the invariant ops of the loop headed by `header` that `allowed`
  /// accepts out of it, all or none.
  Attempt hoist(FuncOp func, Block *header,
                function_ref<bool(Operation *)> allowed, SafeLoads &safeLoads);
  /// Moves what it can out of the loop headed by `header`: everything, or
  /// when registers run short, one op at a time.
  void hoistLoop(FuncOp func, Block *header);

  remark::RemarkOpts remarkNamed(StringRef name) const {
    return remark::RemarkOpts::name(name).category(passArgument);
  }

  NoReturnFunctions noReturn;
  StackArgumentAreas areas;
  /// The memory model of the function being visited, built when a load is
  /// first asked about and dropped when ops move (a value it has not seen
  /// would read as no frame address). An undone attempt leaves the IR as it
  /// was, so the model outlives it.
  std::optional<MemoryModel> model;
  gas::CostOptions options;
  StringRef passArgument;
};

void InvariantMotion::run(FuncOp func) {
  model.reset();
  if (func.getBody().hasOneBlock())
    return;
  // Innermost loops first: what leaves an inner loop lands in its outer
  // loop, which may move it further. Headers outlive the analyses.
  SmallVector<Block *> headers;
  {
    LoopAnalysis loops(func);
    for (const LoopSummary &loop : llvm::reverse(loops.getLoops()))
      headers.push_back(loop.header);
  }
  for (Block *header : headers)
    hoistLoop(func, header);
  restoreLayout(func.getBody());
}

void InvariantMotion::hoistLoop(FuncOp func, Block *header) {
  Location loc = header->getTerminator()->getLoc();
  // Loads that might fault before the loop stay, and so does what reads
  // them; the others are tried again without them.
  llvm::SmallPtrSet<Operation *, 4> mightFault;
  auto reportMightFault = llvm::make_scope_exit([&] {
    if (!mightFault.empty())
      remark::missed(loc, remarkNamed("NotHoisted"))
          << remark::reason("{0} invariant loads stay in the loop: they "
                            "might fault before it",
                            mightFault.size());
  });
  SafeLoads safeLoads;
  auto notFaulting = [&](Operation *op) { return !mightFault.contains(op); };
  Attempt all = hoist(func, header, notFaulting, safeLoads);
  while (all.outcome == Attempt::MightFault) {
    mightFault.insert(all.mightFault.begin(), all.mightFault.end());
    all = hoist(func, header, notFaulting, safeLoads);
  }
  unsigned moved = 0;
  double saved = 0;
  // Each op alone, operands first (an op whose operand stayed cannot
  // move): fewer values across the loop may fit, and an op that saves gas
  // may have been held back by one that costs more before the loop than
  // in it (a load on a path the loop rarely takes).
  auto hoistEach = [&] {
    for (Operation *op : all.candidates) {
      Attempt one = hoist(
          func, header, [&](Operation *each) { return each == op; },
          safeLoads);
      if (one.outcome == Attempt::Moved) {
        ++moved;
        saved += one.saved;
      }
      mightFault.insert(one.mightFault.begin(), one.mightFault.end());
    }
  };
  StringRef stayReason;
  switch (all.outcome) {
  case Attempt::Moved:
    moved = all.candidates.size();
    saved = all.saved;
    break;
  case Attempt::NoRegister:
    hoistEach();
    stayReason = "no register is free across it";
    break;
  case Attempt::NotCheaper:
    hoistEach();
    if (!moved) {
      remark::missed(loc, remarkNamed("NotHoisted"))
          << remark::reason("{0} invariant ops stay in the loop: moving them "
                            "would save {1} gas per entry of the function",
                            all.candidates.size(), all.saved + 0.0);
      return;
    }
    stayReason = "moving them saves no gas, or no register is free";
    break;
  case Attempt::NothingToMove:
  case Attempt::MightFault:
  case Attempt::Refused:
    return;
  }
  if (moved)
    remark::passed(loc, remarkNamed("Hoisted"))
        << remark::add("moved {0} of {1} invariant ops out of the loop ({2} "
                       "gas less per entry of the function)",
                       moved, all.candidates.size(), saved);
  if (moved < all.candidates.size())
    remark::missed(loc, remarkNamed("NotHoisted"))
        << remark::reason("{0} invariant ops stay in the loop: {1}",
                          all.candidates.size() - moved, stayReason);
}

InvariantMotion::Attempt
InvariantMotion::hoist(FuncOp func, Block *header,
                       function_ref<bool(Operation *)> allowed,
                       SafeLoads &safeLoads) {
  Attempt attempt;
  LoopAnalysis loops(func);
  const LoopSummary *loop = nullptr;
  for (const LoopSummary &summary : loops.getLoops())
    if (summary.header == header)
      loop = &summary;
  if (!loop || isJumpTableEntry(header))
    return attempt;
  CFGLoop *cfgLoop = loop->loop;

  // The edges that enter the loop, and what each passes to the header.
  SmallVector<std::pair<Operation *, unsigned>> entering;
  for (auto it = header->pred_begin(), e = header->pred_end(); it != e; ++it)
    if (!cfgLoop->contains(*it))
      entering.emplace_back((*it)->getTerminator(), it.getSuccessorIndex());
  if (entering.empty() ||
      llvm::any_of(entering, [](auto edge) {
        return !isPlainEdge(edge.first) &&
               !isa<ConditionalBranchOpInterface>(edge.first);
      }))
    return attempt;
  // The value a header argument has on entry, when every entering edge
  // agrees on it (else the moved ops go to a new preheader, whose own
  // arguments are that value).
  auto enteringValue = [&](unsigned index) -> Value {
    Value common;
    for (auto [edge, successor] : entering) {
      Value passed = cast<BranchOpInterface>(edge)
                         .getSuccessorOperands(successor)
                         .getForwardedOperands()[index];
      if (common && common != passed)
        return {};
      common = passed;
    }
    return common;
  };

  // What moves: ops without effects, and loads of memory the loop does not
  // write, whose operands are invariant or move too, in an order where
  // operands move first.
  BlockFrequency frequency(func, &noReturn);
  llvm::SetVector<Operation *> candidates;
  SmallVector<Block *> blocks;
  for (Block &block : func.getBody())
    if (cfgLoop->contains(&block))
      blocks.push_back(&block);
  auto isHeaderArgument = [&](Value value) {
    auto arg = dyn_cast_or_null<BlockArgument>(value);
    return arg && arg.getOwner() == header;
  };
  // Loads read the same bytes at every iteration when nothing in the loop
  // may write them.
  DenseMap<Operation *, bool> invariantLoads;
  auto readsInvariantMemory = [&](Operation &load) {
    auto [it, inserted] = invariantLoads.try_emplace(&load, false);
    if (!inserted)
      return it->second;
    if (!model)
      model.emplace(func, &areas);
    std::optional<MemoryLocation> loc = model->getLocation(&load);
    if (!loc)
      return false;
    for (Block *block : blocks)
      for (Operation &op : *block) {
        std::optional<MemoryAccess> access = getMemoryAccess(&op);
        if (!access) {
          if (model->mayAccess(&op, *loc))
            return false;
          continue;
        }
        if (!access->isStore)
          continue;
        std::optional<MemoryLocation> stored = model->getLocation(&op);
        if (!stored || model->mayAlias(*loc, *stored))
          return false;
      }
    return it->second = true;
  };
  auto isLoad = [](Operation &op) {
    std::optional<MemoryAccess> access = getMemoryAccess(&op);
    return access && !access->isStore;
  };
  auto movable = [&](Operation &op) {
    if (!allowed(&op) || isa<MoveRegOp>(op) || op.getNumResults() != 1 ||
        !acceptsAnyRegister(op.getResult(0)))
      return false;
    if (isLoad(op) ? !readsInvariantMemory(op) : !canSpeculate(&op))
      return false;
    for (Value operand : op.getOperands()) {
      if (Operation *def = operand.getDefiningOp();
          def && candidates.contains(def))
        continue;
      if (!loops.invariantOrigin(operand, cfgLoop))
        return false;
    }
    return true;
  };
  // Operands defined in a later block (around an inner loop) are found on
  // the next sweep.
  for (bool changed = true; changed;) {
    changed = false;
    for (Block *block : blocks)
      for (Operation &op : *block)
        if (!candidates.contains(&op) && movable(op))
          changed |= candidates.insert(&op);
  }
  if (candidates.empty())
    return attempt;
  attempt.candidates = candidates.takeVector();
  llvm::SmallPtrSet<Operation *, 16> moving(attempt.candidates.begin(),
                                             attempt.candidates.end());
  llvm::DenseSet<Operation *> movingLoads;
  SmallVector<Operation *> unproven;
  for (Operation *op : attempt.candidates) {
    if (!isLoad(*op))
      continue;
    movingLoads.insert(op);
    if (!safeLoads.contains(op))
      unproven.push_back(op);
  }
  bool readsHeaderArguments =
      llvm::any_of(attempt.candidates, [&](Operation *op) {
        return llvm::any_of(op->getOperands(), [&](Value operand) {
          return !moving.contains(operand.getDefiningOp()) &&
                 isHeaderArgument(loops.invariantOrigin(operand, cfgLoop));
        });
      });

  // What the loop saves per entry of the function: its blocks' gas
  // without the moved ops, weighted by how often each runs.
  double saved = 0, entries = 0;
  for (Block *block : blocks) {
    SmallVector<Operation *> kept;
    unsigned moved = 0;
    for (Operation &op : *block) {
      if (moving.contains(&op))
        ++moved;
      else
        kept.push_back(&op);
    }
    if (!moved)
      continue;
    double runs = frequency.getFrequency(block);
    saved += runs * (double(blockCost(block, options)) -
                     double(pathCost(kept, options)));
  }
  for (auto [edge, successor] : entering)
    entries += frequency.getEdgeFrequency(edge->getBlock(), successor);

  // Where the moved ops go: the end of the only block that enters the
  // loop, or a new preheader.
  bool oneEntry = llvm::all_of(entering, [&](auto edge) {
    return edge.first == entering.front().first;
  });
  bool agree = llvm::all_of(header->getArguments(), [&](BlockArgument arg) {
    return bool(enteringValue(arg.getArgNumber()));
  });
  Block *preheader = nullptr;
  Block *target = entering.front().first->getBlock();
  double targetRuns = frequency.getFrequency(target);
  if (!oneEntry || (readsHeaderArguments && !agree)) {
    preheader = insertPreheader(
        header, [&](Block *block) { return !cfgLoop->contains(block); });
    target = preheader;
    targetRuns = entries;
  }
  uint64_t targetCostBefore = preheader ? 0 : blockCost(target, options);

  // Move them, remembering where each was.
  SmallVector<Moved> moved;
  DenseMap<Block *, DenseMap<Operation *, unsigned>> positions;
  for (Operation *op : attempt.candidates) {
    auto &blockPositions = positions[op->getBlock()];
    if (blockPositions.empty())
      for (auto [index, each] : llvm::enumerate(*op->getBlock()))
        blockPositions[&each] = index;
    moved.push_back({op, op->getBlock(), blockPositions.lookup(op),
                     SmallVector<Value>(op->getOperands()),
                     op->getResult(0).getType()});
  }
  for (Moved &each : moved) {
    Operation *op = each.op;
    for (OpOperand &operand : op->getOpOperands()) {
      if (Operation *def = operand.get().getDefiningOp();
          def && moving.contains(def))
        continue;
      Value origin = loops.invariantOrigin(operand.get(), cfgLoop);
      if (isHeaderArgument(origin)) {
        unsigned index = cast<BlockArgument>(origin).getArgNumber();
        origin = preheader ? preheader->getArgument(index)
                           : enteringValue(index);
      }
      operand.set(origin);
    }
    op->moveBefore(target->getTerminator());
    op->getResult(0).setType(RegType::get(op->getContext()));
  }

  auto undo = [&] {
    // Positions count the ops before in the original block; any order
    // between blocks will do.
    llvm::sort(moved, [](const Moved &a, const Moved &b) {
      return a.position < b.position;
    });
    for (Moved &each : moved) {
      auto it = each.block->begin();
      std::advance(it, each.position);
      each.op->moveBefore(each.block, it);
      each.op->setOperands(each.operands);
      each.op->getResult(0).setType(each.type);
    }
    if (preheader)
      removePreheader(preheader);
  };

  double added = targetRuns * (double(blockCost(target, options)) -
                               double(targetCostBefore));
  attempt.saved = saved - added;
  // Gas only: a value held across the loop takes a register later passes
  // (unrolling's tests, inlined values) could use, so equal gas is no gain.
  if (attempt.saved <= 0) {
    undo();
    attempt.outcome = Attempt::NotCheaper;
    return attempt;
  }
  RegisterAssigner assigner(func);
  for (Moved &each : moved) {
    Value result = each.op->getResult(0);
    std::optional<Reg> was = registerOf(each.type);
    SmallVector<Reg> preferred;
    if (was)
      preferred.push_back(*was);
    if (failed(assigner.assign(result, preferred)) || needsEdgeMove(result)) {
      undo();
      attempt.outcome = Attempt::NoRegister;
      return attempt;
    }
  }
  // A moved load must not fault before the loop, on what runs before it
  // there (the moving loads prove nothing about each other). Then it cannot
  // fault in the loop either, unless an `ecall` there unmaps its page:
  // calls and host calls may not write an invariant load's bytes, so it
  // reads a private frame slot, whose page they keep mapped. SafeAccesses
  // is costly on large functions, so it comes last, and loads an earlier
  // attempt on this loop proved are not asked again.
  if (!unproven.empty()) {
    bool ecallInLoop = llvm::any_of(blocks, [](Block *block) {
      return llvm::any_of(*block, [](Operation &op) { return isa<EcallOp>(op); });
    });
    if (ecallInLoop) {
      attempt.mightFault = unproven;
    } else {
      SafeAccesses safe(func, movingLoads);
      for (Operation *op : unproven)
        if (!safe.contains(op))
          attempt.mightFault.push_back(op);
    }
    if (!attempt.mightFault.empty()) {
      undo();
      attempt.outcome = Attempt::MightFault;
      return attempt;
    }
    safeLoads.insert(unproven.begin(), unproven.end());
  }
  if (!shouldApplyRewrite(func, kPassName,
                          "move " + std::to_string(moved.size()) +
                              " invariant ops out of a loop")) {
    undo();
    attempt.outcome = Attempt::Refused;
    return attempt;
  }
  attempt.outcome = Attempt::Moved;
  model.reset();
  return attempt;
}

struct LoopInvariantCodeMotionPass
    : public grey::pvm::impl::PVMLoopInvariantCodeMotionBase<
          LoopInvariantCodeMotionPass> {
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      InvariantMotion motion(program, getArgument());
      for (FuncOp func : program.getBody().front().getOps<FuncOp>())
        motion.run(func);
    });
  }
};

} // namespace
