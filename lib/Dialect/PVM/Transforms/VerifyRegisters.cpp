//===- VerifyRegisters.cpp - pvm-verify-registers ---------------------------===//
//
// Runs the shared register-interference check on every pvm.func.
//
//===----------------------------------------------------------------------===//

#include "grey/Analysis/RegisterInterference.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMVERIFYREGISTERS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

std::optional<unsigned> registerOf(Type type) {
  auto reg = dyn_cast<RegType>(type);
  if (!reg)
    return std::nullopt;
  if (std::optional<Reg> r = reg.getReg())
    return static_cast<unsigned>(*r);
  return std::nullopt;
}

struct VerifyRegistersPass
    : public grey::pvm::impl::PVMVerifyRegistersBase<VerifyRegistersPass> {
  void runOnOperation() override {
    if (failed(grey::verifyRegisterInterferenceInFunctions<FuncOp>(
            getOperation(), registerOf)))
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
