//===- LayoutBlocks.cpp - pvm-layout-blocks -------------------------------===//
//
// Chains blocks along their most frequent edges (Pettis and Hansen's
// bottom-up positioning), puts hot chains first and cold ones last, and
// rewrites terminators for the new order: jumps to the next block become
// fall-throughs, branches whose taken successor now follows are inverted.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMLAYOUTBLOCKS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-layout-blocks";
/// A branch's taken successor goes first in the layout when it is taken
/// this many times more often than not.
constexpr double kMuchLikelier = 4;
/// Gas of a block that holds only a `jump` (15 - 3 cycles).
constexpr double kJumpBlockCost = 12;

/// An edge that could become a fall-through.
struct Edge {
  Block *from;
  Block *to;
  double weight;
};

class ChainBuilder {
public:
  explicit ChainBuilder(Region &body) {
    for (Block &block : body) {
      chains.push_back({&block});
      chainOf[&block] = chains.size() - 1;
    }
  }

  bool isTail(Block *block) const {
    return chains[chainOf.lookup(block)].back() == block;
  }
  bool isHead(Block *block) const {
    return chains[chainOf.lookup(block)].front() == block;
  }
  /// Appends `to`'s chain to `from`'s when `from` ends one, `to` starts
  /// another and they differ.
  bool link(Block *from, Block *to) {
    unsigned a = chainOf.lookup(from), b = chainOf.lookup(to);
    if (a == b || !isTail(from) || !isHead(to))
      return false;
    for (Block *block : chains[b])
      chainOf[block] = a;
    chains[a].append(chains[b].begin(), chains[b].end());
    chains[b].clear();
    return true;
  }
  /// The non-empty chains, the one holding `entry` first.
  SmallVector<ArrayRef<Block *>> result() const {
    SmallVector<ArrayRef<Block *>> list;
    for (const SmallVector<Block *> &chain : chains)
      if (!chain.empty())
        list.push_back(chain);
    return list;
  }

private:
  SmallVector<SmallVector<Block *>> chains;
  llvm::DenseMap<Block *, unsigned> chainOf;
};

/// How much less `block`, which ends in a `jump` or `fallthrough`, costs
/// when it falls through than when it jumps.
double fallthroughSaving(Block *block, const gas::CostOptions &options) {
  Operation *edge = block->getTerminator();
  SmallVector<Operation *> ops;
  for (Operation &op : block->without_terminator())
    ops.push_back(&op);
  // A detached copy of the edge of the other kind.
  OpBuilder builder(edge->getContext());
  SmallVector<Value> operands(edge->getOperands());
  Operation *other =
      isa<JumpOp>(edge)
          ? FallthroughOp::create(builder, edge->getLoc(), operands,
                                  edge->getSuccessor(0))
                .getOperation()
          : JumpOp::create(builder, edge->getLoc(), operands,
                           edge->getSuccessor(0))
                .getOperation();
  ops.push_back(edge);
  double mine = double(pathCost(ops, options));
  ops.back() = other;
  double theirs = double(pathCost(ops, options));
  other->erase();
  return isa<JumpOp>(edge) ? mine - theirs : theirs - mine;
}

/// Lays out one function.
void layOut(FuncOp func, const NoReturnFunctions &noReturn) {
  Region &body = func.getBody();
  if (body.hasOneBlock())
    return;
  BlockFrequency frequency(func, &noReturn);
  ChainBuilder chains(body);

  // 1. Edges that must fall through.
  for (Block &block : body) {
    Operation *terminator = block.getTerminator();
    if (isa<CallOp, CallIndirectOp, UnlikelyOp>(terminator))
      chains.link(&block, terminator->getSuccessor(0));
  }

  // 2. The others, by the gas lost when they do not fall through: a
  // `jump` instead of a `fallthrough` (the cost query), or for a branch,
  // which costs the same either way but needs one successor after it, a
  // block that jumps on one edge. Its successor that starts with `trap` or
  // `unlikely` must stay its target (the branch costs 1 so); otherwise the
  // jumping block would go on the rarer edge. The current `next` is tried
  // first (the ELF's order is kept where nothing is gained) unless it is
  // cold and the target is not, or the target is much likelier (hot code
  // together).
  gas::CostOptions options = optimizerCostOptionsFor(func);
  SmallVector<Edge> edges;
  for (Block &block : body) {
    Operation *terminator = block.getTerminator();
    if (isPlainEdge(terminator)) {
      edges.push_back({&block, terminator->getSuccessor(0),
                       fallthroughSaving(&block, options) *
                           frequency.getEdgeFrequency(&block, 0)});
      continue;
    }
    if (!isa<ConditionalBranchOpInterface>(terminator))
      continue;
    Block *target = terminator->getSuccessor(0);
    Block *next = terminator->getSuccessor(1);
    if (isCheapBranchTarget(target) != isCheapBranchTarget(next)) {
      unsigned index = isCheapBranchTarget(target) ? 1 : 0;
      edges.push_back({&block, terminator->getSuccessor(index),
                       kJumpBlockCost *
                           frequency.getEdgeFrequency(&block, index)});
      continue;
    }
    double taken = frequency.getEdgeFrequency(&block, 0);
    double notTaken = frequency.getEdgeFrequency(&block, 1);
    double weight = kJumpBlockCost * std::min(taken, notTaken);
    bool preferTarget = (frequency.isCold(next) && !frequency.isCold(target)) ||
                        taken > kMuchLikelier * notTaken;
    unsigned first = preferTarget ? 0 : 1;
    for (unsigned index : {first, 1 - first})
      edges.push_back({&block, terminator->getSuccessor(index), weight});
  }
  llvm::stable_sort(edges, [](const Edge &a, const Edge &b) {
    return a.weight > b.weight;
  });
  Block *entry = &body.front();
  for (const Edge &edge : edges)
    if (edge.to != entry && edge.to != edge.from)
      chains.link(edge.from, edge.to);

  // 3. Chains: the entry's first, cold ones last, the rest hottest first.
  SmallVector<ArrayRef<Block *>> list = chains.result();
  auto heat = [&](ArrayRef<Block *> chain) {
    double hottest = 0;
    for (Block *block : chain)
      if (!frequency.isCold(block) || frequency.hasProfile())
        hottest = std::max(hottest, frequency.getFrequency(block));
    return hottest;
  };
  auto rank = [&](ArrayRef<Block *> chain) {
    return llvm::is_contained(chain, entry) ? 0 : heat(chain) > 0 ? 1 : 2;
  };
  llvm::stable_sort(list, [&](ArrayRef<Block *> a, ArrayRef<Block *> b) {
    if (rank(a) != rank(b))
      return rank(a) < rank(b);
    return rank(a) == 1 && heat(a) > heat(b);
  });
  SmallVector<Block *> order;
  for (ArrayRef<Block *> chain : list)
    order.append(chain.begin(), chain.end());

  SmallVector<Block *> current;
  for (Block &block : body)
    current.push_back(&block);
  // Nothing to do when the order stays and every jump already has to.
  llvm::DenseMap<Block *, Block *> followerIn;
  for (unsigned i = 0; i + 1 < order.size(); ++i)
    followerIn[order[i]] = order[i + 1];
  auto nextIn = [&](Block *block) { return followerIn.lookup(block); };
  bool rewrites = order != current;
  for (Block *block : order) {
    Operation *terminator = block->getTerminator();
    Block *next = nextIn(block);
    if ((isa<JumpOp>(terminator) && terminator->getSuccessor(0) == next) ||
        (isa<ConditionalBranchOpInterface>(terminator) &&
         terminator->getSuccessor(0) == next &&
         terminator->getSuccessor(1) != next))
      rewrites = true;
  }
  if (!rewrites || !shouldApplyRewrite(func, kPassName, "lay out blocks"))
    return;

  // 4. Branches whose target now follows them are inverted; then the
  // order is applied (with a jumping block where a `next` cannot follow)
  // and jumps to the block laid out next fall through.
  for (Block *block : order) {
    Operation *terminator = block->getTerminator();
    Block *next = nextIn(block);
    if (isa<ConditionalBranchOpInterface>(terminator) &&
        terminator->getSuccessor(0) == next &&
        terminator->getSuccessor(1) != next)
      invertBranch(terminator);
  }
  applyLayout(body, order);
  for (Block &block : body) {
    Operation *terminator = block.getTerminator();
    Block *next = block.getNextNode();
    if (isa<JumpOp>(terminator) && terminator->getSuccessor(0) == next)
      replacePlainEdge(terminator, /*asJump=*/false);
  }
}

struct LayoutBlocksPass
    : public grey::pvm::impl::PVMLayoutBlocksBase<LayoutBlocksPass> {
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      NoReturnFunctions noReturn(program);
      for (FuncOp func : program.getBody().front().getOps<FuncOp>())
        layOut(func, noReturn);
    });
  }
};

} // namespace
