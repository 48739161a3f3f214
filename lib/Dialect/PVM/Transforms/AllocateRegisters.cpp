//===- AllocateRegisters.cpp - pvm-allocate-registers -----------------------===//
//
// Registers for unallocated values, moves on the edges that need them.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"

#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/DepthFirstIterator.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMALLOCATEREGISTERS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// One pending copy of a parallel move: the value to copy and the register
/// it must end up in, for successor operand `index`.
struct PendingMove {
  Value source;
  Reg dest;
  unsigned index;
};

/// Emits `moves` as one parallel move before `builder`'s insertion point and
/// returns, per successor operand index, the value to pass instead.
llvm::DenseMap<unsigned, Value> emitParallelMove(OpBuilder &builder,
                                                 Location loc,
                                                 SmallVector<PendingMove> moves) {
  llvm::DenseMap<unsigned, Value> result;
  MLIRContext *ctx = builder.getContext();
  auto regOf = [](Value v) { return *registerOf(v.getType()); };
  while (!moves.empty()) {
    // A move whose destination no other pending move still reads.
    auto ready = llvm::find_if(moves, [&](const PendingMove &move) {
      return llvm::none_of(moves, [&](const PendingMove &other) {
        return &other != &move && regOf(other.source) == move.dest;
      });
    });
    if (ready != moves.end()) {
      Value copy = MoveRegOp::create(builder, 
          loc, RegType::get(ctx, ready->dest), ready->source);
      result[ready->index] = copy;
      moves.erase(ready);
      continue;
    }
    // Only cycles remain: swap the first move's source and destination
    // registers with three xors, which needs no free register.
    PendingMove &move = moves.front();
    Reg s = regOf(move.source), d = move.dest;
    Value a = move.source;
    Value b = llvm::find_if(moves, [&](const PendingMove &other) {
                return regOf(other.source) == d;
              })->source;
    Type sType = RegType::get(ctx, s), dType = RegType::get(ctx, d);
    Value x1 = XorOp::create(builder, loc, sType, a, b); // s = a ^ b
    Value x2 = XorOp::create(builder, loc, dType, b, x1); // d = a
    Value x3 = XorOp::create(builder, loc, sType, x1, x2); // s = b
    result[move.index] = x2;
    moves.erase(moves.begin());
    for (PendingMove &other : moves) {
      if (other.source == b)
        other.source = x3;
      else if (other.source == a)
        other.source = x2;
    }
  }
  return result;
}

class RegisterAllocation {
public:
  explicit RegisterAllocation(FuncOp func) : func(func) {}
  LogicalResult run();

private:
  LogicalResult assignAll();
  void passArgumentsInTheirRegisters();
  void removeIdentityMoves();

  FuncOp func;
};

LogicalResult RegisterAllocation::assignAll() {
  RegisterAssigner assigner(func);
  DominanceInfo dominance(func);
  bool ok = true;
  auto assign = [&](Value value) {
    if (!isUnallocated(value))
      return;
    if (failed(assigner.assign(value))) {
      emitError(value.getLoc())
          << "no register is free for this value: the pass that created it "
             "must ask RegisterAssigner first and keep the original code";
      ok = false;
    }
  };
  // Definitions before uses (dominance order), so that when a value is
  // assigned, the values it is copied from already have their registers.
  llvm::SetVector<Block *> order;
  Region &body = func.getBody();
  if (!body.hasOneBlock())
    for (auto *node :
         llvm::depth_first(dominance.getDomTree(&body).getRootNode()))
      order.insert(node->getBlock());
  for (Block &block : body) // the entry of a one-block body; unreachable ones
    order.insert(&block);
  for (Block *block : order) {
    for (BlockArgument arg : block->getArguments())
      assign(arg);
    for (Operation &op : *block)
      for (Value result : op.getResults())
        assign(result);
  }
  return success(ok);
}

void RegisterAllocation::passArgumentsInTheirRegisters() {
  Region &body = func.getBody();
  SmallVector<Block *> blocks;
  for (Block &block : body)
    if (block.getNumArguments())
      blocks.push_back(&block);
  for (Block *block : blocks) {
    SmallVector<std::pair<Operation *, unsigned>> edges;
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it)
      edges.push_back({(*it)->getTerminator(), it.getSuccessorIndex()});
    for (auto [terminator, index] : edges) {
      auto branch = cast<BranchOpInterface>(terminator);
      SuccessorOperands operands = branch.getSuccessorOperands(index);
      SmallVector<PendingMove> moves;
      for (BlockArgument arg : block->getArguments()) {
        Value passed = operands[arg.getArgNumber()];
        Reg want = *registerOf(arg.getType());
        if (*registerOf(passed.getType()) != want)
          moves.push_back({passed, want, arg.getArgNumber()});
      }
      if (moves.empty())
        continue;
      OpBuilder builder(terminator);
      Location loc = terminator->getLoc();
      if (terminator->getNumSuccessors() == 1) {
        for (auto [i, copy] : emitParallelMove(builder, loc, moves))
          operands.getMutableForwardedOperands()[i].set(copy);
        continue;
      }
      // Two successors: the moves go on a block of their own on this edge.
      // The not-taken edge's block is laid out right after the branch, as
      // the branch requires; a taken edge's block goes at the end.
      Block *edge = new Block();
      if (index == 1)
        body.getBlocks().insertAfter(Region::iterator(terminator->getBlock()),
                                     edge);
      else
        body.push_back(edge);
      SmallVector<Value> passedValues(operands.getForwardedOperands());
      builder.setInsertionPointToStart(edge);
      for (auto [i, copy] : emitParallelMove(builder, loc, moves))
        passedValues[i] = copy;
      bool laidOutNext = std::next(Region::iterator(edge)) != body.end() &&
                         &*std::next(Region::iterator(edge)) == block;
      if (laidOutNext)
        FallthroughOp::create(builder, loc, passedValues, block);
      else
        JumpOp::create(builder, loc, passedValues, block);
      operands.getMutableForwardedOperands().clear();
      terminator->setSuccessor(edge, index);
    }
  }
}

void RegisterAllocation::removeIdentityMoves() {
  func.walk([](MoveRegOp move) {
    if (move.getRs().getType() == move.getRd().getType()) {
      move.getRd().replaceAllUsesWith(move.getRs());
      move.erase();
    }
  });
}

LogicalResult RegisterAllocation::run() {
  bool any = false;
  func.walk([&](Operation *op) {
    for (Value result : op->getResults())
      any |= isUnallocated(result);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          any |= isUnallocated(arg);
  });
  if (!any)
    return success();
  bool abiOk = true;
  func.walk([&](Operation *op) {
    if (hasABIOperands(op) && llvm::any_of(op->getOperands(), isUnallocated)) {
      op->emitError("reads an unallocated value where the ABI fixes the "
                    "register; copy it into its register first");
      abiOk = false;
    }
  });
  if (!abiOk || failed(assignAll()))
    return failure();
  passArgumentsInTheirRegisters();
  removeIdentityMoves();
  return success();
}

struct AllocateRegistersPass
    : public grey::pvm::impl::PVMAllocateRegistersBase<AllocateRegistersPass> {
  void runOnOperation() override {
    if (failed(RegisterAllocation(getOperation()).run()))
      signalPassFailure();
  }
};

} // namespace
