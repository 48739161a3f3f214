//===- UnrollCounted.cpp - pvm-unroll-counted -----------------------------===//
//
// Unrolls a one-block loop into a block of k bodies with one exit test per
// k iterations, when the loop's exit test depends only on values the loop
// steps by arithmetic (counters, pointers, bounds it does not change): the
// test of the next k iterations can then be computed before they run.
//
//   pred ─► guard ──all k stay──► unrolled (k bodies, guard of the next k) ─┐
//             │                     ▲ └──────────── all k stay ─────────────┘
//             │ some leave          └ any leaves ─► loop (the original block)
//             └──────────────────────────────────► loop ─► exit
//
// The original block runs what is left (fewer than k iterations for a
// monotone test); it is the only way out of the loop, so values used after
// the loop are the ones it already defines.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/Loops.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>
#include <limits>

namespace grey::pvm {
#define GEN_PASS_DEF_PVMUNROLLCOUNTED
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-unroll-counted";

/// A one-block loop whose exit test can be computed ahead.
struct CountedLoop {
  Block *block = nullptr;
  Operation *branch = nullptr;
  /// The branch's successor index that goes around again.
  unsigned stay = 0;
  /// The ops of the block the exit test depends on, in block order.
  SmallVector<Operation *> slice;
  /// The block arguments the exit test depends on (through the slice and
  /// the back edge).
  SmallVector<unsigned> stepped;
  /// Expected iterations per entry, and entries per entry of the function.
  double trips = 0, entries = 0;
  unsigned size = 0;
};

/// The values the back edge of `loop` hands to the block's arguments.
OperandRange backEdgeOperands(const CountedLoop &loop) {
  return cast<BranchOpInterface>(loop.branch)
      .getSuccessorOperands(loop.stay)
      .getForwardedOperands();
}

/// Why `block` is not a loop this pass unrolls, or nothing when it is one
/// (then `loop` describes it).
std::optional<std::string> analyze(Block *block, CountedLoop &loop) {
  Operation *branch = block->getTerminator();
  if (!isa<ConditionalBranchOpInterface>(branch) ||
      branch->getSuccessor(0) == branch->getSuccessor(1) ||
      llvm::none_of(branch->getSuccessors(),
                    [&](Block *succ) { return succ == block; }))
    return "not a one-block loop";
  if (branch->hasAttr(kUnrolledAttrName))
    return "unrolled already";
  loop.block = block;
  loop.branch = branch;
  loop.stay = branch->getSuccessor(0) == block ? 0 : 1;
  if (llvm::all_of(block->getPredecessors(),
                   [&](Block *pred) { return pred == block; }))
    return "no entry";
  for (Operation &op : block->without_terminator()) {
    // Copies run in a row in one block: only instructions that do not end
    // a gas block or read an undefined register.
    if (!isa<InstructionOpInterface>(op) || op.getNumSuccessors() != 0 ||
        isa<EcalliOp, GetRegisterOp>(op) || blob::emitsNoCode(&op))
      return "holds " + op.getName().getStringRef().str();
  }
  // A copy reads what the previous copy hands back where the block reads
  // its arguments, so each must be in the register the argument is in (or
  // not placed yet, so the allocator places it).
  for (auto [arg, passed] :
       llvm::zip(block->getArguments(), backEdgeOperands(loop))) {
    if (isUnallocated(passed))
      continue;
    if (passed.getType() != arg.getType())
      return "the back edge moves a register";
  }
  // The exit test's slice: what the compared values are computed from,
  // following block arguments around the back edge.
  llvm::SetVector<Operation *> slice;
  llvm::SetVector<unsigned> stepped;
  SmallVector<Value> worklist(comparedOperands(branch));
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner() == block && stepped.insert(arg.getArgNumber()))
        worklist.push_back(backEdgeOperands(loop)[arg.getArgNumber()]);
      continue;
    }
    Operation *def = value.getDefiningOp();
    if (def->getBlock() != block || !slice.insert(def))
      continue;
    // Computed ahead of the bodies: no memory, no trap; and into new
    // registers, which a conditional move (it reads its destination) cannot.
    if (!isMemoryEffectFree(def) || isConditionalMove(def))
      return "the exit test depends on " + def->getName().getStringRef().str();
    llvm::append_range(worklist, def->getOperands());
  }
  loop.slice = slice.takeVector();
  llvm::sort(loop.slice,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  loop.stepped = stepped.takeVector();
  loop.size = blob::instructionCount(block);
  return std::nullopt;
}

/// The exit tests of k iterations computed ahead, reduced to one value.
struct Guard {
  Value value;
  /// All k iterations stay when `value` is zero (else when it is not).
  bool stayIfZero;
};

/// Rewrites `x + a + b` (add_imm_64, or add_imm_32, whose low 32 bits do
/// not depend on the sign extension in between) as `x + (a + b)` when `op`
/// adds to a value the guard made the same way (an unallocated one): the k
/// counter values the tests read then take one step each from the block's,
/// not a chain of k.
void reassociateStep(Operation *op) {
  auto fold = [&](auto add, auto inner, bool wrap) {
    // Only the guard's own values: a copy's may live in a register a later
    // copy reuses.
    if (!inner || !isUnallocated(inner))
      return;
    int64_t sum = int64_t(inner.getImm()) + int64_t(add.getImm());
    if (wrap)
      sum = int64_t(int32_t(uint32_t(sum)));
    if (sum < INT32_MIN || sum > INT32_MAX)
      return;
    add.getRsMutable().assign(inner.getRs());
    add.setImm(sum);
  };
  if (auto add = dyn_cast<AddImm64Op>(op))
    fold(add, add.getRs().template getDefiningOp<AddImm64Op>(), false);
  else if (auto add = dyn_cast<AddImm32Op>(op))
    fold(add, add.getRs().template getDefiningOp<AddImm32Op>(), true);
}

/// Emits at the builder's point the exit tests of `loop`'s next `factor`
/// iterations starting from `state` (a value per block argument; only the
/// stepped ones are read). Every value it makes is unallocated.
Guard emitGuard(OpBuilder &builder, const CountedLoop &loop,
                ArrayRef<Value> state, unsigned factor) {
  Location loc = loop.branch->getLoc();
  Type reg = RegType::get(builder.getContext());
  SmallVector<Value> current(state);
  Value accumulated;
  bool stayIfZero = true, conjunction = false;
  for (unsigned j = 0; j < factor; ++j) {
    IRMapping mapping;
    for (unsigned index : loop.stepped)
      mapping.map(loop.block->getArgument(index), current[index]);
    for (Operation *op : loop.slice) {
      Operation *copy = builder.clone(*op, mapping);
      for (Value result : copy->getResults())
        result.setType(reg);
      reassociateStep(copy);
    }
    SmallVector<Value> compared;
    for (Value value : comparedOperands(loop.branch))
      compared.push_back(mapping.lookupOrDefault(value));
    BranchCondition cond = materializeCondition(builder, loop.branch, compared);
    // The iteration stays when the branch goes to `stay`.
    bool stayWhenZero = cond.takenIfZero == (loop.stay == 0);
    Value term = cond.value;
    if (!stayWhenZero) {
      // Stays when nonzero: a 0/1 value joins a conjunction, anything
      // else becomes its own "leaves" bit.
      Operation *def = term.getDefiningOp();
      if (isa_and_nonnull<SetLtUOp, SetLtSOp, SetLtUImmOp, SetLtSImmOp,
                          SetGtUImmOp, SetGtSImmOp>(def)) {
        conjunction = true;
        stayIfZero = false;
      } else {
        term = SetLtUImmOp::create(builder, loc, reg, term,
                                   builder.getI64IntegerAttr(1));
      }
    }
    if (!accumulated)
      accumulated = term;
    else if (conjunction)
      accumulated = AndOp::create(builder, loc, reg, accumulated, term);
    else
      accumulated = OrOp::create(builder, loc, reg, accumulated, term);
    for (unsigned index : loop.stepped)
      current[index] = mapping.lookupOrDefault(backEdgeOperands(loop)[index]);
  }
  return {accumulated, stayIfZero};
}

/// Branches on `guard`: to `stay` when all iterations stay, else to `leave`,
/// both with `operands`; `stay` is taken when `stayTaken`.
void emitGuardBranch(OpBuilder &builder, Location loc, Guard guard, Block *stay,
                     Block *leave, ValueRange operands, bool stayTaken) {
  IntegerAttr zero = builder.getI64IntegerAttr(0);
  Block *target = stayTaken ? stay : leave;
  Block *next = stayTaken ? leave : stay;
  // Goes to `target` when the value is zero exactly when `target` is stay.
  if (guard.stayIfZero == stayTaken)
    BranchEqImmOp::create(builder, loc, guard.value, zero, operands, operands,
                          target, next);
  else
    BranchNeImmOp::create(builder, loc, guard.value, zero, operands, operands,
                          target, next);
}

/// What one iteration costs when its exit branch is cheap: a copy of the
/// body made by pvm-unroll-loops, which leaves through an `unlikely` block.
/// For loops without memory accesses that is the better unrolling (the
/// copies' branches cost 1 and the body is short), so this pass leaves them
/// to it.
uint64_t cheapExitCopyCost(const CountedLoop &loop,
                           const gas::CostOptions &options) {
  Block *block = loop.block;
  OpBuilder builder(block->getParentOp()->getContext());
  auto *landing = new Block(), *copy = new Block();
  landing->insertBefore(block);
  copy->insertBefore(block);
  builder.setInsertionPointToEnd(landing);
  TrapOp::create(builder, loop.branch->getLoc());
  builder.setInsertionPointToEnd(copy);
  IRMapping mapping;
  for (Operation &op : block->without_terminator())
    builder.clone(op, mapping);
  SmallVector<Value> compared;
  for (Value value : comparedOperands(loop.branch))
    compared.push_back(mapping.lookupOrDefault(value));
  // The exit becomes the taken successor.
  createBranchLike(builder, loop.branch, /*inverted=*/loop.stay == 0, compared,
                   landing, {}, landing, {});
  uint64_t cost = blockCost(copy, options);
  copy->erase();
  landing->erase();
  return cost;
}

/// Without a profile: a counter the exit test reads, which every entry
/// starts at the same constant and the loop steps by a constant toward zero
/// (LoopAnalysis), is expected to stop at or before zero, after about
/// |start / step| iterations (the inner loops of keccak-rs count down from
/// 192 by 40 to a bound above 32: four iterations, which the static guess of
/// 32 takes for a long loop). Infinity when no counter says so.
double tripsTowardZero(const CountedLoop &loop, const LoopSummary &summary) {
  double trips = std::numeric_limits<double>::infinity();
  for (const LoopCounter &counter : summary.counters) {
    if (!llvm::is_contained(loop.stepped, counter.value.getArgNumber()))
      continue;
    auto constant = counter.initial ? counter.initial.getDefiningOp<LoadImmOp>()
                                    : LoadImmOp();
    if (!constant)
      continue;
    int64_t start = int64_t(constant.getValue());
    if (start == 0 || (start > 0) == (counter.step > 0))
      continue;
    trips = std::min(trips, std::abs(double(start) / double(counter.step)));
  }
  return trips;
}

class CountedUnroller {
public:
  CountedUnroller(ProgramOp program, unsigned maxFactor,
                  unsigned maxUnrolledSize, unsigned programGrowth,
                  StringRef passArgument)
      : noReturn(program), options(optimizerCostOptionsFor(program)),
        maxFactor(maxFactor), maxUnrolledSize(maxUnrolledSize),
        passArgument(passArgument) {
    unsigned total = 0;
    program.walk([&](Block *block) { total += blob::instructionCount(block); });
    budget = 64 + total * programGrowth / 100;
    for (FuncOp func : program.getBody().front().getOps<FuncOp>())
      if (!func.getBody().hasOneBlock())
        funcs.push_back(func);
  }
  void run();

private:
  /// The new blocks of one unrolling, before it is kept or undone.
  struct Rewrite {
    /// The block the guard is in: a new one, or the loop's only entering
    /// block when that one went there by a plain edge (the guard then ends
    /// it, which costs no gas block of its own).
    Block *guard = nullptr, *unrolled = nullptr;
    /// The guard's first op.
    Operation *guardBegin = nullptr;
    /// The plain edge the guard replaced at the end of the entering block:
    /// whether it jumped, and what it passed.
    std::optional<bool> replacedJump;
    SmallVector<Value> replacedOperands;
    /// Edges from outside the loop moved from the loop to the guard.
    SmallVector<std::pair<Operation *, unsigned>> entries;
    /// What the guard adds to each entry of the loop.
    double guardCost = 0;

    /// The guard's ops, in order.
    auto guardOps() const {
      return llvm::make_range(guardBegin->getIterator(), guard->end());
    }
    void undo(Block *loop) {
      for (auto [op, index] : entries)
        op->setSuccessor(loop, index);
      unrolled->dropAllDefinedValueUses();
      unrolled->erase();
      if (!replacedJump) {
        guard->dropAllDefinedValueUses();
        guard->erase();
        return;
      }
      // Later guard ops read earlier ones: erase from the end.
      for (Operation *op = &guard->back();; op = &guard->back()) {
        bool first = op == guardBegin;
        op->erase();
        if (first)
          break;
      }
      OpBuilder builder = OpBuilder::atBlockEnd(guard);
      Location loc = loop->getTerminator()->getLoc();
      if (*replacedJump)
        JumpOp::create(builder, loc, replacedOperands, loop);
      else
        FallthroughOp::create(builder, loc, replacedOperands, loop);
    }
  };
  Rewrite build(const CountedLoop &loop, unsigned factor);
  /// Gives each new value a register; false when one has none free.
  bool assignRegisters(FuncOp func, const Rewrite &rewrite);
  void unroll(FuncOp func, const CountedLoop &loop);

  NoReturnFunctions noReturn;
  gas::CostOptions options;
  unsigned maxFactor, maxUnrolledSize;
  StringRef passArgument;
  unsigned budget;
  SmallVector<FuncOp> funcs;

  remark::RemarkOpts remarkNamed(StringRef name) const {
    return remark::RemarkOpts::name(name).category(passArgument);
  }
};

CountedUnroller::Rewrite CountedUnroller::build(const CountedLoop &loop,
                                                unsigned factor) {
  Block *block = loop.block;
  MLIRContext *context = block->getParentOp()->getContext();
  OpBuilder builder(context);
  Location loc = loop.branch->getLoc();
  Rewrite rewrite;
  auto newBlockLike = [&] {
    auto *copy = new Block();
    copy->insertBefore(block);
    for (BlockArgument arg : block->getArguments())
      copy->addArgument(arg.getType(), arg.getLoc());
    return copy;
  };
  rewrite.guard = newBlockLike();
  rewrite.unrolled = newBlockLike();

  // The unrolled block: `factor` copies in a row, each reading what the
  // previous one hands back, then the test of the next `factor`.
  builder.setInsertionPointToEnd(rewrite.unrolled);
  SmallVector<Value> state(rewrite.unrolled->getArguments());
  for (unsigned j = 0; j < factor; ++j) {
    IRMapping mapping;
    mapping.map(block->getArguments(), state);
    for (Operation &op : block->without_terminator())
      builder.clone(op, mapping);
    for (auto [index, passed] : llvm::enumerate(backEdgeOperands(loop)))
      state[index] = mapping.lookupOrDefault(passed);
  }
  Guard next = emitGuard(builder, loop, state, factor);
  emitGuardBranch(builder, loc, next, rewrite.unrolled, block, state,
                  /*stayTaken=*/true);
  rewrite.unrolled->getTerminator()->setAttr(kUnrolledAttrName,
                                             builder.getUnitAttr());

  // The guard, entered instead of the loop from outside it.
  builder.setInsertionPointToEnd(rewrite.guard);
  SmallVector<Value> entry(rewrite.guard->getArguments());
  Guard first = emitGuard(builder, loop, entry, factor);
  emitGuardBranch(builder, loc, first, rewrite.unrolled, block, entry,
                  /*stayTaken=*/false);
  rewrite.guardBegin = &rewrite.guard->front();
  rewrite.guardCost = double(blockCost(rewrite.guard, options));
  SmallVector<Block *> entering;
  for (Block *pred : block->getPredecessors())
    if (pred != block && pred != rewrite.unrolled && pred != rewrite.guard &&
        !llvm::is_contained(entering, pred))
      entering.push_back(pred);
  if (entering.size() == 1 && isPlainEdge(entering.front()->getTerminator())) {
    // The guard ends the entering block instead: its ops read what the
    // edge passed.
    Block *pred = entering.front();
    Operation *edge = pred->getTerminator();
    double alone = double(blockCost(pred, options));
    for (auto [arg, passed] :
         llvm::zip(rewrite.guard->getArguments(), edge->getOperands()))
      arg.replaceAllUsesWith(passed);
    rewrite.replacedJump = isa<JumpOp>(edge);
    rewrite.replacedOperands.assign(edge->operand_begin(), edge->operand_end());
    edge->erase();
    pred->getOperations().splice(pred->end(), rewrite.guard->getOperations());
    rewrite.guard->erase();
    rewrite.guard = pred;
    rewrite.guardCost = double(blockCost(pred, options)) - alone;
    return rewrite;
  }
  for (Block *pred : entering) {
    Operation *edge = pred->getTerminator();
    for (unsigned index = 0; index < edge->getNumSuccessors(); ++index)
      if (edge->getSuccessor(index) == block) {
        edge->setSuccessor(rewrite.guard, index);
        rewrite.entries.push_back({edge, index});
      }
  }
  return rewrite;
}

bool CountedUnroller::assignRegisters(FuncOp func, const Rewrite &rewrite) {
  RegisterAssigner assigner(func);
  auto assign = [&](auto &&ops) {
    for (Operation &op : ops)
      for (Value result : op.getResults())
        if (isUnallocated(result) && failed(assigner.assign(result)))
          return false;
    return true;
  };
  return assign(rewrite.guardOps()) && assign(*rewrite.unrolled);
}

void CountedUnroller::unroll(FuncOp func, const CountedLoop &loop) {
  double loopCost = double(blockCost(loop.block, options));
  double before =
      loop.trips * std::min(loopCost, double(cheapExitCopyCost(loop, options)));
  // Try the factors from the largest that fits; keep the cheapest.
  struct Candidate {
    unsigned factor;
    double cost;
  };
  SmallVector<Candidate> candidates;
  for (unsigned factor = 2; factor <= maxFactor; factor *= 2) {
    if (factor * loop.size > maxUnrolledSize)
      break;
    Rewrite rewrite = build(loop, factor);
    // Per entry: the guard once, then rounds of `factor` while `factor`
    // more iterations stay (the last iteration leaves, so t iterations make
    // (t - 1) / factor rounds), and what is left in the original block.
    double rounds = std::floor((loop.trips - 1) / factor);
    double left = loop.trips - rounds * factor;
    double cost = rewrite.guardCost +
                  rounds * double(blockCost(rewrite.unrolled, options)) +
                  left * loopCost;
    rewrite.undo(loop.block);
    if (cost < before)
      candidates.push_back({factor, cost});
  }
  if (candidates.empty())
    remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled"))
        << remark::reason("loop not unrolled: no factor is cheaper "
                          "({0} iterations expected per entry)",
                          loop.trips);
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.cost < b.cost;
  });
  StringRef why;
  for (const Candidate &candidate : candidates) {
    unsigned growth = (candidate.factor + 1) * loop.size;
    if (growth > budget) {
      why = "the program's growth budget is spent";
      continue;
    }
    Rewrite rewrite = build(loop, candidate.factor);
    if (!assignRegisters(func, rewrite)) {
      why = "no register is free for its exit tests";
      rewrite.undo(loop.block);
      continue;
    }
    if (!shouldApplyRewrite(func, kPassName,
                            "unroll a counted loop " +
                                std::to_string(candidate.factor) + " times")) {
      rewrite.undo(loop.block);
      return;
    }
    loop.branch->setAttr(kUnrolledAttrName, UnitAttr::get(func.getContext()));
    budget -= growth;
    remark::passed(loop.branch->getLoc(), remarkNamed("Unrolled"))
        << remark::add("unrolled a loop of {0} instructions {1} times, one "
                       "exit test per {1} iterations",
                       loop.size, candidate.factor);
    return;
  }
  if (!why.empty())
    remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled"))
        << remark::reason("loop not unrolled: {0}", why);
}

void CountedUnroller::run() {
  std::vector<std::pair<FuncOp, CountedLoop>> loops;
  for (FuncOp func : funcs) {
    BlockFrequency frequency(func, &noReturn);
    LoopAnalysis analysis(func);
    for (Block &block : func.getBody()) {
      CountedLoop loop;
      if (std::optional<std::string> why = analyze(&block, loop)) {
        if (loop.block)
          remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled"))
              << remark::reason("loop not unrolled: {0}", *why);
        continue;
      }
      double runs = frequency.getFrequency(&block);
      for (auto it = block.pred_begin(), e = block.pred_end(); it != e; ++it)
        if (*it != &block)
          loop.entries +=
              frequency.getEdgeFrequency(*it, it.getSuccessorIndex());
      if (loop.entries <= 0 || runs <= 0)
        continue;
      loop.trips = runs / loop.entries;
      if (!frequency.hasProfile())
        for (const LoopSummary &summary : analysis.getLoops())
          if (summary.header == &block)
            loop.trips = std::min(loop.trips, tripsTowardZero(loop, summary));
      loops.emplace_back(func, std::move(loop));
    }
  }
  // Hottest first while the growth budget lasts.
  llvm::stable_sort(loops, [](const auto &a, const auto &b) {
    return a.second.trips * a.second.entries >
           b.second.trips * b.second.entries;
  });
  for (auto &[func, loop] : loops)
    unroll(func, loop);
  for (FuncOp func : funcs)
    restoreLayout(func.getBody());
}

struct UnrollCountedPass
    : public grey::pvm::impl::PVMUnrollCountedBase<UnrollCountedPass> {
  using PVMUnrollCountedBase::PVMUnrollCountedBase;
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      CountedUnroller(program, maxFactor, maxUnrolledSize, maxProgramGrowth,
                      getArgument())
          .run();
    });
  }
};

} // namespace
