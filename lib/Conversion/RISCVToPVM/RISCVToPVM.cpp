//===- RISCVToPVM.cpp - the riscv to pvm conversion pass ------------------===//
//
// The pass: instructions that need a scratch register are expanded
// (ScratchInstructions.cpp), the program structure is rebuilt
// (ProgramStructure.cpp), then one conversion pattern per instruction
// converts the rest (InstructionSelection.cpp).
//
//===----------------------------------------------------------------------===//

#include "ProgramStructure.h"
#include "ScratchInstructions.h"

#include "grey/Conversion/Passes.h"
#include "grey/Conversion/RISCVToPVM.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/RISCV/RISCVOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLExtras.h"

namespace grey {
#define GEN_PASS_DEF_CONVERTRISCVTOPVM
#include "grey/Conversion/Passes.h.inc"
} // namespace grey

using namespace mlir;
using namespace grey;
namespace rv = grey::riscv;

namespace {

struct ConvertRISCVToPVMPass
    : public grey::impl::ConvertRISCVToPVMBase<ConvertRISCVToPVMPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    RISCVToPVMTypeConverter converter;
    bool failedScratch = false;
    module.walk([&](rv::FuncOp func) {
      failedScratch |= failed(expandScratchInstructions(func));
    });
    if (failedScratch)
      return signalPassFailure();

    for (auto program :
         llvm::make_early_inc_range(module.getOps<rv::ProgramOp>()))
      if (failed(rebuildProgram(program, converter, stackSize, heapSize,
                                argsPages)))
        return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    populateRISCVToPVMPatterns(converter, patterns);
    ConversionTarget target(getContext());
    target.addIllegalDialect<rv::RISCVDialect>();
    target.addLegalDialect<pvm::PVMDialect>();
    target.addLegalOp<ModuleOp>();
    target.addDynamicallyLegalOp<pvm::FuncOp>([&](pvm::FuncOp func) {
      for (Block &block : func.getBody())
        if (!converter.isLegal(block.getArgumentTypes()))
          return false;
      return true;
    });
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    // x0 reads became unallocated constants; the x0 forms left them dead.
    WalkResult walk = module.walk([](Operation *op) {
      if (isa<pvm::LoadImmOp>(op) && op->use_empty() &&
          !cast<pvm::RegType>(op->getResult(0).getType()).isAllocated()) {
        op->erase();
        return WalkResult::skip();
      }
      for (Value result : op->getResults())
        if (auto reg = dyn_cast<pvm::RegType>(result.getType());
            reg && !reg.isAllocated())
          return WalkResult(op->emitOpError(
              "uses x0 where no PVM form takes an immediate 0"));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
