//===- IfConvert.cpp - pvm-if-convert -------------------------------------===//
//
// Replaces a branch over short arms by both arms computed in the branch's
// block and conditional moves that pick the values the join receives. New
// values are unallocated; the rewrite stays only when the cost query says it
// is cheaper and RegisterAssigner places every new value.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/IRMapping.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMIFCONVERT
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-if-convert";

std::optional<int64_t> constantOf(Value value) {
  if (auto load = value.getDefiningOp<LoadImmOp>())
    return int64_t(load.getValue());
  return std::nullopt;
}

/// `cond ? taken : notTaken`, where `cond` is the branch condition: a copy
/// of one value in the result's register, conditionally overwritten by
/// the other (as an immediate when it is a constant). The value copied is
/// preferably one already in `want`, the register the result should end
/// up in, so that copy and result can stay there.
Value select(OpBuilder &builder, Location loc, BranchCondition cond, Value taken,
             Value notTaken, std::optional<Reg> want) {
  Type reg = RegType::get(builder.getContext());
  // `overwrite` replaces `kept` when the condition value is zero.
  bool whenZero = cond.takenIfZero;
  Value overwrite = taken, kept = notTaken;
  bool swap = !constantOf(overwrite) &&
              (constantOf(kept) ||
               (want && registerOf(overwrite.getType()) == want &&
                registerOf(kept.getType()) != want));
  if (swap) {
    std::swap(overwrite, kept);
    whenZero = !whenZero;
  }
  Value prev = MoveRegOp::create(builder, loc, reg, kept);
  if (std::optional<int64_t> k = constantOf(overwrite)) {
    IntegerAttr imm = builder.getI64IntegerAttr(*k);
    if (whenZero)
      return CmovIzImmOp::create(builder, loc, reg, cond.value, imm, prev);
    return CmovNzImmOp::create(builder, loc, reg, cond.value, imm, prev);
  }
  if (whenZero)
    return CmovIzOp::create(builder, loc, reg, overwrite, cond.value, prev);
  return CmovNzOp::create(builder, loc, reg, overwrite, cond.value, prev);
}

/// What a branch's successor looked like before the rewrite, to put the
/// branch back.
struct SavedBranch {
  explicit SavedBranch(Operation *op)
      : loc(op->getLoc()), name(op->getName()),
        operands(op->getOperands()), attrs(op->getAttrs()),
        successors(op->getSuccessors()) {}
  Operation *restore(Block *block) const {
    OperationState state(loc, name);
    state.addOperands(operands);
    state.addAttributes(attrs);
    state.addSuccessors(successors);
    OpBuilder builder = OpBuilder::atBlockEnd(block);
    return builder.create(state);
  }
  Location loc;
  OperationName name;
  SmallVector<Value> operands;
  SmallVector<NamedAttribute> attrs;
  SmallVector<Block *> successors;
};

class IfConverter {
public:
  IfConverter(FuncOp func, unsigned maxArmSize)
      : func(func), options(optimizerCostOptionsFor(func)),
        maxArmSize(maxArmSize) {}
  /// Converts every branch it can; returns whether any.
  bool run();

private:
  /// Whether `block` is an arm of the branch ending `head`.
  bool isArm(Block *block, Block *head) const;
  /// Converts the branch ending `head`: nothing when it has no diamond or
  /// triangle, false when the rewrite did not pay or found no registers.
  std::optional<bool> convert(Block *head);
  /// Gives every new unallocated value a register; the selects first, in
  /// the register of the join's argument they feed.
  bool assignRegisters(ArrayRef<Operation *> created,
                       ArrayRef<std::pair<Value, Type>> selects);

  FuncOp func;
  gas::CostOptions options;
  unsigned maxArmSize;
};

bool IfConverter::isArm(Block *block, Block *head) const {
  if (block == head || block->getSinglePredecessor() != head ||
      isJumpTableEntry(block) || !isPlainEdge(block->getTerminator()) ||
      block->getTerminator()->getSuccessor(0) == block)
    return false;
  unsigned size = 0;
  for (Operation &op : block->without_terminator()) {
    if (!canSpeculate(&op))
      return false;
    ++size;
  }
  return size <= maxArmSize && definesOnlyLocalValues(block);
}

bool IfConverter::assignRegisters(ArrayRef<Operation *> created,
                                  ArrayRef<std::pair<Value, Type>> selects) {
  RegisterAssigner assigner(func);
  // A select reads and writes one register: find one both its `prev` copy
  // and the select may take, the join argument's first.
  for (auto [result, argType] : selects) {
    if (!isUnallocated(result))
      continue;
    Operation *cmov = result.getDefiningOp();
    Value prev = cmov->getOperand(cmov->getNumOperands() - 1);
    RegisterSet options = assigner.availableFor(prev);
    SmallVector<Reg> order;
    if (std::optional<Reg> want = registerOf(argType))
      order.push_back(*want);
    llvm::append_range(order, RegisterAssigner::allocationOrder());
    bool placed = false;
    for (Reg reg : order) {
      if (!options.contains(reg))
        continue;
      prev.setType(RegType::get(func.getContext(), reg));
      if (assigner.availableFor(result).contains(reg)) {
        result.setType(prev.getType());
        placed = true;
        break;
      }
    }
    if (!placed)
      return false;
  }
  for (Operation *op : created)
    for (Value result : op->getResults())
      if (isUnallocated(result) && failed(assigner.assign(result)))
        return false;
  return true;
}

std::optional<bool> IfConverter::convert(Block *head) {
  Operation *branch = head->getTerminator();
  if (!isa<ConditionalBranchOpInterface>(branch))
    return std::nullopt;
  Block *succ[2] = {branch->getSuccessor(0), branch->getSuccessor(1)};
  if (succ[0] == succ[1])
    return std::nullopt;
  bool arm[2] = {isArm(succ[0], head), isArm(succ[1], head)};
  auto joinOf = [&](unsigned k) {
    return arm[k] ? succ[k]->getTerminator()->getSuccessor(0) : succ[k];
  };
  Block *join = joinOf(0);
  if ((!arm[0] && !arm[1]) || joinOf(1) != join || join == head ||
      (join == succ[0] && arm[0]) || (join == succ[1] && arm[1]))
    return std::nullopt;

  // The cheapest path through the code as it is.
  uint64_t headCost = blockCost(head, options);
  uint64_t joinCost = blockCost(join, options);
  uint64_t cheapestArm = UINT64_MAX;
  for (unsigned k : {0u, 1u})
    cheapestArm = std::min(cheapestArm,
                           arm[k] ? blockCost(succ[k], options) : uint64_t(0));
  uint64_t before = headCost + cheapestArm + joinCost;

  // Both ways computed in `head`, then the selects.
  SavedBranch saved(branch);
  OpBuilder builder(branch);
  Operation *last = branch->getPrevNode();
  SmallVector<Value> passed[2];
  auto branchOps = cast<BranchOpInterface>(branch);
  for (unsigned k : {0u, 1u}) {
    OperandRange edge =
        branchOps.getSuccessorOperands(k).getForwardedOperands();
    if (!arm[k]) {
      passed[k].assign(edge.begin(), edge.end());
      continue;
    }
    IRMapping mapping;
    mapping.map(succ[k]->getArguments(), edge);
    for (Operation &op : succ[k]->without_terminator()) {
      Operation *copy = builder.clone(op, mapping);
      for (Value result : copy->getResults())
        result.setType(RegType::get(func.getContext()));
    }
    for (Value value : succ[k]->getTerminator()->getOperands())
      passed[k].push_back(mapping.lookupOrDefault(value));
  }
  BranchCondition cond =
      materializeCondition(builder, branch, comparedOperands(branch));
  SmallVector<Value> joinArgs;
  SmallVector<std::pair<Value, Type>> selects;
  for (auto [index, arg] : llvm::enumerate(join->getArguments())) {
    Value taken = passed[0][index], notTaken = passed[1][index];
    if (taken == notTaken) {
      joinArgs.push_back(taken);
      continue;
    }
    Value chosen = select(builder, branch->getLoc(), cond, taken, notTaken,
                          registerOf(arg.getType()));
    selects.push_back({chosen, arg.getType()});
    joinArgs.push_back(chosen);
  }
  SmallVector<Operation *> created;
  for (Operation *op = last ? last->getNextNode() : &head->front();
       op != branch; op = op->getNextNode())
    created.push_back(op);
  Operation *jump = JumpOp::create(builder, branch->getLoc(), joinArgs, join);
  branch->erase();

  // The join is appended when only this branch's ways reach it.
  bool joinMerges = !isJumpTableEntry(join) &&
                    llvm::all_of(join->getPredecessors(), [&](Block *pred) {
                      return pred == head || (pred == succ[0] && arm[0]) ||
                             (pred == succ[1] && arm[1]);
                    });
  SmallVector<Operation *> merged;
  for (Operation &op : *head)
    merged.push_back(&op);
  uint64_t after;
  if (joinMerges) {
    merged.pop_back();
    for (Operation &op : *join)
      merged.push_back(&op);
    after = pathCost(merged, options);
  } else {
    after = pathCost(merged, options) + joinCost;
  }

  auto undo = [&] {
    jump->erase();
    for (Operation *op : llvm::reverse(created))
      op->erase();
    saved.restore(head);
  };
  if (after >= before || !assignRegisters(created, selects) ||
      !shouldApplyRewrite(func, kPassName, "if-convert a branch")) {
    undo();
    return false;
  }

  for (unsigned k : {0u, 1u})
    if (arm[k])
      succ[k]->erase();
  // Copies only the immediate form of a select used.
  for (Operation *op : llvm::reverse(created))
    if (op->use_empty())
      op->erase();
  if (joinMerges && join->getSinglePredecessor() == head) {
    OpBuilder moves(jump);
    for (auto [arg, value] : llvm::zip(join->getArguments(), joinArgs)) {
      Value bound = value;
      if (value.getType() != arg.getType())
        bound = MoveRegOp::create(moves, jump->getLoc(), arg.getType(), value);
      arg.replaceAllUsesWith(bound);
    }
    jump->erase();
    head->getOperations().splice(head->end(), join->getOperations());
    join->erase();
  } else {
    // A value the join receives in another register than its argument's
    // comes through a copy made where the selects are.
    for (auto [index, arg] : llvm::enumerate(join->getArguments())) {
      Value value = jump->getOperand(index);
      if (!canPassToArgument(value.getType(), arg.getType())) {
        OpBuilder moves(jump);
        jump->setOperand(index, MoveRegOp::create(moves, jump->getLoc(),
                                                  arg.getType(), value));
      }
    }
  }
  return true;
}

bool IfConverter::run() {
  // A conversion can make its block an arm of an enclosing branch: start
  // over after each one. Branches that failed the cost or register check
  // are not tried again.
  bool changed = false;
  llvm::DenseSet<Block *> rejected;
  bool progress = true;
  while (progress) {
    progress = false;
    for (Block &block : func.getBody()) {
      if (rejected.contains(&block))
        continue;
      std::optional<bool> converted = convert(&block);
      if (!converted)
        continue;
      if (!*converted) {
        rejected.insert(&block);
        continue;
      }
      changed = progress = true;
      break;
    }
  }
  if (changed)
    restoreLayout(func.getBody());
  return changed;
}

struct IfConvertPass
    : public grey::pvm::impl::PVMIfConvertBase<IfConvertPass> {
  using PVMIfConvertBase::PVMIfConvertBase;
  void runOnOperation() override {
    getOperation()->walk(
        [&](FuncOp func) { IfConverter(func, maxArmSize).run(); });
  }
};

} // namespace
