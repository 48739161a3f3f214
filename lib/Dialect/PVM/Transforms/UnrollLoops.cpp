//===- UnrollLoops.cpp - pvm-unroll-loops ---------------------------------===//
//
// Superblock loop unrolling of loops that are one path of blocks: k copies
// of the path in a row, each leaving the loop through branches to
// `unlikely` blocks (cost 1), a jump back after the last.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/Dominance.h"
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

/// A loop that is one path of blocks: from the header, each block goes on
/// to the next (the last back to the header) by a plain edge or by a branch
/// whose other successor leaves the loop. What unrolling it is worth is
/// judged from the frequencies.
struct TraceLoop {
  SmallVector<Block *> path;
  /// Expected iterations per entry.
  double trips = 0;
  /// How often the header runs (the order loops are unrolled in).
  double runs = 0;
  /// How often each block of `path` runs, and leaves the loop.
  SmallVector<double> blockRuns, exitRuns;
  /// Blocks outside the loop that fall through into one of its exits: they
  /// must jump instead, so the exit's `unlikely` block can precede it.
  SmallVector<Block *> fallingIntoExits;
  /// How often each of those runs.
  SmallVector<double> fallingRuns;
  unsigned size = 0;
};

/// The index of `block`'s successor `onward` when the block goes on to it
/// by a plain edge or by a branch whose other successor is not on `path`.
std::optional<unsigned> pathSuccessor(Block *block, Block *onward,
                                      ArrayRef<Block *> path) {
  Operation *terminator = block->getTerminator();
  if (isPlainEdge(terminator))
    return terminator->getSuccessor(0) == onward ? std::optional<unsigned>(0)
                                                 : std::nullopt;
  if (!isa<ConditionalBranchOpInterface>(terminator))
    return std::nullopt;
  for (unsigned index : {0u, 1u})
    if (terminator->getSuccessor(index) == onward &&
        !llvm::is_contained(path, terminator->getSuccessor(1 - index)))
      return index;
  return std::nullopt;
}

/// The loop closed by the back edge from `latch` to `header`, if it is one
/// path of blocks each entered only from the one before (the header from
/// outside too).
std::optional<TraceLoop> asTraceLoop(Block *header, Block *latch,
                                     const BlockFrequency &frequency) {
  TraceLoop trace;
  for (Block *block = latch; block != header;) {
    trace.path.push_back(block);
    block = block->getSinglePredecessor();
    if (!block || llvm::is_contained(trace.path, block))
      return std::nullopt;
  }
  trace.path.push_back(header);
  std::reverse(trace.path.begin(), trace.path.end());
  ArrayRef<Block *> path = trace.path;
  auto onPath = [&](Block *block) { return llvm::is_contained(path, block); };

  for (auto [i, block] : llvm::enumerate(path)) {
    Block *onward = i + 1 < path.size() ? path[i + 1] : header;
    std::optional<unsigned> index = pathSuccessor(block, onward, path);
    if (!index || block->getTerminator()->hasAttr(kUnrolledAttrName) || llvm::any_of(*block, [](Operation &op) {
          return isa<GetRegisterOp, JumpTableEntryOp>(op);
        }))
      return std::nullopt;
    trace.size += blob::instructionCount(block);
    // Values defined on the path are used on it only: its copies define
    // their own, and the exits receive theirs as block arguments.
    auto local = [&](Value value) {
      return llvm::all_of(value.getUsers(), [&](Operation *user) {
        return onPath(user->getBlock());
      });
    };
    if (!llvm::all_of(block->getArguments(), local))
      return std::nullopt;
    for (Operation &op : *block)
      if (!llvm::all_of(op.getResults(), local))
        return std::nullopt;
    trace.blockRuns.push_back(frequency.getFrequency(block));
    trace.exitRuns.push_back(block->getNumSuccessors() == 2
                                 ? frequency.getEdgeFrequency(block, 1 - *index)
                                 : 0);
  }
  // Each exit can take an `unlikely` block right before it: a block off
  // the path that needs it laid out next must be able to jump instead.
  for (Block *block : path) {
    if (block->getNumSuccessors() != 2)
      continue;
    for (Block *exit : block->getSuccessors()) {
      if (onPath(exit))
        continue;
      for (Block *pred : exit->getPredecessors()) {
        Operation *edge = pred->getTerminator();
        if (onPath(pred) || layoutSuccessor(edge) != exit ||
            llvm::is_contained(trace.fallingIntoExits, pred))
          continue;
        if (!isa<FallthroughOp>(edge))
          return std::nullopt;
        trace.fallingIntoExits.push_back(pred);
        trace.fallingRuns.push_back(frequency.getFrequency(pred));
      }
    }
  }
  double entries = 0;
  for (auto it = header->pred_begin(), e = header->pred_end(); it != e; ++it)
    if (!onPath(*it))
      entries += frequency.getEdgeFrequency(*it, it.getSuccessorIndex());
  trace.runs = frequency.getFrequency(header);
  if (entries <= 0 || trace.runs <= 0)
    return std::nullopt;
  trace.trips = trace.runs / entries;
  if (frequency.hasProfile())
    return trace;
  // Without a profile the path is taken for a loop of its own, each exit
  // left with the static loop-exit probability (BlockFrequency.h): the
  // frequencies say less when this loop shares its header with an
  // enclosing one, which makes them one natural loop.
  double complete = 1;
  for (Block *block : path)
    if (block->getNumSuccessors() == 2)
      complete *= kStaticLoopStayProbability;
  trace.trips = 1 / (1 - complete);
  trace.runs = entries * trace.trips;
  double reach = trace.runs;
  for (auto [i, block] : llvm::enumerate(path)) {
    trace.blockRuns[i] = reach;
    trace.exitRuns[i] = 0;
    if (block->getNumSuccessors() == 2) {
      trace.exitRuns[i] = reach * (1 - kStaticLoopStayProbability);
      reach *= kStaticLoopStayProbability;
    }
  }
  return trace;
}

class LoopUnroller {
public:
  LoopUnroller(ProgramOp program, unsigned maxFactor, unsigned maxUnrolledSize,
               unsigned programGrowth)
      : program(program), noReturn(program),
        options(optimizerCostOptionsFor(program)), maxFactor(maxFactor),
        maxUnrolledSize(maxUnrolledSize) {
    unsigned total = 0;
    program.walk(
        [&](Block *block) { total += blob::instructionCount(block); });
    budget = 64 + total * programGrowth / 100;
  }
  void run();

private:
  bool unroll(const TraceLoop &loop);

  ProgramOp program;
  NoReturnFunctions noReturn;
  gas::CostOptions options;
  unsigned maxFactor, maxUnrolledSize;
  unsigned budget;
};

bool LoopUnroller::unroll(const TraceLoop &loop) {
  ArrayRef<Block *> path = loop.path;
  Block *header = path.front();
  Block *latch = path.back();
  unsigned length = path.size();
  unsigned factor = std::clamp<unsigned>(std::ceil(loop.trips), 1, maxFactor);
  factor = std::min(factor, maxUnrolledSize / std::max(1u, loop.size));
  if (factor == 0)
    return false;
  // The back edge after the last copy: a branch's goes through a block
  // that jumps, a plain edge just jumps.
  bool latchBranches = latch->getNumSuccessors() == 2;
  unsigned growth = (factor - 1) * loop.size + 1;

  // Costs before, per entry of the function.
  double before = 0;
  for (auto [b, runs] : llvm::zip(path, loop.blockRuns))
    before += runs * double(blockCost(b, options));
  for (auto [b, runs] : llvm::zip(loop.fallingIntoExits, loop.fallingRuns))
    before += runs * double(blockCost(b, options));

  MLIRContext *context = header->getParentOp()->getContext();
  OpBuilder builder(context);
  Location nowhere = UnknownLoc::get(context);

  // 1. Copies 1..k-1 of the path after the latch, with one mapping each.
  SmallVector<SmallVector<Block *>> copies{SmallVector<Block *>(path)};
  SmallVector<IRMapping> mappings(1);
  Block *last = latch;
  for (unsigned c = 1; c < factor; ++c) {
    IRMapping &mapping = mappings.emplace_back();
    SmallVector<Block *> &copy = copies.emplace_back();
    for (Block *b : path) {
      auto *clone = new Block();
      clone->insertAfter(last);
      last = clone;
      for (BlockArgument arg : b->getArguments())
        mapping.map(arg, clone->addArgument(arg.getType(), arg.getLoc()));
      mapping.map(b, clone);
      builder.setInsertionPointToEnd(clone);
      for (Operation &op : b->without_terminator())
        builder.clone(op, mapping);
      copy.push_back(clone);
    }
  }
  Block *back = nullptr;
  if (latchBranches) {
    back = new Block();
    back->insertAfter(last);
    SmallVector<Value> args;
    for (BlockArgument arg : header->getArguments())
      args.push_back(back->addArgument(arg.getType(), arg.getLoc()));
    builder.setInsertionPointToEnd(back);
    JumpOp::create(builder, nowhere, args, header);
  }
  // 2. An `unlikely` block before each exit (another loop's, if it has
  // one already), where nothing else falls through.
  for (Block *b : loop.fallingIntoExits)
    replacePlainEdge(b->getTerminator(), /*asJump=*/true);
  llvm::MapVector<Block *, Block *> landings;
  SmallVector<Block *> newLandings;
  for (Block *b : path)
    if (b->getNumSuccessors() == 2)
      for (Block *succ : b->getSuccessors())
        if (!llvm::is_contained(path, succ) && !landings.count(succ)) {
          Block *landing = unlikelyLandingOf(succ);
          if (!landing) {
            landing = insertUnlikelyLanding(succ);
            newLandings.push_back(landing);
          }
          landings[succ] = landing;
        }

  // 3. New terminators: exits go to the landings as taken successors, the
  // path goes on to the next block, the next copy, or back.
  SmallVector<Operation *> originals, created;
  SmallVector<unsigned> stays;
  for (auto [i, b] : llvm::enumerate(path)) {
    originals.push_back(b->getTerminator());
    stays.push_back(*pathSuccessor(b, i + 1 < length ? path[i + 1] : header,
                                   path));
  }
  for (unsigned c = 0; c < factor; ++c) {
    IRMapping &mapping = mappings[c];
    auto mapped = [&](OperandRange range) {
      SmallVector<Value> values;
      for (Value value : range)
        values.push_back(mapping.lookupOrDefault(value));
      return values;
    };
    for (unsigned i = 0; i < length; ++i) {
      Operation *terminator = originals[i];
      Block *block = copies[c][i];
      Block *onward = i + 1 < length       ? copies[c][i + 1]
                      : c + 1 < factor     ? copies[c + 1][0]
                      : latchBranches      ? back
                                           : header;
      builder.setInsertionPointToEnd(block);
      if (isPlainEdge(terminator)) {
        SmallVector<Value> operands = mapped(terminator->getOperands());
        bool falls = isa<FallthroughOp>(terminator) && onward != header;
        created.push_back(
            falls ? FallthroughOp::create(builder, terminator->getLoc(),
                                          operands, onward)
                        .getOperation()
                  : JumpOp::create(builder, terminator->getLoc(), operands,
                                   onward)
                        .getOperation());
        continue;
      }
      auto branch = cast<BranchOpInterface>(terminator);
      unsigned stay = stays[i];
      Block *exit = terminator->getSuccessor(1 - stay);
      created.push_back(createBranchLike(
          builder, terminator, /*inverted=*/stay == 0,
          mapped(comparedOperands(terminator)), landings.lookup(exit),
          mapped(branch.getSuccessorOperands(1 - stay).getForwardedOperands()),
          onward,
          mapped(branch.getSuccessorOperands(stay).getForwardedOperands())));
    }
  }
  // The new terminators were appended after the old ones.
  for (Operation *op : originals)
    op->remove();

  // 4. Costs after: copies cost what the rewritten path costs.
  double after = 0;
  for (auto [b, runs] : llvm::zip(path, loop.blockRuns))
    after += runs * double(blockCost(b, options));
  if (back)
    after += loop.runs / factor * double(blockCost(back, options));
  for (auto [b, runs] : llvm::zip(loop.fallingIntoExits, loop.fallingRuns))
    after += runs * double(blockCost(b, options));
  for (auto [i, exits] : llvm::enumerate(loop.exitRuns))
    if (exits > 0)
      after += exits * double(blockCost(
                           landings.lookup(originals[i]->getSuccessor(
                               1 - stays[i])),
                           options));

  if (after >= before || growth > budget ||
      !shouldApplyRewrite(header->getParentOp(), kPassName,
                          "unroll a loop of " + std::to_string(length) +
                              " blocks " + std::to_string(factor) +
                              " times")) {
    for (Operation *op : created)
      op->erase();
    for (auto [b, op] : llvm::zip(path, originals))
      b->push_back(op);
    for (auto &copy : llvm::drop_begin(copies))
      for (Block *b : llvm::reverse(copy)) {
        b->dropAllDefinedValueUses();
        b->erase();
      }
    if (back)
      back->erase();
    for (Block *landing : newLandings)
      landing->erase();
    for (Block *b : loop.fallingIntoExits)
      replacePlainEdge(b->getTerminator(), /*asJump=*/false);
    return false;
  }
  for (Operation *op : originals)
    op->destroy();
  budget -= growth;
  return true;
}

void LoopUnroller::run() {
  std::vector<TraceLoop> loops;
  SmallVector<FuncOp> funcs;
  for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
    Region &body = func.getBody();
    if (body.hasOneBlock())
      continue;
    BlockFrequency frequency(func, &noReturn);
    DominanceInfo dominance(func);
    // Every back edge (to a block that dominates its source) may close a
    // path loop.
    for (Block &latch : body)
      for (Block *header : latch.getSuccessors())
        if (dominance.dominates(header, &latch))
          if (std::optional<TraceLoop> trace =
                  asTraceLoop(header, &latch, frequency))
            loops.push_back(std::move(*trace));
    funcs.push_back(func);
  }
  // Hottest first while the growth budget lasts. A path loop holds no
  // other loop and shares no block with one: each is unrolled on its own.
  llvm::stable_sort(loops, [](const TraceLoop &a, const TraceLoop &b) {
    return a.runs > b.runs;
  });
  llvm::DenseSet<Block *> touched;
  for (const TraceLoop &loop : loops) {
    if (llvm::any_of(loop.path,
                     [&](Block *b) { return touched.contains(b); }) ||
        llvm::any_of(loop.fallingIntoExits,
                     [&](Block *b) { return touched.contains(b); }))
      continue;
    if (unroll(loop)) {
      touched.insert(loop.path.begin(), loop.path.end());
      touched.insert(loop.fallingIntoExits.begin(),
                     loop.fallingIntoExits.end());
    }
  }
  for (FuncOp func : funcs)
    restoreLayout(func.getBody());
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
