//===- RegisterAssignment.cpp - give unallocated values a register --------===//

#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"

using namespace mlir;
using namespace grey::pvm;

RegisterAssigner::RegisterAssigner(Operation *function)
    : function(function), liveness(function) {}

const llvm::DenseMap<Operation *, SmallVector<Value, 8>> &
RegisterAssigner::liveAfterOps(Block *block) const {
  auto [it, inserted] = liveAfter.try_emplace(block);
  if (!inserted)
    return it->second;
  llvm::SetVector<Value> live;
  for (Value value : liveness.getLiveOut(block))
    live.insert(value);
  for (Operation &op : llvm::reverse(*block)) {
    it->second[&op].assign(live.begin(), live.end());
    for (Value result : op.getResults())
      live.remove(result);
    for (Value operand : op.getOperands())
      live.insert(operand);
  }
  return it->second;
}

bool RegisterAssigner::isLiveAfter(Value value, Operation *op) const {
  return llvm::is_contained(liveAfterOps(op->getBlock()).lookup(op), value);
}

/// The op that reads `value`'s register after writing its result: an
/// indirect call's target must not share a register with the link.
static bool readsAfterWriting(Operation *op, Value operand) {
  if (auto call = dyn_cast<CallIndirectOp>(op))
    return operand == call.getTarget();
  if (auto jump = dyn_cast<LoadImmJumpIndOp>(op))
    return operand == jump.getBase();
  return false;
}

RegisterSet RegisterAssigner::availableFor(Value value) const {
  RegisterSet taken;
  auto take = [&](Value other) {
    if (other != value)
      taken.insert(other.getType());
  };

  // Values live where `value` is defined.
  Block *defBlock;
  Operation *def = value.getDefiningOp();
  if (def) {
    defBlock = def->getBlock();
    llvm::for_each(liveAfterOps(defBlock).lookup(def), take);
    llvm::for_each(def->getResults(), take);
    for (Value operand : def->getOperands())
      if (readsAfterWriting(def, operand))
        take(operand);
  } else {
    defBlock = cast<BlockArgument>(value).getOwner();
    llvm::for_each(liveness.getLiveIn(defBlock), take);
    llvm::for_each(defBlock->getArguments(), take);
  }

  // Values defined while `value` is live: in its own block after its
  // definition, and in every block it is live into (with their arguments).
  auto takeDefinedWhileLive = [&](Block *block, Operation *from) {
    for (Operation &op : llvm::make_range(
             from ? std::next(from->getIterator()) : block->begin(),
             block->end()))
      if (isLiveAfter(value, &op))
        llvm::for_each(op.getResults(), take);
  };
  takeDefinedWhileLive(defBlock, def);
  for (OpOperand &use : value.getUses())
    if (readsAfterWriting(use.getOwner(), value))
      llvm::for_each(use.getOwner()->getResults(), take);
  for (Block &block : function->getRegion(0)) {
    if (&block == defBlock || !liveness.getLiveIn(&block).contains(value))
      continue;
    llvm::for_each(block.getArguments(), take);
    takeDefinedWhileLive(&block, nullptr);
  }

  RegisterSet available = RegisterSet::all() - taken;
  // A conditional move reads and writes one register.
  if (def && isConditionalMove(def)) {
    Value prev = def->getOperand(def->getNumOperands() - 1);
    RegisterSet tied;
    tied.insert(prev.getType());
    return available & tied;
  }
  return available;
}

/// Registers `value` is copied from or to: taking one of them lets a move
/// vanish.
static SmallVector<Reg> copyHints(Value value) {
  SmallVector<Reg> hints;
  auto hint = [&](Value other) {
    if (std::optional<Reg> reg = registerOf(other.getType()))
      hints.push_back(*reg);
  };
  if (auto move = value.getDefiningOp<MoveRegOp>())
    hint(move.getRs());
  for (OpOperand &use : value.getUses()) {
    Operation *user = use.getOwner();
    if (auto move = dyn_cast<MoveRegOp>(user))
      hint(move.getRd());
    else if (isConditionalMove(user) &&
             use.getOperandNumber() == user->getNumOperands() - 1)
      hint(user->getResult(0)); // `prev` of a conditional move
    else if (auto branch = dyn_cast<BranchOpInterface>(user))
      if (std::optional<BlockArgument> arg =
              branch.getSuccessorBlockArgument(use.getOperandNumber()))
        hint(*arg);
  }
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    // A value arriving in another register needs a move on its edge: free
    // before a jump, a fall-through block on a branch's not-taken edge, a
    // whole jump block on its taken edge. So match the taken edges first.
    Block *block = arg.getOwner();
    SmallVector<std::pair<unsigned, Value>> incoming;
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Operation *terminator = (*it)->getTerminator();
      auto branch = dyn_cast<BranchOpInterface>(terminator);
      if (!branch)
        continue;
      unsigned index = it.getSuccessorIndex();
      unsigned rank = terminator->getNumSuccessors() == 1 ? 2 : index;
      if (Value passed =
              branch.getSuccessorOperands(index)[arg.getArgNumber()])
        incoming.push_back({rank, passed});
    }
    llvm::stable_sort(incoming, llvm::less_first());
    for (auto &[rank, passed] : incoming)
      hint(passed);
  }
  return hints;
}

ArrayRef<Reg> RegisterAssigner::allocationOrder() {
  // Temporaries t0-t2, then a0-a5, then s0, s1 and ra; the stack pointer
  // last (a value can take it only where sp itself is dead).
  static constexpr Reg kOrder[] = {Reg::R2,  Reg::R3,  Reg::R4,  Reg::R7,
                                   Reg::R8,  Reg::R9,  Reg::R10, Reg::R11,
                                   Reg::R12, Reg::R5,  Reg::R6,  Reg::R0,
                                   Reg::R1};
  return kOrder;
}

FailureOr<Reg> RegisterAssigner::assign(Value value,
                                        ArrayRef<Reg> preferred) {
  auto type = cast<RegType>(value.getType());
  if (type.isAllocated())
    return *type.getReg();
  RegisterSet available = availableFor(value);
  std::optional<Reg> chosen;
  for (Reg reg : preferred)
    if (!chosen && available.contains(reg))
      chosen = reg;
  for (Reg reg : copyHints(value))
    if (!chosen && available.contains(reg))
      chosen = reg;
  for (Reg reg : allocationOrder())
    if (!chosen && available.contains(reg))
      chosen = reg;
  if (!chosen)
    return failure();
  value.setType(RegType::get(value.getContext(), *chosen));
  return *chosen;
}
