//===- ControlFlow.cpp - editing the CFG of laid-out pvm IR ---------------===//

#include "grey/Dialect/PVM/Transforms/ControlFlow.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace grey::pvm;

Block *grey::pvm::layoutSuccessor(Operation *terminator) {
  if (isa<FallthroughOp, UnlikelyOp, CallOp, CallIndirectOp>(terminator))
    return terminator->getSuccessor(0);
  if (isa<ConditionalBranchOpInterface>(terminator))
    return terminator->getSuccessor(1);
  return nullptr;
}

bool grey::pvm::isJumpTableEntry(Block *block) {
  return !block->empty() && isa<JumpTableEntryOp>(block->front());
}

bool grey::pvm::isPlainEdge(Operation *op) {
  return isa<JumpOp, FallthroughOp>(op);
}

bool grey::pvm::isForwarder(Block *block) {
  return &block->front() == &block->back() && isPlainEdge(&block->back());
}

OperandRange grey::pvm::comparedOperands(Operation *branch) {
  auto branchOp = cast<BranchOpInterface>(branch);
  OperandRange target =
      branchOp.getSuccessorOperands(0).getForwardedOperands();
  OperandRange next = branchOp.getSuccessorOperands(1).getForwardedOperands();
  unsigned end = branch->getNumOperands() - target.size() - next.size();
  return branch->getOperands().take_front(end);
}

Operation *grey::pvm::createBranchLike(OpBuilder &builder, Operation *like,
                                       bool inverted, ValueRange compared,
                                       Block *target, ValueRange targetOperands,
                                       Block *next, ValueRange nextOperands) {
  auto cond = cast<ConditionalBranchOpInterface>(like);
  OperationState state(like->getLoc(), inverted ? cond.getInverseName()
                                                : like->getName().getStringRef());
  state.addOperands(compared);
  state.addOperands(targetOperands);
  state.addOperands(nextOperands);
  for (NamedAttribute attr : like->getAttrs())
    if (attr.getName() != "operandSegmentSizes")
      state.addAttribute(attr.getName(), attr.getValue());
  SmallVector<int32_t> sizes(compared.size(), 1);
  sizes.push_back(targetOperands.size());
  sizes.push_back(nextOperands.size());
  state.addAttribute("operandSegmentSizes",
                     builder.getDenseI32ArrayAttr(sizes));
  state.addSuccessors({target, next});
  return builder.create(state);
}

BranchCondition grey::pvm::materializeCondition(OpBuilder &builder,
                                                Operation *branch,
                                                ValueRange compared) {
  Location loc = branch->getLoc();
  Type reg = RegType::get(builder.getContext());
  Value lhs = compared[0];
  auto imm = [&](auto op) { return builder.getI64IntegerAttr(op.getImm()); };
  auto equality = [&](int64_t k, bool eq) -> BranchCondition {
    if (k == 0)
      return {lhs, eq};
    return {XorImmOp::create(builder, loc, reg, lhs,
                             builder.getI64IntegerAttr(k)),
            eq};
  };
  // The set instruction of each comparison, and whether it yields 1 when
  // the branch is taken (else when it is not).
  auto set = [&](Value bit, bool whenTaken) {
    return BranchCondition{bit, !whenTaken};
  };
  return llvm::TypeSwitch<Operation *, BranchCondition>(branch)
      .Case([&](BranchEqImmOp op) { return equality(op.getImm(), true); })
      .Case([&](BranchNeImmOp op) { return equality(op.getImm(), false); })
      .Case([&](BranchEqOp) {
        return BranchCondition{
            XorOp::create(builder, loc, reg, lhs, compared[1]), true};
      })
      .Case([&](BranchNeOp) {
        return BranchCondition{
            XorOp::create(builder, loc, reg, lhs, compared[1]), false};
      })
      .Case([&](BranchLtUOp) {
        return set(SetLtUOp::create(builder, loc, reg, lhs, compared[1]), true);
      })
      .Case([&](BranchGeUOp) {
        return set(SetLtUOp::create(builder, loc, reg, lhs, compared[1]),
                   false);
      })
      .Case([&](BranchLtSOp) {
        return set(SetLtSOp::create(builder, loc, reg, lhs, compared[1]), true);
      })
      .Case([&](BranchGeSOp) {
        return set(SetLtSOp::create(builder, loc, reg, lhs, compared[1]),
                   false);
      })
      .Case([&](BranchLtUImmOp op) {
        return set(SetLtUImmOp::create(builder, loc, reg, lhs, imm(op)), true);
      })
      .Case([&](BranchGeUImmOp op) {
        return set(SetLtUImmOp::create(builder, loc, reg, lhs, imm(op)), false);
      })
      .Case([&](BranchLtSImmOp op) {
        return set(SetLtSImmOp::create(builder, loc, reg, lhs, imm(op)), true);
      })
      .Case([&](BranchGeSImmOp op) {
        return set(SetLtSImmOp::create(builder, loc, reg, lhs, imm(op)), false);
      })
      .Case([&](BranchGtUImmOp op) {
        return set(SetGtUImmOp::create(builder, loc, reg, lhs, imm(op)), true);
      })
      .Case([&](BranchLeUImmOp op) {
        return set(SetGtUImmOp::create(builder, loc, reg, lhs, imm(op)), false);
      })
      .Case([&](BranchGtSImmOp op) {
        return set(SetGtSImmOp::create(builder, loc, reg, lhs, imm(op)), true);
      })
      .Case([&](BranchLeSImmOp op) {
        return set(SetGtSImmOp::create(builder, loc, reg, lhs, imm(op)), false);
      })
      .Default([](Operation *) { return BranchCondition{Value(), false}; });
}

Operation *grey::pvm::invertBranch(Operation *branch) {
  auto branchOp = cast<BranchOpInterface>(branch);
  SmallVector<Value> compared(comparedOperands(branch));
  SmallVector<Value> targetOps(
      branchOp.getSuccessorOperands(0).getForwardedOperands());
  SmallVector<Value> nextOps(
      branchOp.getSuccessorOperands(1).getForwardedOperands());
  OpBuilder builder(branch);
  Operation *inverse = createBranchLike(
      builder, branch, /*inverted=*/true, compared, branch->getSuccessor(1),
      nextOps, branch->getSuccessor(0), targetOps);
  branch->erase();
  return inverse;
}

Operation *grey::pvm::replacePlainEdge(Operation *edge, bool asJump) {
  OpBuilder builder(edge);
  Block *dest = edge->getSuccessor(0);
  SmallVector<Value> operands(edge->getOperands());
  Operation *replacement =
      asJump ? JumpOp::create(builder, edge->getLoc(), operands, dest)
                   .getOperation()
             : FallthroughOp::create(builder, edge->getLoc(), operands, dest)
                   .getOperation();
  edge->erase();
  return replacement;
}

bool grey::pvm::definesOnlyLocalValues(Block *block) {
  auto local = [&](Value value) {
    return llvm::all_of(value.getUsers(), [&](Operation *user) {
      return user->getBlock() == block;
    });
  };
  if (!llvm::all_of(block->getArguments(), local))
    return false;
  for (Operation &op : *block)
    if (!llvm::all_of(op.getResults(), local))
      return false;
  return true;
}

Block *grey::pvm::insertUnlikelyLanding(Block *dest) {
  auto *landing = new Block();
  landing->insertBefore(dest);
  SmallVector<Value> args;
  for (BlockArgument arg : dest->getArguments())
    args.push_back(landing->addArgument(arg.getType(), arg.getLoc()));
  OpBuilder builder = OpBuilder::atBlockEnd(landing);
  // No guest address: profiles count only translated code.
  UnlikelyOp::create(builder, UnknownLoc::get(builder.getContext()), args,
                     dest);
  return landing;
}

Block *grey::pvm::unlikelyLandingOf(Block *dest) {
  Block *landing = dest->getPrevNode();
  if (!landing || &landing->front() != &landing->back())
    return nullptr;
  auto unlikely = dyn_cast<UnlikelyOp>(landing->front());
  if (!unlikely || unlikely.getDest() != dest ||
      unlikely.getDestOperands() != landing->getArguments())
    return nullptr;
  return landing;
}

namespace {

/// How much keeping `block`'s layout requirement matters when another
/// block requires the same successor: a call's cannot be dropped, one that
/// already holds costs nothing to keep, a branch's costs a new block to
/// drop, a `fallthrough`'s only turns it into a `jump`.
int keepPriority(Block *block, Block *laidOutNext) {
  Operation *terminator = block->getTerminator();
  if (isa<CallOp, CallIndirectOp>(terminator))
    return 3;
  if (laidOutNext && laidOutNext == layoutSuccessor(terminator))
    return 2;
  if (isa<ConditionalBranchOpInterface, UnlikelyOp>(terminator))
    return 1;
  return 0;
}

/// Gives up `block`'s layout requirement: its terminator no longer needs
/// its successor next. Returns the new block laid out after it, if one had
/// to be made.
Block *dropLayoutRequirement(Block *block) {
  Operation *terminator = block->getTerminator();
  if (isa<FallthroughOp>(terminator)) {
    replacePlainEdge(terminator, /*asJump=*/true);
    return nullptr;
  }
  assert((isa<ConditionalBranchOpInterface, UnlikelyOp>(terminator)) &&
         "a call's continuation is always kept");
  // Route the edge through a block of its own that jumps.
  unsigned index = isa<UnlikelyOp>(terminator) ? 0 : 1;
  Block *dest = terminator->getSuccessor(index);
  auto branch = cast<BranchOpInterface>(terminator);
  OperandRange passed =
      branch.getSuccessorOperands(index).getForwardedOperands();
  auto *trampoline = new Block();
  block->getParent()->getBlocks().insertAfter(Region::iterator(block),
                                              trampoline);
  SmallVector<Value> args;
  for (Value value : passed)
    args.push_back(trampoline->addArgument(value.getType(), value.getLoc()));
  OpBuilder builder = OpBuilder::atBlockEnd(trampoline);
  JumpOp::create(builder, terminator->getLoc(), args, dest);
  terminator->setSuccessor(trampoline, index);
  return trampoline;
}

} // namespace

void grey::pvm::applyLayout(Region &body, ArrayRef<Block *> order) {
  assert(!order.empty() && order.front() == &body.front() &&
         "the entry block stays first");
  llvm::DenseMap<Block *, unsigned> position;
  for (auto [index, block] : llvm::enumerate(order))
    position[block] = index;
  auto laidOutNext = [&](Block *block) -> Block * {
    unsigned next = position.lookup(block) + 1;
    return next < order.size() ? order[next] : nullptr;
  };

  // 1. One predecessor in the layout per block: where several require the
  // same successor, keep the requirement that matters most.
  llvm::DenseMap<Block *, Block *> follower, leader;
  SmallVector<Block *> dropped;
  for (Block *block : order) {
    Block *succ = layoutSuccessor(block->getTerminator());
    if (!succ)
      continue;
    Block *rival = leader.lookup(succ);
    if (!rival) {
      follower[block] = succ;
      leader[succ] = block;
      continue;
    }
    if (keepPriority(block, laidOutNext(block)) >
        keepPriority(rival, laidOutNext(rival))) {
      follower.erase(rival);
      dropped.push_back(rival);
      follower[block] = succ;
      leader[succ] = block;
    } else {
      dropped.push_back(block);
    }
  }

  // 2. Requirements that form a cycle: drop the cheapest link of each.
  llvm::DenseSet<Block *> done;
  for (Block *start : order) {
    SmallVector<Block *> path;
    llvm::DenseSet<Block *> onPath;
    Block *block = start;
    while (block && !done.contains(block) && !onPath.contains(block)) {
      path.push_back(block);
      onPath.insert(block);
      block = follower.lookup(block);
    }
    if (block && onPath.contains(block)) {
      // path[i..] is a cycle starting at `block`.
      auto begin = llvm::find(path, block);
      Block *weakest = nullptr;
      for (auto it = begin; it != path.end(); ++it)
        if (!weakest || keepPriority(*it, nullptr) <
                            keepPriority(weakest, nullptr) ||
            (keepPriority(*it, nullptr) == keepPriority(weakest, nullptr) &&
             position[*it] > position[weakest]))
          weakest = *it;
      leader.erase(follower[weakest]);
      follower.erase(weakest);
      dropped.push_back(weakest);
    }
    done.insert(path.begin(), path.end());
  }

  // 3. Rewrite the dropped requirements; a new block follows its creator.
  for (Block *block : dropped)
    if (Block *trampoline = dropLayoutRequirement(block)) {
      follower[block] = trampoline;
      leader[trampoline] = block;
    }

  // 4. Chains in the order of their first blocks.
  SmallVector<Block *> final;
  for (Block *head : order) {
    if (leader.count(head))
      continue;
    for (Block *block = head; block; block = follower.lookup(block))
      final.push_back(block);
  }
  assert(final.size() == body.getBlocks().size() && "a block got lost");
  for (Block *block : final)
    block->moveBefore(&body, body.end());
}

void grey::pvm::restoreLayout(Region &body) {
  SmallVector<Block *> order;
  for (Block &block : body)
    order.push_back(&block);
  applyLayout(body, order);
}

bool grey::pvm::eraseUnreachableBlocks(Region &body) {
  bool changed = false;
  bool erased = true;
  while (erased) {
    erased = false;
    for (Block &block : llvm::make_early_inc_range(llvm::drop_begin(body))) {
      if (!block.hasNoPredecessors() || isJumpTableEntry(&block))
        continue;
      block.dropAllDefinedValueUses();
      block.erase();
      erased = changed = true;
    }
  }
  return changed;
}

Block *grey::pvm::insertPreheader(Block *header,
                                  function_ref<bool(Block *)> isOutside) {
  SmallVector<std::pair<Operation *, unsigned>> entering;
  for (auto it = header->pred_begin(), e = header->pred_end(); it != e; ++it)
    if (isOutside(*it))
      entering.emplace_back((*it)->getTerminator(), it.getSuccessorIndex());
  auto *preheader = new Block();
  preheader->insertBefore(header);
  for (BlockArgument arg : header->getArguments())
    preheader->addArgument(arg.getType(), arg.getLoc());
  for (auto [edge, index] : entering)
    edge->setSuccessor(preheader, index);
  OpBuilder builder = OpBuilder::atBlockEnd(preheader);
  FallthroughOp::create(builder, header->front().getLoc(),
                        preheader->getArguments(), header);
  return preheader;
}

void grey::pvm::removePreheader(Block *preheader) {
  Block *header = preheader->getTerminator()->getSuccessor(0);
  SmallVector<std::pair<Operation *, unsigned>> entering;
  for (auto it = preheader->pred_begin(), e = preheader->pred_end(); it != e;
       ++it)
    entering.emplace_back((*it)->getTerminator(), it.getSuccessorIndex());
  for (auto [edge, index] : entering)
    edge->setSuccessor(header, index);
  preheader->erase();
}
