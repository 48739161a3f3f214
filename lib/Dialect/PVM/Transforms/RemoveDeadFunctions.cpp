//===- RemoveDeadFunctions.cpp - pvm-remove-dead-functions ----------------===//
//
// Functions that no call, tail call or code pointer can reach are not
// emitted.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/JumpTableEntries.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/Remarks.h"
#include "llvm/ADT/DenseSet.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMREMOVEDEADFUNCTIONS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

struct RemoveDeadFunctionsPass
    : public grey::pvm::impl::PVMRemoveDeadFunctionsBase<
          RemoveDeadFunctionsPass> {
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) { removeDead(program); });
  }

  void removeDead(ProgramOp program) {
    ProgramCallGraph graph(program);
    llvm::DenseSet<FuncOp> reached;
    SmallVector<FuncOp> worklist;
    auto reach = [&](FuncOp func) {
      if (func && reached.insert(func).second)
        worklist.push_back(func);
    };
    for (FuncOp func : graph.getFunctions())
      if (graph.isEntry(func) || graph.isAddressTaken(func))
        reach(func);
    while (!worklist.empty())
      for (FuncOp callee : graph.getCallees(worklist.pop_back_val()))
        reach(callee);

    JumpTableEntries table(program);
    for (FuncOp func : graph.getFunctions()) {
      if (reached.contains(func) ||
          !grey::shouldApplyRewrite(func, getArgument(),
                                    "remove the unreachable function"))
        continue;
      SmallVector<JumpTableEntryOp> entries;
      func.walk([&](JumpTableEntryOp entry) { entries.push_back(entry); });
      for (JumpTableEntryOp entry : entries)
        table.retire(entry);
      remark::passed(func.getLoc(),
                     remark::RemarkOpts::name("Removed").category(
                         getArgument()))
          << remark::add("removed @{0}: no call, tail call or code pointer "
                         "reaches it",
                         func.getSymName());
      func.erase();
    }
  }
};

} // namespace
