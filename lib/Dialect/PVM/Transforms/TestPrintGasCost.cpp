//===- TestPrintGasCost.cpp - pvm-test-print-gas-cost -----------------------===//
//
// Prints the cost query's answer for every block, for lit tests.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "llvm/Support/raw_ostream.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMTESTPRINTGASCOST
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

struct TestPrintGasCostPass
    : public grey::pvm::impl::PVMTestPrintGasCostBase<TestPrintGasCostPass> {
  void runOnOperation() override {
    FuncOp func = getOperation();
    grey::gas::CostOptions options = optimizerCostOptionsFor(func);
    llvm::raw_ostream &os = llvm::outs();
    os << "gas of @" << func.getSymName() << "\n";
    uint64_t total = 0;
    unsigned index = 0;
    for (Block &block : func.getBody()) {
      uint64_t cost = blockCost(&block, options);
      total += cost;
      os << "^bb" << index++ << ": " << cost << "\n";
    }
    os << "total: " << total << "\n";
    markAllAnalysesPreserved();
  }
};

} // namespace
