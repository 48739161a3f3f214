//===- CallRegisters.cpp - registers functions read and write -------------===//

#include "grey/Dialect/PVM/Analysis/CallRegisters.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"

using namespace mlir;
using namespace grey::pvm;

RegisterSet grey::pvm::argumentRegisters() {
  RegisterSet set;
  for (Reg reg : {Reg::R7, Reg::R8, Reg::R9, Reg::R10, Reg::R11, Reg::R12})
    set.insert(reg);
  return set;
}

RegisterSet grey::pvm::callerSavedRegisters() {
  RegisterSet set = argumentRegisters();
  for (Reg reg : {Reg::R2, Reg::R3, Reg::R4})
    set.insert(reg);
  return set;
}

llvm::DenseSet<Value> grey::pvm::entryValues(FuncOp func) {
  llvm::DenseSet<Value> values;
  Block *entry = &func.getBody().front();
  for (auto get : entry->getOps<GetRegisterOp>())
    values.insert(get.getResult());
  // A greatest fixpoint: assume every block argument fed only by branches
  // holds its entry value, then drop those with another incoming value
  // until none changes (a loop that passes the value around keeps it).
  SmallVector<BlockArgument> candidates;
  for (Block &block : func.getBody()) {
    if (&block == entry)
      continue;
    bool branchesOnly = llvm::all_of(block.getPredecessors(), [](Block *pred) {
      return isa<BranchOpInterface>(pred->getTerminator());
    });
    if (!branchesOnly)
      continue;
    for (BlockArgument arg : block.getArguments())
      if (registerOf(arg.getType())) {
        candidates.push_back(arg);
        values.insert(arg);
      }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (BlockArgument arg : candidates) {
      if (!values.contains(arg))
        continue;
      Block *block = arg.getOwner();
      for (auto it = block->pred_begin(), e = block->pred_end(); it != e;
           ++it) {
        auto branch = cast<BranchOpInterface>((*it)->getTerminator());
        Value passed =
            branch.getSuccessorOperands(it.getSuccessorIndex())[arg.getArgNumber()];
        if (!passed || passed.getType() != arg.getType() ||
            !values.contains(passed)) {
          values.erase(arg);
          changed = true;
          break;
        }
      }
    }
  }
  return values;
}

CallRegisters::CallRegisters(ProgramOp program, const ProgramCallGraph &graph) {
  RegisterSet callerSaved = callerSavedRegisters();
  RegisterSet arguments = argumentRegisters();
  llvm::DenseMap<FuncOp, llvm::DenseSet<Value>> entries;
  for (FuncOp func : graph.getFunctions())
    entries[func] = entryValues(func);

  auto calleeOf = [&](Operation *op) -> FuncOp {
    if (auto call = dyn_cast<CallOp>(op))
      return graph.lookup(call.getCalleeAttr());
    if (auto tail = dyn_cast<TailCallOp>(op))
      return graph.lookup(tail.getCalleeAttr());
    return nullptr;
  };

  for (bool changed = true; changed;) {
    changed = false;
    for (FuncOp func : graph.getFunctions()) {
      const llvm::DenseSet<Value> &fromEntry = entries[func];
      Summary summary;
      // Reads: an entry value of an argument register used for real.
      auto isRead = [&](OpOperand &use) {
        Operation *user = use.getOwner();
        if (isa<CallOp, TailCallOp>(user)) {
          FuncOp callee = calleeOf(user);
          std::optional<Reg> reg = registerOf(use.get().getType());
          return !callee || summaries.lookup(callee).reads.contains(*reg);
        }
        if (auto branch = dyn_cast<BranchOpInterface>(user))
          if (std::optional<BlockArgument> arg =
                  branch.getSuccessorBlockArgument(use.getOperandNumber()))
            return !fromEntry.contains(*arg);
        return true;
      };
      for (Value value : fromEntry) {
        std::optional<Reg> reg = registerOf(value.getType());
        if (reg && arguments.contains(*reg) &&
            llvm::any_of(value.getUses(), isRead))
          summary.reads.insert(*reg);
      }
      // Writes.
      func.walk([&](Operation *op) {
        if (auto get = dyn_cast<GetRegisterOp>(op)) {
          // Machine state read after the entry: whatever the register holds.
          if (get->getBlock() != &func.getBody().front() && !get->use_empty())
            summary.reads.insert(get.getType());
          return;
        }
        if (isa<CallOp, TailCallOp>(op)) {
          FuncOp callee = calleeOf(op);
          summary.writes |=
              callee ? summaries.lookup(callee).writes : callerSaved;
          return;
        }
        if (isa<CallIndirectOp, LoadImmJumpIndOp>(op) ||
            (isa<JumpIndOp>(op) && !isReturn(cast<JumpIndOp>(op)) &&
             cast<JumpIndOp>(op).getTargets().empty())) {
          summary.writes |= callerSaved;
          return;
        }
        summary.writes.insert(op->getResults());
        for (Region &region : op->getRegions())
          for (Block &block : region)
            for (BlockArgument arg : block.getArguments())
              if (!fromEntry.contains(arg))
                summary.writes.insert(arg.getType());
      });
      summary.reads = summary.reads & arguments;
      summary.writes = summary.writes & callerSaved;
      Summary &old = summaries[func];
      // Both only grow, so the iteration ends.
      if (old.reads != (old.reads | summary.reads) ||
          old.writes != (old.writes | summary.writes)) {
        old.reads |= summary.reads;
        old.writes |= summary.writes;
        changed = true;
      }
    }
  }
}
