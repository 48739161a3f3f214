//===- PromoteStackSlots.cpp - pvm-promote-stack-slots --------------------===//
//
// Keeps a private frame slot in registers: a store's value stays in its
// register (or a copy, when that register is overwritten too early), each
// load becomes a move of the value last stored, with a block argument where
// paths that stored different values meet.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/RegionGraphTraits.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DepthFirstIterator.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMPROMOTESTACKSLOTS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-promote-stack-slots";

/// Whether `op` reads or writes all eight bytes of a slot and nothing else:
/// the accesses a promoted slot may have.
bool isWholeSlotAccess(Operation *op) {
  return isa<LoadIndU64Op, StoreIndU64Op, StoreImmIndU64Op>(op);
}

/// The operands the edge `it` passes to its block's arguments.
SuccessorOperands edgeOperands(Block::pred_iterator it) {
  return cast<BranchOpInterface>((*it)->getTerminator())
      .getSuccessorOperands(it.getSuccessorIndex());
}

/// A private frame slot and every op that touches it, in program order
/// within each block.
struct Slot {
  MemoryLocation loc;
  SmallVector<Operation *> accesses;
};

/// Promotes the slots of one function, one at a time.
class SlotPromotion {
public:
  SlotPromotion(FuncOp func, const StackArgumentAreas &areas,
                const grey::gas::CostOptions &costs)
      : func(func), areas(areas), costs(costs) {
    frequency.emplace(func);
  }

  void run();

private:
  /// The slots worth trying, hottest first: 8-byte private frame locations
  /// that a load or store touches as a whole. Empty when the frame escapes.
  SmallVector<Slot> findCandidates(const MemoryModel &model);
  /// Why `slot` cannot live in a register whatever the registers: some op
  /// touches part of it or may read or write it unseen; or a path reads it
  /// before anything is stored; or a removed access could fault. Empty when
  /// it can, and then `slot.accesses` lists its loads and stores.
  std::string whyNot(Slot &slot, const MemoryModel &model);
  /// A copy of the function with `slot` in registers, or why not (set in
  /// `why`). Stores in `copied` get a copy of their register; a store whose
  /// register is overwritten while the slot still needs it is added to
  /// `conflicts`.
  FailureOr<FuncOp> rewrite(const Slot &slot,
                            const llvm::DenseSet<Operation *> &copied,
                            llvm::DenseSet<Operation *> &conflicts,
                            std::string &why);
  /// Puts `slot` in registers when registers are free and the blocks cost
  /// no more gas; returns why not otherwise.
  std::string promote(const Slot &slot);
  void remark(const Slot &slot, StringRef why);

  FuncOp func;
  const StackArgumentAreas &areas;
  const grey::gas::CostOptions &costs;
  /// Computed again after each promotion, which replaces the blocks.
  std::optional<BlockFrequency> frequency;
};

SmallVector<Slot> SlotPromotion::findCandidates(const MemoryModel &model) {
  if (model.frameEscapes())
    return {};
  llvm::MapVector<int64_t, Slot> slots;
  DenseMap<int64_t, double> weight;
  func.getBody().walk([&](Operation *op) {
    std::optional<MemoryLocation> loc = model.getLocation(op);
    if (!loc || !isWholeSlotAccess(op) || loc->width != 8 ||
        !model.isPrivate(*loc))
      return;
    Slot &slot = slots[*loc->address.offset];
    slot.loc = *loc;
    weight[*loc->address.offset] += frequency->getFrequency(op->getBlock());
  });
  SmallVector<Slot> result;
  for (auto &[offset, slot] : slots)
    result.push_back(slot);
  llvm::stable_sort(result, [&](const Slot &a, const Slot &b) {
    return weight.lookup(*a.loc.address.offset) >
           weight.lookup(*b.loc.address.offset);
  });
  return result;
}

std::string SlotPromotion::whyNot(Slot &slot,
                                  const MemoryModel &model) {
  // Every op that may touch the slot must be a whole load or store of it.
  std::string why;
  SmallVector<Operation *> accesses;
  func.getBody().walk([&](Operation *op) {
    if (!why.empty())
      return WalkResult::interrupt();
    if (std::optional<MemoryLocation> loc = model.getLocation(op)) {
      if (!model.mayAlias(*loc, slot.loc))
        return WalkResult::advance();
      if (loc->address == slot.loc.address && loc->width == 8 &&
          isWholeSlotAccess(op))
        accesses.push_back(op);
      else
        why = (op->getName().stripDialect() + " touches part of it").str();
      return WalkResult::advance();
    }
    if (!isMemoryEffectFree(op) && model.mayAccess(op, slot.loc))
      why = (op->getName().stripDialect() + " may access it").str();
    return WalkResult::advance();
  });
  if (!why.empty())
    return why;

  // A path from the entry that loads before any store reads what was there
  // before the function ran.
  DenseMap<Block *, bool> loadsFirst, stores;
  for (Operation *op : accesses) {
    Block *block = op->getBlock();
    if (!loadsFirst.count(block))
      loadsFirst[block] = op->getNumResults() == 1;
    if (op->getNumResults() == 0)
      stores[block] = true;
  }
  DenseSet<Block *> liveIn;
  bool changed = true;
  while (changed) {
    changed = false;
    for (Block &block : func.getBody()) {
      if (liveIn.contains(&block))
        continue;
      bool live = loadsFirst.lookup(&block);
      if (!live && !stores.lookup(&block))
        live = llvm::any_of(block.getSuccessors(), [&](Block *succ) {
          return liveIn.contains(succ);
        });
      if (live) {
        liveIn.insert(&block);
        changed = true;
      }
    }
  }
  if (liveIn.contains(&func.getBody().front()))
    return "a path reads it before anything is stored";
  // Reachable blocks: following single predecessors from one of them ends
  // at a store or at a block where edges meet, never in a cycle.
  DenseSet<Block *> reachable;
  for (Block *block : llvm::depth_first(&func.getBody().front()))
    reachable.insert(block);
  for (Block *block : liveIn) {
    if (!reachable.contains(block))
      return "an unreachable block reads it";
    if (block->getSinglePredecessor())
      continue;
    for (Block *pred : block->getPredecessors())
      if (!isa<BranchOpInterface>(pred->getTerminator()))
        return (pred->getTerminator()->getName().stripDialect() +
                " cannot pass it to a block where paths meet")
            .str();
  }

  // The accesses go: none may be one that could fault (docs/Optimizer.md).
  llvm::DenseSet<Operation *> going(accesses.begin(), accesses.end());
  SafeAccesses safe(func, going);
  for (Operation *op : accesses)
    if (!safe.contains(op))
      return (op->getName().stripDialect() + " might fault").str();
  slot.accesses = std::move(accesses);
  return "";
}

/// The value a store leaves in its slot: the register it stores, or a new
/// constant for an immediate, or (when `copy`) a new unallocated copy.
static Value storedValue(Operation *store, bool copy, OpBuilder &builder) {
  Type unallocated = RegType::get(store->getContext());
  if (auto imm = dyn_cast<StoreImmIndU64Op>(store))
    return LoadImmOp::create(builder, store->getLoc(), unallocated,
                             imm.getValue());
  Value value = cast<StoreIndU64Op>(store).getValue();
  if (!copy)
    return value;
  return MoveRegOp::create(builder, store->getLoc(), unallocated, value);
}

FailureOr<FuncOp>
SlotPromotion::rewrite(const Slot &slot,
                       const llvm::DenseSet<Operation *> &copied,
                       llvm::DenseSet<Operation *> &conflicts,
                       std::string &why) {
  MLIRContext *context = func.getContext();
  Type unallocated = RegType::get(context);
  IRMapping map;
  auto trial = cast<FuncOp>(func->clone(map));
  auto fail = [&](StringRef reason) -> FailureOr<FuncOp> {
    why = reason.str();
    trial->destroy();
    return failure();
  };

  SmallVector<Operation *> accesses = llvm::map_to_vector(
      slot.accesses, [&](Operation *op) { return map.lookup(op); });
  llvm::DenseSet<Operation *> isAccess(accesses.begin(), accesses.end());
  llvm::SetVector<Block *> touched;
  DenseMap<Block *, Operation *> lastStore;
  for (Operation *op : accesses) {
    touched.insert(op->getBlock());
    if (op->getNumResults() == 0)
      lastStore[op->getBlock()] = op;
  }

  // What each store leaves in the slot, made just after it; kept in their
  // registers unless an earlier try found that register overwritten while
  // the slot still needs it.
  DenseMap<Operation *, Value> stored;
  SmallVector<Value> newValues, kept;
  DenseMap<Value, Operation *> keptBy;
  for (auto [original, op] : llvm::zip(slot.accesses, accesses)) {
    if (op->getNumResults() == 1)
      continue;
    OpBuilder builder(op->getNextNode());
    Value value = storedValue(op, copied.contains(original), builder);
    stored[op] = value;
    if (cast<RegType>(value.getType()).isAllocated())
      keptBy[value] = original; // may be a load of the slot: resolved below
    else
      newValues.push_back(value);
  }
  // A store of what a load of the slot read stores the load's replacement.
  DenseMap<Value, Value> loadReplacement;
  auto resolve = [&](Value value) {
    for (auto it = loadReplacement.find(value); it != loadReplacement.end();
         it = loadReplacement.find(value))
      value = it->second;
    return value;
  };

  // The slot's value on entry to and exit from the blocks that need one: a
  // block argument where several edges meet, else the one predecessor's.
  DenseMap<Block *, Value> atEntry;
  SmallVector<BlockArgument> arguments;
  std::function<Value(Block *)> valueAtEntry, valueAtExit;
  valueAtExit = [&](Block *block) -> Value {
    if (Operation *store = lastStore.lookup(block))
      return resolve(stored[store]);
    return valueAtEntry(block);
  };
  valueAtEntry = [&](Block *block) -> Value {
    if (Value value = atEntry.lookup(block))
      return value;
    if (Block *pred = block->getSinglePredecessor())
      return atEntry[block] = valueAtExit(pred);
    BlockArgument arg = block->addArgument(unallocated, trial.getLoc());
    arguments.push_back(arg);
    atEntry[block] = arg;
    return arg;
  };

  // Each load reads the value before it: into its own register with a
  // move, or that value itself when it already is in that register.
  SmallVector<MoveRegOp> loadMoves;
  for (Block *block : touched) {
    Value current;
    for (Operation &op : *block) {
      if (!isAccess.contains(&op))
        continue;
      if (op.getNumResults() == 0) {
        current = stored[&op];
        continue;
      }
      if (!current)
        current = valueAtEntry(block);
      current = resolve(current);
      Value result = op.getResult(0);
      if (current.getType() == result.getType()) {
        result.replaceAllUsesWith(current);
        loadReplacement[result] = current;
        continue;
      }
      OpBuilder builder(&op);
      auto move =
          MoveRegOp::create(builder, op.getLoc(), result.getType(), current);
      result.replaceAllUsesWith(move.getResult());
      loadReplacement[result] = move.getResult();
      loadMoves.push_back(move);
    }
  }
  // Every edge into a new argument passes the value at its source's exit
  // (which may add arguments further up).
  for (size_t i = 0; i < arguments.size(); ++i) {
    Block *block = arguments[i].getOwner();
    for (auto it = block->pred_begin(); it != block->pred_end(); ++it)
      edgeOperands(it).append(valueAtExit(*it));
  }
  // An argument that receives one value on every edge (or itself, around a
  // loop) is that value, which dominates the block.
  auto incoming = [](Block *block, Block::pred_iterator it) {
    SuccessorOperands operands = edgeOperands(it);
    return operands[operands.size() - 1];
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (auto *argIt = arguments.begin(); argIt != arguments.end(); ++argIt) {
      BlockArgument arg = *argIt;
      Block *block = arg.getOwner();
      Value only;
      bool trivial = true;
      for (auto it = block->pred_begin(); it != block->pred_end(); ++it) {
        Value passed = incoming(block, it);
        if (passed == arg || passed == only)
          continue;
        trivial &= !only;
        only = passed;
      }
      if (!trivial || !only)
        continue;
      arg.replaceAllUsesWith(only);
      for (auto it = block->pred_begin(); it != block->pred_end(); ++it) {
        SuccessorOperands operands = edgeOperands(it);
        operands.erase(operands.size() - 1);
      }
      block->eraseArgument(arg.getArgNumber());
      arguments.erase(argIt);
      changed = true;
      break;
    }
  }
  // The stored registers that must now live until the slot's reads.
  DenseMap<Value, Operation *> keptFor;
  for (auto [value, store] : keptBy) {
    Value now = resolve(value);
    if (!cast<RegType>(now.getType()).isAllocated())
      continue;
    if (keptFor.try_emplace(now, store).second)
      kept.push_back(now);
  }
  for (Operation *op : accesses)
    op->erase();
  // Loads whose value was already in their register left nothing behind.
  llvm::append_range(newValues, ArrayRef<BlockArgument>(arguments));

  // Registers, decided now (docs/Optimizer.md: the allocator never
  // spills). A stored value kept in its register must keep it until the
  // slot's last read; the new values take what is free.
  RegisterAssigner assigner(trial);
  for (Value value : kept)
    if (!assigner.availableFor(value).contains(*registerOf(value.getType())))
      conflicts.insert(keptFor[value]);
  if (!conflicts.empty())
    return fail("a stored register is overwritten while the slot is read");
  for (Value value : newValues)
    if (failed(assigner.assign(value)))
      return fail("no register is free to keep it");

  // Allocated code passes a block argument in its own register: an edge
  // that would need a move (a block of its own on a two-way branch) is
  // refused.
  for (BlockArgument arg : arguments) {
    Block *block = arg.getOwner();
    for (auto it = block->pred_begin(); it != block->pred_end(); ++it)
      if (incoming(block, it).getType() != arg.getType())
        return fail("a branch would pass it in another register");
  }
  // Moves of a value that took the load's register are no-ops.
  for (MoveRegOp move : loadMoves) {
    if (move.getRs().getType() != move.getType())
      continue;
    move.getResult().replaceAllUsesWith(move.getRs());
    move.erase();
  }
  return trial;
}

std::string SlotPromotion::promote(const Slot &slot) {
  // Try with the stored registers kept, then with copies of those that
  // are overwritten too early.
  llvm::DenseSet<Operation *> copied;
  FailureOr<FuncOp> trial = failure();
  std::string why;
  for (unsigned attempt = 0; attempt < 3 && failed(trial); ++attempt) {
    llvm::DenseSet<Operation *> conflicts;
    trial = rewrite(slot, copied, conflicts, why);
    if (conflicts.empty())
      break;
    copied.insert(conflicts.begin(), conflicts.end());
  }
  if (failed(trial))
    return why;

  // The cost of the blocks with an access, weighted by block frequency.
  double before = 0, after = 0;
  llvm::SetVector<Block *> touched;
  for (Operation *op : slot.accesses)
    touched.insert(op->getBlock());
  DenseMap<Block *, Block *> trialBlock;
  for (auto [original, copy] :
       llvm::zip(func.getBody().getBlocks(), trial->getBody().getBlocks()))
    trialBlock[&original] = &copy;
  for (Block *block : touched) {
    double weight = frequency->getFrequency(block);
    before += weight * blockCost(block, costs);
    after += weight * blockCost(trialBlock[block], costs);
  }
  if (after > before) {
    (*trial)->destroy();
    return "register operations would cost more gas than its loads and "
           "stores";
  }
  func.getBody().takeBody(trial->getBody());
  (*trial)->destroy();
  frequency.emplace(func);
  return "";
}

void SlotPromotion::remark(const Slot &slot, StringRef why) {
  std::string where;
  llvm::raw_string_ostream os(where);
  slot.loc.print(os);
  auto opts = remark::RemarkOpts::name(why.empty() ? "Promoted" : "NotPromoted")
                  .category(kPassName)
                  .function(func.getSymName());
  if (why.empty())
    remark::passed(func.getLoc(), opts)
        << remark::add("slot {0} lives in registers ({1} loads and stores "
                       "gone)",
                       where, slot.accesses.size());
  else
    remark::missed(func.getLoc(), opts)
        << remark::reason("slot {0} stays: {1}", where, why);
}

void SlotPromotion::run() {
  // The model names values: build it again after each promotion, which
  // erases some and creates others.
  std::optional<MemoryModel> model;
  model.emplace(func, &areas);
  SmallVector<Slot> candidates = findCandidates(*model);
  for (Slot &candidate : candidates) {
    std::string why = whyNot(candidate, *model);
    if (why.empty()) {
      std::string what;
      llvm::raw_string_ostream os(what);
      os << "promote ";
      candidate.loc.print(os);
      if (!grey::shouldApplyRewrite(func, kPassName, what))
        continue;
      why = promote(candidate);
      if (why.empty())
        model.emplace(func, &areas);
    }
    remark(candidate, why);
  }
}

struct PromoteStackSlotsPass
    : public grey::pvm::impl::PVMPromoteStackSlotsBase<PromoteStackSlotsPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    grey::gas::CostOptions costs = optimizerCostOptionsFor(program);
    StackArgumentAreas areas(program);
    for (FuncOp func : program.getOps<FuncOp>())
      SlotPromotion(func, areas, costs).run();
  }
};

} // namespace
