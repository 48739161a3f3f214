//===- VerifyRegisters.cpp - riscv-verify-registers ---------------------------===//
//
// Runs the shared register-interference check on every riscv.func.
//
//===----------------------------------------------------------------------===//

#include "grey/Analysis/RegisterInterference.h"
#include "grey/Dialect/RISCV/RISCVOps.h"
#include "grey/Dialect/RISCV/RISCVPasses.h"

namespace grey::riscv {
#define GEN_PASS_DEF_RISCVVERIFYREGISTERS
#include "grey/Dialect/RISCV/RISCVPasses.h.inc"
} // namespace grey::riscv

using namespace mlir;
using namespace grey::riscv;

namespace {

std::optional<unsigned> registerOf(Type type) {
  auto reg = dyn_cast<RegType>(type);
  if (!reg)
    return std::nullopt;
  // x0 holds no value: every read of it is its own constant.
  if (reg.getReg() == Reg::Zero)
    return std::nullopt;
  return static_cast<unsigned>(reg.getReg());
}

struct VerifyRegistersPass
    : public grey::riscv::impl::RISCVVerifyRegistersBase<VerifyRegistersPass> {
  void runOnOperation() override {
    if (failed(grey::verifyRegisterInterferenceInFunctions<FuncOp>(
            getOperation(), registerOf)))
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
