//===- TestPrintLiveness.cpp - pvm-test-print-liveness ----------------------===//
//
// Prints RegisterLiveness for lit tests.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "llvm/Support/raw_ostream.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMTESTPRINTLIVENESS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// Ops that hand control to code elsewhere and come back or leave: the
/// interesting ones for "live across".
bool leavesFunction(Operation *op) {
  return isa<CallOp, CallIndirectOp, TailCallOp, EcalliOp, EcallOp, JumpIndOp>(
      op);
}

struct TestPrintLivenessPass
    : public grey::pvm::impl::PVMTestPrintLivenessBase<TestPrintLivenessPass> {
  void runOnOperation() override {
    FuncOp func = getOperation();
    const RegisterLiveness &liveness = getAnalysis<RegisterLiveness>();
    llvm::raw_ostream &os = llvm::outs();
    os << "liveness of @" << func.getSymName() << "\n";
    unsigned index = 0;
    for (Block &block : func.getBody()) {
      os << "^bb" << index++ << ": in ";
      liveness.getLiveIn(&block).print(os);
      os << " out ";
      liveness.getLiveOut(&block).print(os);
      os << "\n";
      for (Operation &op : block) {
        os << "  " << op.getName().getStringRef() << ": before ";
        liveness.getLiveBefore(&op).print(os);
        os << " after ";
        liveness.getLiveAfter(&op).print(os);
        if (leavesFunction(&op)) {
          os << " across ";
          liveness.getLiveAcross(&op).print(os);
        }
        os << "\n";
      }
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
