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

/// A branch of the loop that may leave it.
struct LoopExit {
  Operation *branch;
  /// Its successor that stays in the loop.
  unsigned stay;
  /// Its test is computed ahead (its slice has no memory op or conditional
  /// move); the copies leave out the branch. Otherwise the copies keep it.
  bool computed = false;
};

/// A loop that is one path of blocks, from the header through blocks each
/// entered only from the one before back to the header (often just one
/// block), with exit tests that can be computed ahead.
struct CountedLoop {
  /// The header first, the latch (which goes back to the header) last.
  SmallVector<Block *> path;
  /// The latch's terminator and its successor that goes around again.
  Operation *branch = nullptr;
  unsigned stay = 0;
  SmallVector<LoopExit> exits;
  /// The ops the computed tests depend on, in path order.
  SmallVector<Operation *> slice;
  /// The header arguments those tests depend on (through the slice and
  /// the back edge).
  SmallVector<unsigned> stepped;
  /// Expected iterations per entry, and entries per entry of the function.
  double trips = 0, entries = 0;
  /// Whether `trips` is the static guess alone (no profile, no counter that
  /// says where the loop stops): the count then differs between entries.
  bool tripsGuessed = false;
  /// The share of the loop's exits taken through the computed tests; the
  /// rest leave from inside the copies.
  double leavesComputed = 1;
  unsigned size = 0;

  Block *header() const { return path.front(); }
  /// The instructions unrolling by `factor` is charged against the budget:
  /// the copies, and one body more for the guards.
  unsigned growth(unsigned factor) const { return (factor + 1) * size; }
  bool keepsExits() const {
    return llvm::any_of(exits, [](const LoopExit &e) { return !e.computed; });
  }
};

/// The values the edge of `terminator` to its successor `index` passes.
OperandRange edgeOperands(Operation *terminator, unsigned index) {
  return cast<BranchOpInterface>(terminator)
      .getSuccessorOperands(index)
      .getForwardedOperands();
}

/// The values the back edge of `loop` hands to the header's arguments.
OperandRange backEdgeOperands(const CountedLoop &loop) {
  return edgeOperands(loop.branch, loop.stay);
}

/// The values block `i` of the path receives from the block before it.
OperandRange incomingOperands(const CountedLoop &loop, unsigned i) {
  Operation *before = loop.path[i - 1]->getTerminator();
  unsigned index = before->getSuccessor(0) == loop.path[i] ? 0 : 1;
  return edgeOperands(before, index);
}

/// The path of blocks from `header` to `latch`, which branches back to it:
/// each block after the header entered only from the one before. Empty
/// when there is no such path.
SmallVector<Block *> pathBetween(Block *header, Block *latch) {
  SmallVector<Block *> path{latch};
  while (path.back() != header) {
    Block *pred = path.back()->getSinglePredecessor();
    if (!pred || llvm::is_contained(path, pred))
      return {};
    path.push_back(pred);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

/// Why the cycle through the back edge from `latch` to `header` is not a
/// loop this pass unrolls, or nothing when it is one (then `loop`
/// describes it; `loop.branch` is set once it is known to be a path of
/// blocks, for remarks). Edges that leave the path are its exits, even
/// when they stay in an outer cycle through the same header.
std::optional<std::string> analyze(Block *header, Block *latch,
                                   CountedLoop &loop) {
  loop.path = pathBetween(header, latch);
  if (loop.path.empty())
    return "not one path of blocks";
  for (auto [i, block] : llvm::enumerate(loop.path)) {
    Operation *terminator = block->getTerminator();
    Block *onPath = block == latch ? header : loop.path[i + 1];
    unsigned next;
    if (isPlainEdge(terminator)) {
      next = 0;
    } else if (isa<ConditionalBranchOpInterface>(terminator) &&
               terminator->getSuccessor(0) != terminator->getSuccessor(1)) {
      next = terminator->getSuccessor(0) == onPath ? 0 : 1;
      Block *other = terminator->getSuccessor(1 - next);
      if (other == header || llvm::is_contained(loop.path, other))
        return "not one path of blocks";
      loop.exits.push_back({terminator, next});
    } else {
      return "not one path of blocks";
    }
    if (terminator->getSuccessor(next) != onPath)
      return "not one path of blocks";
  }
  loop.branch = latch->getTerminator();
  loop.stay = loop.branch->getSuccessor(0) == header ? 0 : 1;
  if (loop.exits.empty())
    return "no exit";
  if (loop.branch->hasAttr(kUnrolledAttrName))
    return "unrolled already";
  if (llvm::all_of(header->getPredecessors(),
                   [&](Block *pred) { return pred == loop.path.back(); }))
    return "no entry";
  for (Block *block : loop.path)
    for (Operation &op : block->without_terminator()) {
      // Copies run in a row: only instructions that do not end a gas block
      // or read an undefined register.
      if (!isa<InstructionOpInterface>(op) || op.getNumSuccessors() != 0 ||
          isa<EcalliOp, GetRegisterOp>(op) || blob::emitsNoCode(&op))
        return "holds " + op.getName().getStringRef().str();
    }
  // A copy reads what the previous block of the copies hands on where the
  // original reads its arguments, so each must be in the register the
  // argument is in (or not placed yet, so the allocator places it).
  auto movesRegister = [](ValueRange passed, Block *to) {
    for (auto [arg, value] : llvm::zip(to->getArguments(), passed))
      if (!isUnallocated(value) && value.getType() != arg.getType())
        return true;
    return false;
  };
  if (movesRegister(backEdgeOperands(loop), header))
    return "the back edge moves a register";
  for (unsigned i = 1; i < loop.path.size(); ++i)
    if (movesRegister(incomingOperands(loop, i), loop.path[i]))
      return "an edge inside the loop moves a register";

  // Each exit test's slice: what the compared values are computed from,
  // following block arguments back along the path and around the back
  // edge. A test whose slice holds a memory op stays in the copies.
  auto indexOf = [&](Block *block) {
    return unsigned(llvm::find(loop.path, block) - loop.path.begin());
  };
  llvm::SetVector<Operation *> slice;
  llvm::SetVector<unsigned> stepped;
  std::string firstWhy;
  for (LoopExit &exit : loop.exits) {
    llvm::SetVector<Operation *> exitSlice;
    llvm::SetVector<unsigned> exitStepped;
    std::string why;
    SmallVector<Value> worklist(comparedOperands(exit.branch));
    while (!worklist.empty() && why.empty()) {
      Value value = worklist.pop_back_val();
      if (auto arg = dyn_cast<BlockArgument>(value)) {
        unsigned i = indexOf(arg.getOwner());
        if (i == loop.path.size())
          continue;
        if (i == 0) {
          if (exitStepped.insert(arg.getArgNumber()))
            worklist.push_back(backEdgeOperands(loop)[arg.getArgNumber()]);
        } else {
          worklist.push_back(incomingOperands(loop, i)[arg.getArgNumber()]);
        }
        continue;
      }
      Operation *def = value.getDefiningOp();
      if (indexOf(def->getBlock()) == loop.path.size() ||
          !exitSlice.insert(def))
        continue;
      // Computed ahead of the bodies: no memory, no trap; and into new
      // registers, which a conditional move (it reads its destination)
      // cannot.
      if (!isMemoryEffectFree(def) || isConditionalMove(def))
        why = "the exit test depends on " + def->getName().getStringRef().str();
      llvm::append_range(worklist, def->getOperands());
    }
    if (!why.empty()) {
      if (firstWhy.empty())
        firstWhy = why;
      continue;
    }
    exit.computed = true;
    slice.insert(exitSlice.begin(), exitSlice.end());
    stepped.insert(exitStepped.begin(), exitStepped.end());
  }
  if (llvm::none_of(loop.exits, [](const LoopExit &e) { return e.computed; }))
    return firstWhy;
  // Copies that keep an exit reach its target from elsewhere than the
  // original: the target must read the loop's values only as arguments.
  if (loop.keepsExits())
    for (Block *block : loop.path)
      if (!definesOnlyLocalValues(block)) {
        auto inPath = [&](Operation *user) {
          return indexOf(user->getBlock()) != loop.path.size();
        };
        auto local = [&](Value value) {
          return llvm::all_of(value.getUsers(), inPath);
        };
        if (!llvm::all_of(block->getArguments(), local))
          return "a value of the loop is used after it";
        for (Operation &op : *block)
          if (!llvm::all_of(op.getResults(), local))
            return "a value of the loop is used after it";
      }
  loop.slice = slice.takeVector();
  llvm::sort(loop.slice, [&](Operation *a, Operation *b) {
    unsigned ia = indexOf(a->getBlock()), ib = indexOf(b->getBlock());
    return ia != ib ? ia < ib : a->isBeforeInBlock(b);
  });
  loop.stepped = stepped.takeVector();
  for (Block *block : loop.path)
    loop.size += blob::instructionCount(block);
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

/// Emits at the builder's point the computed exit tests of `loop`'s next
/// `factor` iterations starting from `state` (a value per header argument;
/// only the stepped ones are read). Every value it makes is unallocated.
Guard emitGuard(OpBuilder &builder, const CountedLoop &loop,
                ArrayRef<Value> state, unsigned factor) {
  Location loc = loop.branch->getLoc();
  Type reg = RegType::get(builder.getContext());
  SmallVector<Value> current(state);
  // The tests, reduced as they come: values that are nonzero when an
  // iteration leaves (ORed), and 0/1 bits that are 1 when it stays (ANDed).
  Value leaves, stays;
  auto accumulate = [&](Value &into, Value term, bool conjunction) {
    if (!into)
      into = term;
    else if (conjunction)
      into = AndOp::create(builder, loc, reg, into, term);
    else
      into = OrOp::create(builder, loc, reg, into, term);
  };
  for (unsigned j = 0; j < factor; ++j) {
    IRMapping mapping;
    for (unsigned index : loop.stepped)
      mapping.map(loop.header()->getArgument(index), current[index]);
    for (auto [i, block] : llvm::enumerate(loop.path)) {
      if (i > 0)
        for (auto [arg, passed] :
             llvm::zip(block->getArguments(), incomingOperands(loop, i)))
          mapping.map(arg, mapping.lookupOrDefault(passed));
      for (Operation *op : loop.slice) {
        if (op->getBlock() != block)
          continue;
        Operation *copy = builder.clone(*op, mapping);
        for (Value result : copy->getResults())
          result.setType(reg);
        reassociateStep(copy);
      }
      for (const LoopExit &exit : loop.exits) {
        if (!exit.computed || exit.branch->getBlock() != block)
          continue;
        SmallVector<Value> compared;
        for (Value value : comparedOperands(exit.branch))
          compared.push_back(mapping.lookupOrDefault(value));
        BranchCondition cond =
            materializeCondition(builder, exit.branch, compared);
        // The iteration stays when the branch goes to `stay`.
        if (cond.takenIfZero == (exit.stay == 0)) {
          accumulate(leaves, cond.value, /*conjunction=*/false);
          continue;
        }
        // Stays when nonzero: a 0/1 value is a "stays" bit, anything else
        // becomes a "leaves" bit.
        Operation *def = cond.value.getDefiningOp();
        if (isa_and_nonnull<SetLtUOp, SetLtSOp, SetLtUImmOp, SetLtSImmOp,
                            SetGtUImmOp, SetGtSImmOp>(def))
          accumulate(stays, cond.value, /*conjunction=*/true);
        else
          accumulate(leaves,
                     SetLtUImmOp::create(builder, loc, reg, cond.value,
                                         builder.getI64IntegerAttr(1)),
                     /*conjunction=*/false);
      }
    }
    for (unsigned index : loop.stepped)
      current[index] = mapping.lookupOrDefault(backEdgeOperands(loop)[index]);
  }
  if (!leaves)
    return {stays, /*stayIfZero=*/false};
  if (stays)
    // The bits all stay exactly when their conjunction is 1.
    accumulate(leaves,
               XorImmOp::create(builder, loc, reg, stays,
                                builder.getI64IntegerAttr(1)),
               /*conjunction=*/false);
  return {leaves, /*stayIfZero=*/true};
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

/// What one iteration costs when its exit branches are cheap: copies of
/// the blocks made by pvm-unroll-loops, which leave through `unlikely`
/// blocks. For loops without memory accesses that is the better unrolling
/// (the copies' branches cost 1 and the body is short), so this pass
/// leaves them to it.
uint64_t cheapExitCopyCost(const CountedLoop &loop,
                           const gas::CostOptions &options) {
  uint64_t cost = 0;
  for (Block *block : loop.path) {
    Operation *terminator = block->getTerminator();
    const LoopExit *exit = llvm::find_if(
        loop.exits, [&](const LoopExit &e) { return e.branch == terminator; });
    if (exit == loop.exits.end()) {
      cost += blockCost(block, options);
      continue;
    }
    OpBuilder builder(block->getParentOp()->getContext());
    auto *landing = new Block(), *copy = new Block();
    landing->insertBefore(block);
    copy->insertBefore(block);
    builder.setInsertionPointToEnd(landing);
    TrapOp::create(builder, terminator->getLoc());
    builder.setInsertionPointToEnd(copy);
    IRMapping mapping;
    for (Operation &op : block->without_terminator())
      builder.clone(op, mapping);
    SmallVector<Value> compared;
    for (Value value : comparedOperands(terminator))
      compared.push_back(mapping.lookupOrDefault(value));
    // The exit becomes the taken successor.
    createBranchLike(builder, terminator, /*inverted=*/exit->stay == 0,
                     compared, landing, {}, landing, {});
    cost += blockCost(copy, options);
    copy->erase();
    landing->erase();
  }
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
    Block *guard = nullptr;
    /// The copies: one block, or a chain where copies keep exits.
    SmallVector<Block *> unrolled;
    /// The `unlikely` blocks made for the kept exits.
    SmallVector<Block *> landings;
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
      for (Block *block : unrolled)
        block->dropAllDefinedValueUses();
      for (Block *block : unrolled)
        block->erase();
      for (Block *block : landings)
        block->erase();
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
  /// A factor that pays, with its gas per entry: `cost` for the expected
  /// count, `varying` when counts vary around it.
  struct Candidate {
    unsigned factor;
    double cost, varying;
  };
  /// The factors that make `loop` cheaper, cheapest first (each built and
  /// undone).
  SmallVector<Candidate> evaluate(const CountedLoop &loop);
  /// Puts first the widest factor that is cheaper than the cheapest for
  /// varying counts and costs at most 5% more for the expected count (the
  /// two estimates hedged: a guessed count may be either).
  static void moveWidestFirst(SmallVector<Candidate> &candidates) {
    if (candidates.empty())
      return;
    const Candidate &cheapest = candidates.front();
    const Candidate *widest = &cheapest;
    for (const Candidate &candidate : candidates)
      if (candidate.factor > widest->factor &&
          candidate.varying < cheapest.varying &&
          candidate.cost <= 1.05 * cheapest.cost)
        widest = &candidate;
    auto it = candidates.begin() + (widest - candidates.data());
    std::rotate(candidates.begin(), it, std::next(it));
  }
  /// The loops with guessed counts that get their widest factor
  /// (moveWidestFirst): from the budget their cheapest choices, and all
  /// other loops', leave over, so that it never crowds out another loop.
  /// At 32 guessed trips the floor in the cost for a fixed count charges the
  /// widest factor 8 left-over iterations, though counts vary and a wide
  /// factor pays most on long loops.
  llvm::DenseSet<const CountedLoop *>
  planWidening(ArrayRef<std::pair<FuncOp, CountedLoop>> loops);
  /// Unrolls `loop` when that pays; returns whether it did. `widen`: try
  /// the widest factor that pays for varying counts first.
  bool unroll(FuncOp func, const CountedLoop &loop, bool widen);

  NoReturnFunctions noReturn;
  gas::CostOptions options;
  unsigned maxFactor, maxUnrolledSize;
  StringRef passArgument;
  unsigned budget;
  SmallVector<FuncOp> funcs;

  /// A remark about the loop `branch` closes, naming its function.
  remark::RemarkOpts remarkNamed(StringRef name, Operation *branch) const {
    return remark::RemarkOpts::name(name)
        .category(passArgument)
        .function(branch->getParentOfType<FuncOp>().getSymName());
  }
};

CountedUnroller::Rewrite CountedUnroller::build(const CountedLoop &loop,
                                                unsigned factor) {
  Block *block = loop.header();
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
  Block *unrolled = newBlockLike();
  rewrite.unrolled.push_back(unrolled);

  // The copies: `factor` iterations in a row, each block reading what the
  // one before hands on; computed exits left out, kept ones branching to
  // their target and going on in a new block; then the test of the next
  // `factor`.
  builder.setInsertionPointToEnd(unrolled);
  SmallVector<Value> state(unrolled->getArguments());
  for (unsigned j = 0; j < factor; ++j) {
    IRMapping mapping;
    mapping.map(block->getArguments(), state);
    for (auto [i, original] : llvm::enumerate(loop.path)) {
      if (i > 0)
        for (auto [arg, passed] :
             llvm::zip(original->getArguments(), incomingOperands(loop, i)))
          mapping.map(arg, mapping.lookupOrDefault(passed));
      for (Operation &op : original->without_terminator())
        builder.clone(op, mapping);
      Operation *terminator = original->getTerminator();
      const LoopExit *exit = llvm::find_if(loop.exits, [&](const LoopExit &e) {
        return e.branch == terminator;
      });
      if (exit == loop.exits.end() || exit->computed)
        continue;
      auto *rest = new Block();
      rest->insertBefore(block);
      rewrite.unrolled.push_back(rest);
      unsigned leave = 1 - exit->stay;
      SmallVector<Value> compared, passed;
      for (Value value : comparedOperands(terminator))
        compared.push_back(mapping.lookupOrDefault(value));
      for (Value value : edgeOperands(terminator, leave))
        passed.push_back(mapping.lookupOrDefault(value));
      // The exit is the taken successor, through an `unlikely` block (a
      // branch to it costs 1, as in pvm-unroll-loops' copies); the rest of
      // the copies is the next.
      Block *target = terminator->getSuccessor(leave);
      Block *landing = unlikelyLandingOf(target);
      if (!landing) {
        landing = insertUnlikelyLanding(target);
        rewrite.landings.push_back(landing);
      }
      createBranchLike(builder, terminator, /*inverted=*/exit->stay == 0,
                       compared, landing, passed, rest, {});
      builder.setInsertionPointToEnd(rest);
    }
    for (auto [index, passed] : llvm::enumerate(backEdgeOperands(loop)))
      state[index] = mapping.lookupOrDefault(passed);
  }
  Guard next = emitGuard(builder, loop, state, factor);
  emitGuardBranch(builder, loc, next, unrolled, block, state,
                  /*stayTaken=*/true);
  rewrite.unrolled.back()->getTerminator()->setAttr(kUnrolledAttrName,
                                                    builder.getUnitAttr());

  // The guard, entered instead of the loop from outside it.
  builder.setInsertionPointToEnd(rewrite.guard);
  SmallVector<Value> entry(rewrite.guard->getArguments());
  Guard first = emitGuard(builder, loop, entry, factor);
  emitGuardBranch(builder, loc, first, unrolled, block, entry,
                  /*stayTaken=*/false);
  rewrite.guardBegin = &rewrite.guard->front();
  rewrite.guardCost = double(blockCost(rewrite.guard, options));
  SmallVector<Block *> entering;
  for (Block *pred : block->getPredecessors())
    if (!llvm::is_contained(loop.path, pred) &&
        !llvm::is_contained(rewrite.unrolled, pred) && pred != rewrite.guard &&
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
  return assign(rewrite.guardOps()) &&
         llvm::all_of(rewrite.unrolled,
                      [&](Block *block) { return assign(*block); });
}

SmallVector<CountedUnroller::Candidate>
CountedUnroller::evaluate(const CountedLoop &loop) {
  auto costOf = [&](ArrayRef<Block *> blocks) {
    double cost = 0;
    for (Block *block : blocks)
      cost += double(blockCost(block, options));
    return cost;
  };
  double loopCost = costOf(loop.path);
  double before =
      loop.trips * std::min(loopCost, double(cheapExitCopyCost(loop, options)));
  SmallVector<Candidate> candidates;
  for (unsigned factor = 2; factor <= maxFactor; factor *= 2) {
    if (factor * loop.size > maxUnrolledSize)
      break;
    Rewrite rewrite = build(loop, factor);
    // Per entry: the guard once. A loop that leaves by a computed test runs
    // rounds of `factor` while `factor` more iterations stay (the last
    // iteration leaves, so t iterations make (t - 1) / factor rounds) and
    // what is left in the original blocks; one that leaves from a copy
    // runs all its iterations there.
    double rounds = std::floor((loop.trips - 1) / factor);
    double left = loop.trips - rounds * factor;
    double chain = costOf(rewrite.unrolled);
    double cost = rewrite.guardCost +
                  loop.leavesComputed * (rounds * chain + left * loopCost) +
                  (1 - loop.leavesComputed) * (loop.trips / factor) * chain;
    // When counts vary, the last round leaves 1 to `factor` iterations,
    // (factor + 1) / 2 on average.
    double spread = std::min(loop.trips, (factor + 1) / 2.0);
    double varying =
        rewrite.guardCost +
        loop.leavesComputed * ((loop.trips - spread) / factor * chain +
                               spread * loopCost) +
        (1 - loop.leavesComputed) * (loop.trips / factor) * chain;
    rewrite.undo(loop.header());
    if (cost < before)
      candidates.push_back({factor, cost, varying});
  }
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.cost < b.cost;
  });
  return candidates;
}

bool CountedUnroller::unroll(FuncOp func, const CountedLoop &loop,
                             bool widen) {
  SmallVector<Candidate> candidates = evaluate(loop);
  if (widen)
    moveWidestFirst(candidates);
  if (candidates.empty())
    remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled", loop.branch))
        << remark::reason("loop not unrolled: no factor is cheaper "
                          "({0} iterations expected per entry)",
                          loop.trips);
  StringRef why;
  for (const Candidate &candidate : candidates) {
    unsigned growth = loop.growth(candidate.factor);
    if (growth > budget) {
      why = "the program's growth budget is spent";
      continue;
    }
    Rewrite rewrite = build(loop, candidate.factor);
    if (!assignRegisters(func, rewrite)) {
      why = "no register is free for its exit tests";
      rewrite.undo(loop.header());
      continue;
    }
    if (!shouldApplyRewrite(func, kPassName,
                            "unroll a counted loop " +
                                std::to_string(candidate.factor) + " times")) {
      rewrite.undo(loop.header());
      return false;
    }
    loop.branch->setAttr(kUnrolledAttrName, UnitAttr::get(func.getContext()));
    budget -= growth;
    remark::passed(loop.branch->getLoc(), remarkNamed("Unrolled", loop.branch))
        << remark::add("unrolled a loop of {0} instructions {1} times, one "
                       "exit test per {1} iterations",
                       loop.size, candidate.factor);
    return true;
  }
  if (!why.empty())
    remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled", loop.branch))
        << remark::reason("loop not unrolled: {0}", why);
  return false;
}

llvm::DenseSet<const CountedLoop *> CountedUnroller::planWidening(
    ArrayRef<std::pair<FuncOp, CountedLoop>> loops) {
  // A dry run of the cheapest choices (each built and undone), hottest
  // first within the budget, as unroll() will make them.
  unsigned spare = budget;
  llvm::DenseSet<Block *> headers;
  SmallVector<std::pair<const CountedLoop *, SmallVector<Candidate>>> cheapest;
  for (const auto &[func, loop] : loops) {
    if (headers.contains(loop.header()))
      continue;
    SmallVector<Candidate> candidates = evaluate(loop);
    for (const Candidate &candidate : candidates) {
      unsigned growth = loop.growth(candidate.factor);
      if (growth > spare)
        continue;
      spare -= growth;
      headers.insert(loop.header());
      // Only a loop that gets its cheapest factor is a candidate for more.
      if (&candidate == &candidates.front())
        cheapest.push_back({&loop, candidates});
      break;
    }
  }
  // What is left over widens loops with guessed counts, hottest first.
  llvm::DenseSet<const CountedLoop *> widened;
  for (auto &[loop, candidates] : cheapest) {
    if (!loop->tripsGuessed)
      continue;
    unsigned factor = candidates.front().factor;
    moveWidestFirst(candidates);
    unsigned extra =
        loop->growth(candidates.front().factor) - loop->growth(factor);
    if (candidates.front().factor > factor && extra <= spare) {
      spare -= extra;
      widened.insert(loop);
    }
  }
  return widened;
}

void CountedUnroller::run() {
  std::vector<std::pair<FuncOp, CountedLoop>> loops;
  for (FuncOp func : funcs) {
    BlockFrequency frequency(func, &noReturn);
    LoopAnalysis analysis(func);
    DominanceInfo dominance(func);
    // Every back edge (to a block that dominates its source) closes a
    // cycle; a header may close several (an inner loop sharing the outer
    // one's header).
    SmallVector<std::pair<Block *, Block *>> backEdges;
    for (Block &block : func.getBody())
      for (Block *succ : llvm::SetVector<Block *>(block.succ_begin(),
                                                  block.succ_end()))
        if (dominance.dominates(succ, &block))
          backEdges.emplace_back(succ, &block);
    for (auto [header, latch] : backEdges) {
      CountedLoop loop;
      if (std::optional<std::string> why = analyze(header, latch, loop)) {
        if (loop.branch)
          remark::missed(loop.branch->getLoc(), remarkNamed("NotUnrolled", loop.branch))
              << remark::reason("loop not unrolled: {0}", *why);
        continue;
      }
      double runs = frequency.getFrequency(header);
      for (auto it = header->pred_begin(), e = header->pred_end(); it != e;
           ++it)
        if (*it != loop.path.back())
          loop.entries +=
              frequency.getEdgeFrequency(*it, it.getSuccessorIndex());
      if (loop.entries <= 0 || runs <= 0)
        continue;
      loop.trips = runs / loop.entries;
      const LoopSummary *natural = nullptr;
      for (const LoopSummary &summary : analysis.getLoops())
        if (summary.header == header)
          natural = &summary;
      double computed = 0, all = 0;
      for (const LoopExit &exit : loop.exits) {
        double taken =
            frequency.getEdgeFrequency(exit.branch->getBlock(), 1 - exit.stay);
        all += taken;
        if (exit.computed)
          computed += taken;
      }
      if (all > 0)
        loop.leavesComputed = computed / all;
      if (natural && natural->latches.size() > 1) {
        // The header also runs for the other cycles through it: count this
        // one's iterations from the chance that an iteration stays on it.
        // Without a profile, every exit is a loop exit here.
        double stay = 1;
        for (const LoopExit &exit : loop.exits)
          stay *= frequency.hasProfile()
                      ? frequency.getProbability(exit.branch->getBlock(),
                                                 exit.stay)
                      : kStaticLoopStayProbability;
        loop.trips = stay < 1 ? 1 / (1 - stay) : runs / loop.entries;
      } else if (natural && !frequency.hasProfile()) {
        // The natural loop is this cycle: it says where its counters start.
        double towardZero = tripsTowardZero(loop, *natural);
        loop.tripsGuessed = towardZero >= loop.trips;
        loop.trips = std::min(loop.trips, towardZero);
      }
      loops.emplace_back(func, std::move(loop));
    }
  }
  // Hottest first while the growth budget lasts.
  llvm::stable_sort(loops, [](const auto &a, const auto &b) {
    return a.second.trips * a.second.entries >
           b.second.trips * b.second.entries;
  });
  llvm::DenseSet<const CountedLoop *> widened = planWidening(loops);
  // One unrolling per header: cycles through one header share its entries.
  llvm::DenseSet<Block *> unrolledHeaders;
  for (auto &[func, loop] : loops)
    if (!unrolledHeaders.contains(loop.header()) &&
        unroll(func, loop, widened.contains(&loop)))
      unrolledHeaders.insert(loop.header());
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
