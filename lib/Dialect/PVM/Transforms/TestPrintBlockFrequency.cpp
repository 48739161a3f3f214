//===- TestPrintBlockFrequency.cpp - pvm-test-print-block-frequency -------===//
//
// Prints BlockFrequency for lit tests.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMTESTPRINTBLOCKFREQUENCY
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

struct TestPrintBlockFrequencyPass
    : public grey::pvm::impl::PVMTestPrintBlockFrequencyBase<
          TestPrintBlockFrequencyPass> {
  void runOnOperation() override {
    llvm::raw_ostream &os = llvm::outs();
    getOperation()->walk([&](ProgramOp program) {
      NoReturnFunctions noReturn(program);
      for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
        BlockFrequency frequency(func, &noReturn);
        os << "frequency of @" << func.getSymName()
           << (frequency.hasProfile() ? " (profile)" : " (static)")
           << (noReturn.contains(func.getSymName()) ? ", never returns" : "")
           << "\n";
        llvm::DenseMap<Block *, unsigned> index;
        for (Block &block : func.getBody())
          index[&block] = index.size();
        for (Block &block : func.getBody()) {
          os << "^bb" << index[&block] << ": "
             << llvm::format("%.4g", frequency.getFrequency(&block))
             << (frequency.isCold(&block) ? " cold" : "");
          for (unsigned i = 0; i < block.getNumSuccessors(); ++i)
            os << (i ? ", " : " -> ") << "^bb"
               << index[block.getSuccessor(i)] << " "
               << llvm::format("%.4g", frequency.getProbability(&block, i));
          os << "\n";
        }
      }
    });
  }
};

} // namespace
