//===- TestPrintMemoryModel.cpp - pvm-test-print-memory-model --------------===//
//
// Prints the memory model's answers for lit tests.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "llvm/Support/raw_ostream.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMTESTPRINTMEMORYMODEL
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

void printArea(llvm::raw_ostream &os, std::optional<int64_t> area) {
  if (area)
    os << *area;
  else
    os << "unbounded";
}

struct TestPrintMemoryModelPass
    : public grey::pvm::impl::PVMTestPrintMemoryModelBase<
          TestPrintMemoryModelPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    StackArgumentAreas areas(program);
    llvm::raw_ostream &os = llvm::outs();
    for (FuncOp func : program.getOps<FuncOp>()) {
      MemoryModel model(func, &areas);
      SafeAccesses safe(func);
      os << "memory model of @" << func.getSymName() << ": frame "
         << (model.frameEscapes() ? "escapes" : "private")
         << ", stack arguments ";
      printArea(os, areas.lookup(func.getSymName()));
      os << "\n";

      SmallVector<std::pair<Operation *, MemoryLocation>> accesses;
      func.walk([&](Operation *op) {
        if (std::optional<MemoryLocation> loc = model.getLocation(op))
          accesses.push_back({op, *loc});
      });
      unsigned index = 0;
      func.walk([&](Operation *op) {
        if (std::optional<MemoryLocation> loc = model.getLocation(op)) {
          os << "  #" << index << " " << op->getName().getStringRef() << ": ";
          loc->print(os);
          if (model.isPrivate(*loc))
            os << " private";
          if (safe.contains(op))
            os << " safe";
          os << "; aliases";
          for (unsigned j = 0; j < index; ++j)
            if (model.mayAlias(*loc, accesses[j].second))
              os << " #" << j;
          os << "\n";
          ++index;
          return;
        }
        if (!leavesForOtherCode(op))
          return;
        os << "  " << op->getName().getStringRef();
        if (auto area = model.calleeFrameArea(op))
          os << " (callee area frame" << area->first << " size "
             << area->second << ")";
        os << ": may access";
        for (unsigned j = 0; j < accesses.size(); ++j)
          if (model.mayAccess(op, accesses[j].second))
            os << " #" << j;
        os << "\n";
      });
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
