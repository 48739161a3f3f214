//===- Pipelines.cpp - grey's named pass pipelines ------------------------===//
//
// What each optimization level runs.
//
//===----------------------------------------------------------------------===//

#include "grey/Pipelines/Pipelines.h"

#include "grey/Conversion/Passes.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

std::optional<grey::OptLevel> grey::parseOptLevel(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<OptLevel>>(text.trim())
      .Case("O0", OptLevel::O0)
      .Case("O1", OptLevel::O1)
      .Case("O2", OptLevel::O2)
      .Default(std::nullopt);
}

void grey::buildPipeline(OpPassManager &pm, OptLevel level) {
  // Every level starts with the reference-equivalent translation: the
  // instruction selection and the reference's constant fusions, done right.
  // The optimization passes are added here, per level, as they land.
  (void)level;
  pm.addPass(createConvertRISCVToPVM());
  pm.addPass(pvm::createPVMFoldConstants());
  // A cheap check that no rewrite put two live values in one register.
  pm.addPass(pvm::createPVMVerifyRegisters());
}

void grey::registerPipelines() {
  registerPassPipeline(
      "grey-pipeline",
      "translate a riscv.program into a pvm.program at an optimization "
      "level: --grey-pipeline=O0|O1|O2",
      [](OpPassManager &pm, StringRef options,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        std::optional<OptLevel> level = parseOptLevel(options);
        if (!level)
          return errorHandler("unknown optimization level '" + options +
                              "' (expected O0, O1 or O2)");
        buildPipeline(pm, *level);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)>) {});
}
