//===- InterproceduralRegisters.cpp - pvm-interprocedural-registers -------===//
//
// Direct calls and tail calls name only the registers their callee really
// reads and writes (CallRegisters); a callee that leaves a caller-saved
// register alone says so in its returns, so no later pass in it may take
// that register.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/Analysis/CallRegisters.h"
#include "grey/Dialect/PVM/Analysis/StackDepth.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMINTERPROCEDURALREGISTERS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// The block argument a branch hands `use`'s value to, if `use` is a
/// successor operand.
std::optional<BlockArgument> forwardedTo(OpOperand &use) {
  auto branch = dyn_cast<BranchOpInterface>(use.getOwner());
  if (!branch)
    return std::nullopt;
  return branch.getSuccessorBlockArgument(use.getOperandNumber());
}

/// Drops the operands of `uses` in argument registers outside `reads`.
void keepOnlyRead(MutableOperandRange uses, RegisterSet reads) {
  RegisterSet arguments = argumentRegisters();
  for (int i = int(uses.size()) - 1; i >= 0; --i) {
    std::optional<Reg> reg = registerOf(uses[i].get().getType());
    if (reg && arguments.contains(*reg) && !reads.contains(*reg))
      uses.erase(i);
  }
}

/// Makes `func` hand back the registers of `kept` unchanged at every return
/// and tail call, so that its direct callers may keep values there. Its code
/// writes none of them: every value of those registers is the entry value,
/// which becomes one `get_register` in the entry block.
void handBack(FuncOp func, RegisterSet kept) {
  Block *entry = &func.getBody().front();
  llvm::DenseSet<Value> fromEntry = entryValues(func);
  OpBuilder builder(func.getContext());
  builder.setInsertionPointToStart(entry);
  while (!entry->empty() && isa<JumpTableEntryOp>(entry->front()) &&
         builder.getInsertionPoint() != entry->end() &&
         isa<JumpTableEntryOp>(*builder.getInsertionPoint()))
    builder.setInsertionPointAfter(&*builder.getInsertionPoint());

  kept.forEach([&](Reg reg) {
    Type type = RegType::get(func.getContext(), reg);
    Value value;
    for (auto get : entry->getOps<GetRegisterOp>())
      if (get.getType() == type)
        value = get;
    if (!value)
      value = GetRegisterOp::create(builder, func.getLoc(), type);

    // Every other value of the register is the same machine value: an
    // argument that only receives it, or a later read of the register.
    SmallVector<Operation *> reads;
    func.walk([&](GetRegisterOp get) {
      if (get.getResult() != value && get.getType() == type)
        reads.push_back(get);
    });
    for (Operation *get : reads) {
      get->getResult(0).replaceAllUsesWith(value);
      get->erase();
    }
    for (Block &block : func.getBody()) {
      for (int i = int(block.getNumArguments()) - 1; i >= 0; --i) {
        BlockArgument arg = block.getArgument(i);
        if (arg.getType() != type)
          continue;
        assert(fromEntry.contains(arg) && "writes() counted this argument");
        arg.replaceAllUsesWith(value);
        for (auto it = block.pred_begin(), e = block.pred_end(); it != e; ++it)
          cast<BranchOpInterface>((*it)->getTerminator())
              .getSuccessorOperands(it.getSuccessorIndex())
              .erase(i);
        block.eraseArgument(i);
      }
    }

    auto passOn = [&](MutableOperandRange uses) {
      for (OpOperand &use : uses)
        if (use.get().getType() == type)
          return;
      uses.append(value);
    };
    func.walk([&](Operation *op) {
      if (auto ret = dyn_cast<JumpIndOp>(op); ret && isReturn(ret))
        passOn(ret.getUsesMutable());
      else if (auto tail = dyn_cast<TailCallOp>(op))
        passOn(tail.getUsesMutable());
    });
  });
}

/// Where `func` saves the entry value of callee-saved register `reg` and
/// restores it for its returns: the stores of the entry value, and the
/// values (reloads and the block arguments that carry them) its returns and
/// tail calls hand back. Fails when the function uses the entry value for
/// anything else or hands back something else.
struct SaveRestore {
  SmallVector<StoreIndU64Op> saves;
  llvm::SetVector<Value> restored;
};

FailureOr<SaveRestore> findSaveRestore(FuncOp func, Type type) {
  SaveRestore pair;
  llvm::DenseSet<Value> fromEntry = entryValues(func);
  auto isExit = [](Operation *op) {
    auto ret = dyn_cast<JumpIndOp>(op);
    return (ret && isReturn(ret)) || isa<TailCallOp>(op);
  };
  // The entry value may be saved, handed back unchanged or passed along.
  for (Value value : fromEntry) {
    if (value.getType() != type)
      continue;
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (auto store = dyn_cast<StoreIndU64Op>(user);
          store && use.getOperandNumber() == 0) {
        pair.saves.push_back(store);
        continue;
      }
      if (isExit(user))
        continue;
      std::optional<BlockArgument> arg = forwardedTo(use);
      if (!arg || !fromEntry.contains(*arg))
        return failure();
    }
  }
  // What exits hand back: entry values or reloads, through block arguments.
  SmallVector<Value> worklist;
  func.walk([&](Operation *op) {
    if (isExit(op))
      for (Value use : op->getOperands())
        if (use.getType() == type && !fromEntry.contains(use))
          worklist.push_back(use);
  });
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!pair.restored.insert(value))
      continue;
    if (value.getDefiningOp<LoadIndU64Op>())
      continue;
    auto arg = dyn_cast<BlockArgument>(value);
    if (!arg || arg.getOwner()->isEntryBlock())
      return failure();
    Block *block = arg.getOwner();
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      auto branch = dyn_cast<BranchOpInterface>((*it)->getTerminator());
      if (!branch)
        return failure();
      Value passed =
          branch.getSuccessorOperands(it.getSuccessorIndex())[arg.getArgNumber()];
      if (!passed)
        return failure();
      if (!fromEntry.contains(passed))
        worklist.push_back(passed);
    }
  }
  // The restored values go only back out.
  for (Value value : pair.restored)
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (isExit(user))
        continue;
      std::optional<BlockArgument> arg = forwardedTo(use);
      if (!arg || !pair.restored.contains(*arg))
        return failure();
    }
  if (pair.restored.empty())
    return failure();
  return pair;
}

/// Whether removing `save` cannot hide a fault: the stack cannot overflow,
/// or another store of the same block through the same base, at the same
/// or a lower address, stays and no host call lies between them.
bool mayRemoveSave(StoreIndU64Op save, bool stackBounded,
                   const llvm::DenseSet<Operation *> &removed) {
  if (stackBounded)
    return true;
  Block *block = save->getBlock();
  for (auto other : block->getOps<StoreIndU64Op>()) {
    if (other == save || removed.contains(other) ||
        other.getBase() != save.getBase() ||
        other.getOffset() > save.getOffset())
      continue;
    Operation *first = other->isBeforeInBlock(save) ? other : save;
    Operation *last = first == other ? save.getOperation() : other;
    bool hostCallBetween = false;
    for (Operation *op = first->getNextNode(); op != last;
         op = op->getNextNode())
      hostCallBetween |= isa<EcalliOp, EcallOp>(op);
    if (!hostCallBetween)
      return true;
  }
  return false;
}

/// Removes the save and restore `pair` of `type` from `func`: its exits no
/// longer hand the register back.
/// The registers an exit of a function passes on: a return's or a tail
/// call's `uses`.
std::optional<MutableOperandRange> exitUses(Operation *op) {
  if (auto ret = dyn_cast<JumpIndOp>(op); ret && isReturn(ret))
    return ret.getUsesMutable();
  if (auto tail = dyn_cast<TailCallOp>(op))
    return tail.getUsesMutable();
  return std::nullopt;
}

/// Removes the save and restore `pair` of `type` from `func`: its exits no
/// longer hand the register back.
void removeSaveRestore(FuncOp func, Type type, const SaveRestore &pair,
                       bool stackBounded) {
  func.walk([&](Operation *op) {
    std::optional<MutableOperandRange> uses = exitUses(op);
    if (!uses)
      return;
    for (int i = int(uses->size()) - 1; i >= 0; --i)
      if ((*uses)[i].get().getType() == type)
        uses->erase(i);
  });
  // Restored block arguments (last first, so numbers stay valid), then the
  // reloads.
  SmallVector<BlockArgument> args;
  for (Value value : pair.restored)
    if (auto arg = dyn_cast<BlockArgument>(value))
      args.push_back(arg);
  llvm::sort(args, [](BlockArgument a, BlockArgument b) {
    return a.getArgNumber() > b.getArgNumber();
  });
  for (BlockArgument arg : args) {
    Block *block = arg.getOwner();
    unsigned index = arg.getArgNumber();
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it)
      cast<BranchOpInterface>((*it)->getTerminator())
          .getSuccessorOperands(it.getSuccessorIndex())
          .erase(index);
    block->eraseArgument(index);
  }
  for (Value value : pair.restored)
    if (Operation *load = value.getDefiningOp())
      load->erase();
  llvm::DenseSet<Operation *> removed;
  for (StoreIndU64Op save : pair.saves)
    if (mayRemoveSave(save, stackBounded, removed))
      removed.insert(save);
  for (Operation *save : removed)
    save->erase();
}

/// Rebuilds `call` with more results, of `types`, which nothing reads: the
/// registers the callee now clobbers.
void addClobbers(CallOp call, ArrayRef<Type> types) {
  SmallVector<Type> defs(call.getDefs().getTypes());
  llvm::append_range(defs, types);
  OpBuilder builder(call);
  auto wider = CallOp::create(builder, call.getLoc(), call.getLink().getType(),
                              defs, call.getCalleeAttr(), call.getUses(),
                              call.getContinuation());
  wider->setDiscardableAttrs(call->getDiscardableAttrDictionary());
  for (auto [old, now] : llvm::zip(call.getResults(), wider.getResults()))
    old.replaceAllUsesWith(now);
  call.erase();
}

struct InterproceduralRegistersPass
    : public grey::pvm::impl::PVMInterproceduralRegistersBase<
          InterproceduralRegistersPass> {
  void removeUnneededSaves(ProgramOp program);

  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) { rewrite(program); });
  }

  void rewrite(ProgramOp program) {
    ProgramCallGraph graph(program);
    CallRegisters summaries(program, graph);
    RegisterSet callerSaved = callerSavedRegisters();

    // Callees that hand back what they leave alone, and direct calls that
    // then clobber only what the callee writes.
    for (FuncOp callee : graph.getFunctions()) {
      RegisterSet kept = callerSaved - summaries.writes(callee);
      SmallVector<CallOp> calls;
      for (Operation *site : graph.getCallSites(callee))
        if (auto call = dyn_cast<CallOp>(site))
          calls.push_back(call);
      if (!kept.empty() && !calls.empty() &&
          grey::shouldApplyRewrite(callee, getArgument(),
                                   "hand back the registers it leaves alone"))
        handBack(callee, kept);
      else
        kept = RegisterSet();

      for (CallOp call : calls) {
        RegisterSet reads = summaries.reads(callee);
        if (!grey::shouldApplyRewrite(call, getArgument(),
                                      ("name what @" + callee.getSymName() +
                                       " reads and writes at a call")
                                          .str()))
          continue;
        keepOnlyRead(call.getUsesMutable(), reads);
        if (kept.empty())
          continue;
        SmallVector<Type> defs;
        SmallVector<Value> oldDefs;
        Block *cont = call.getContinuation();
        OpBuilder atReturn(cont, cont->begin());
        while (isa<JumpTableEntryOp>(*atReturn.getInsertionPoint()))
          atReturn.setInsertionPointAfter(&*atReturn.getInsertionPoint());
        for (Value def : call.getDefs()) {
          std::optional<Reg> reg = registerOf(def.getType());
          if (!reg || !kept.contains(*reg)) {
            defs.push_back(def.getType());
            oldDefs.push_back(def);
            continue;
          }
          // The register still holds what it held before the call (code
          // that passes a clobbered register on reads it so).
          if (!def.use_empty())
            def.replaceAllUsesWith(
                GetRegisterOp::create(atReturn, call.getLoc(), def.getType()));
        }
        OpBuilder builder(call);
        auto narrowed = CallOp::create(
            builder, call.getLoc(), call.getLink().getType(), defs,
            call.getCalleeAttr(), call.getUses(), call.getContinuation());
        narrowed->setDiscardableAttrs(call->getDiscardableAttrDictionary());
        call.getLink().replaceAllUsesWith(narrowed.getLink());
        for (auto [old, now] : llvm::zip_equal(oldDefs, narrowed.getDefs()))
          old.replaceAllUsesWith(now);
        call.erase();
      }
    }
    removeUnneededSaves(program);
    for (FuncOp caller : graph.getFunctions())
      caller.walk([&](TailCallOp tail) {
        if (FuncOp callee = graph.lookup(tail.getCalleeAttr()))
          if (grey::shouldApplyRewrite(tail, getArgument(),
                                       ("name what @" + callee.getSymName() +
                                        " reads at a tail call")
                                           .str()))
            keepOnlyRead(tail.getUsesMutable(), summaries.reads(callee));
      });
  }
};

/// A function saves s0 or s1 (r5, r6) only for its callers. Where no caller
/// keeps a value there across the call (and no caller of a function that
/// tail-calls it does), the save and restore go, and the calls name the
/// register among what they clobber.
void InterproceduralRegistersPass::removeUnneededSaves(ProgramOp program) {
  ProgramCallGraph graph(program);
  llvm::DenseMap<FuncOp, std::unique_ptr<Liveness>> liveness;
  auto livenessOf = [&](FuncOp func) -> Liveness & {
    auto &entry = liveness[func];
    if (!entry)
      entry = std::make_unique<Liveness>(func);
    return *entry;
  };
  FuncOp start = graph.lookup(program.getEntryAttr());
  bool stackBounded =
      start && StackDepthAnalysis(program).depthFrom(start).bytes.has_value();

  struct Plan {
    Type type;
    llvm::DenseSet<FuncOp> unneeded;
  };
  SmallVector<Plan> plans;
  for (Reg reg : {Reg::R5, Reg::R6}) {
    Type type = RegType::get(program.getContext(), reg);
    llvm::DenseSet<FuncOp> needed;
    for (FuncOp func : graph.getFunctions()) {
      ArrayRef<Operation *> sites = graph.getCallSites(func);
      bool kept = graph.isAddressTaken(func) || graph.isEntry(func) ||
                  sites.empty();
      for (Operation *site : sites)
        if (auto call = dyn_cast<CallOp>(site)) {
          auto caller = call->getParentOfType<FuncOp>();
          for (Value live :
               livenessOf(caller).getLiveIn(call.getContinuation()))
            kept |= live.getType() == type;
        }
      if (kept)
        needed.insert(func);
    }
    // A tail call hands the callee its caller's callers.
    for (bool changed = true; changed;) {
      changed = false;
      for (FuncOp func : graph.getFunctions())
        for (Operation *site : graph.getCallSites(func))
          if (isa<TailCallOp>(site) &&
              needed.contains(site->getParentOfType<FuncOp>()) &&
              needed.insert(func).second)
            changed = true;
    }
    Plan plan{type, {}};
    for (FuncOp func : graph.getFunctions())
      if (!needed.contains(func))
        plan.unneeded.insert(func);
    plans.push_back(std::move(plan));
  }
  liveness.clear();

  llvm::MapVector<FuncOp, SmallVector<Type>> newClobbers;
  for (const Plan &plan : plans) {
    llvm::DenseSet<FuncOp> clobbering;
    for (FuncOp func : graph.getFunctions()) {
      if (!plan.unneeded.contains(func))
        continue;
      FailureOr<SaveRestore> pair = findSaveRestore(func, plan.type);
      if (failed(pair) ||
          !grey::shouldApplyRewrite(func, getArgument(),
                                    "drop a callee-saved register's save"))
        continue;
      removeSaveRestore(func, plan.type, *pair, stackBounded);
      clobbering.insert(func);
      remark::passed(func.getLoc(), remark::RemarkOpts::name("SaveRemoved")
                                        .category(getArgument()))
          << remark::add("@{0} no longer saves {1}: no caller keeps a value "
                         "there across a call to it",
                         func.getSymName(),
                         stringifyReg(*registerOf(plan.type)));
    }
    // Whoever tail-calls a function that now clobbers the register clobbers
    // it too.
    SmallVector<FuncOp> worklist(clobbering.begin(), clobbering.end());
    while (!worklist.empty())
      for (Operation *site : graph.getCallSites(worklist.pop_back_val()))
        if (isa<TailCallOp>(site))
          if (auto caller = site->getParentOfType<FuncOp>();
              clobbering.insert(caller).second)
            worklist.push_back(caller);
    for (FuncOp func : graph.getFunctions())
      if (clobbering.contains(func))
        newClobbers[func].push_back(plan.type);
  }
  // Last: this replaces the calls the call graph points at.
  for (auto &[func, types] : newClobbers)
    for (Operation *site : graph.getCallSites(func))
      if (auto call = dyn_cast<CallOp>(site))
        addClobbers(call, types);
}

} // namespace
