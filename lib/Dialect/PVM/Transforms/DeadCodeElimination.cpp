//===- DeadCodeElimination.cpp - pvm-dce ------------------------------------===//
//
// Mark-and-sweep dead-code elimination over one pvm.func: unreachable blocks
// first, then everything that no root needs, block arguments included.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMDEADCODEELIMINATION
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-dce";

/// Blocks a path from the entry reaches, plus blocks the jump table names
/// (their entry index must stay declared, reachable or not).
llvm::DenseSet<Block *> liveBlocks(Region &body) {
  llvm::DenseSet<Block *> live;
  SmallVector<Block *> worklist;
  auto visit = [&](Block *block) {
    if (live.insert(block).second)
      worklist.push_back(block);
  };
  visit(&body.front());
  for (Block &block : body)
    if (!block.empty() && isa<JumpTableEntryOp>(block.front()))
      visit(&block);
  while (!worklist.empty())
    for (Block *succ : worklist.pop_back_val()->getSuccessors())
      visit(succ);
  return live;
}

/// Whether `op` may go when nothing reads its results.
bool isRemovableWhenUnused(Operation *op, const SafeLoads &safeLoads) {
  if (op->hasTrait<OpTrait::IsTerminator>() || op->getNumResults() == 0)
    return false;
  // Emits no code; it only names machine state.
  if (isa<GetRegisterOp>(op))
    return true;
  if (isMemoryEffectFree(op))
    return true;
  return safeLoads.contains(op);
}

class DeadCodeElimination {
public:
  explicit DeadCodeElimination(FuncOp func) : func(func) {}

  /// Returns whether anything changed.
  bool run();

private:
  void markValue(Value value);
  void markOp(Operation *op);

  FuncOp func;
  llvm::DenseSet<Operation *> liveOps;
  llvm::DenseSet<Value> liveValues;
  SmallVector<Value> worklist;
};

void DeadCodeElimination::markValue(Value value) {
  if (liveValues.insert(value).second)
    worklist.push_back(value);
}

void DeadCodeElimination::markOp(Operation *op) {
  if (!liveOps.insert(op).second)
    return;
  // A branch forwards its successor operands to block arguments: those are
  // needed only when the argument is.
  llvm::SmallDenseSet<unsigned, 8> forwarded;
  if (auto branch = dyn_cast<BranchOpInterface>(op))
    for (unsigned i = 0, e = op->getNumSuccessors(); i < e; ++i) {
      OperandRange range = branch.getSuccessorOperands(i).getForwardedOperands();
      if (range.empty())
        continue;
      unsigned begin = range.getBeginOperandIndex();
      for (unsigned n = begin, e = begin + range.size(); n < e; ++n)
        forwarded.insert(n);
    }
  for (OpOperand &operand : op->getOpOperands())
    if (!forwarded.contains(operand.getOperandNumber()))
      markValue(operand.get());
}

bool DeadCodeElimination::run() {
  Region &body = func.getBody();
  bool changed = false;

  // 1. Unreachable blocks. Their values can only be used in blocks they
  // dominate, which are unreachable too.
  llvm::DenseSet<Block *> reachable = liveBlocks(body);
  SmallVector<Block *> unreachable;
  for (Block &block : body)
    if (!reachable.contains(&block))
      unreachable.push_back(&block);
  for (Block *block : unreachable)
    block->dropAllReferences();
  for (Block *block : unreachable)
    block->dropAllDefinedValueUses();
  for (Block *block : unreachable) {
    block->erase();
    changed = true;
  }

  // 2. Mark from the roots.
  SafeLoads safeLoads(func);
  for (Block &block : body) {
    for (Operation &op : block)
      if (!isRemovableWhenUnused(&op, safeLoads))
        markOp(&op);
    // Arguments fed by something other than a branch (which says which
    // operand feeds which argument) stay.
    if (llvm::any_of(block.getPredecessors(), [](Block *pred) {
          return !isa<BranchOpInterface>(pred->getTerminator());
        }))
      for (BlockArgument arg : block.getArguments())
        markValue(arg);
  }
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (Operation *def = value.getDefiningOp()) {
      markOp(def);
      continue;
    }
    auto arg = cast<BlockArgument>(value);
    Block *block = arg.getOwner();
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Operation *terminator = (*it)->getTerminator();
      auto branch = dyn_cast<BranchOpInterface>(terminator);
      if (!branch) {
        // Cannot see which operand feeds the argument: keep them all.
        for (Value operand : terminator->getOperands())
          markValue(operand);
        continue;
      }
      SuccessorOperands operands =
          branch.getSuccessorOperands(it.getSuccessorIndex());
      if (Value passed = operands[arg.getArgNumber()])
        markValue(passed);
    }
  }

  // 3. Sweep. Dead ops may use dead block arguments and each other across
  // blocks, and a dead argument may feed another one: drop every reference
  // first (ops' operands, then the branch operands that fed dead
  // arguments), then erase.
  SmallVector<Operation *> deadOps;
  for (Block &block : body)
    for (Operation &op : block)
      if (!liveOps.contains(&op))
        deadOps.push_back(&op);
  for (Operation *op : deadOps)
    op->dropAllReferences();
  SmallVector<std::pair<Block *, llvm::BitVector>> deadArgs;
  for (Block &block : body) {
    llvm::BitVector dead(block.getNumArguments());
    for (BlockArgument arg : block.getArguments())
      if (!liveValues.contains(arg))
        dead.set(arg.getArgNumber());
    if (dead.any())
      deadArgs.push_back({&block, std::move(dead)});
  }
  for (auto &[block, dead] : deadArgs)
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      auto branch = cast<BranchOpInterface>((*it)->getTerminator());
      SuccessorOperands operands =
          branch.getSuccessorOperands(it.getSuccessorIndex());
      for (int i = dead.size() - 1; i >= 0; --i)
        if (dead.test(i))
          operands.erase(i);
    }
  for (auto &[block, dead] : deadArgs)
    block->eraseArguments(dead);
  for (Operation *op : deadOps)
    op->erase();
  changed |= !deadOps.empty() || !deadArgs.empty();
  return changed;
}

struct DeadCodeEliminationPass
    : public grey::pvm::impl::PVMDeadCodeEliminationBase<
          DeadCodeEliminationPass> {
  void runOnOperation() override {
    FuncOp func = getOperation();
    if (!grey::shouldApplyRewrite(func, kPassName, "dead code"))
      return markAllAnalysesPreserved();
    if (!DeadCodeElimination(func).run())
      markAllAnalysesPreserved();
  }
};

} // namespace
