//===- Pipelines.cpp - grey's named pass pipelines ------------------------===//
//
// What each optimization level runs.
//
//===----------------------------------------------------------------------===//

#include "grey/Pipelines/Pipelines.h"

#include "grey/Conversion/Passes.h"
#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace {

using PassFactory = std::unique_ptr<Pass> (*)();

/// An optimization pass and the lowest level that runs it.
struct OptionalPass {
  PassFactory create;
  grey::OptLevel from = grey::OptLevel::O0;
};

/// The optimization passes, in pipeline order. Each can be switched off by
/// its argument (`grey-compile --disable-pass=NAME`); a new optimization
/// pass is added here and shows up in `--list-passes` and the benchmark
/// report without further changes.
const OptionalPass kOptionalPasses[] = {
    {[] { return grey::pvm::createPVMFoldConstants(); }},
    // Last: it sizes the stack the final code uses.
    {[] { return grey::pvm::createPVMSizeStack(); }, grey::OptLevel::O1},
};

} // namespace

std::optional<grey::OptLevel> grey::parseOptLevel(llvm::StringRef text) {
  return llvm::StringSwitch<std::optional<OptLevel>>(text.trim())
      .Case("O0", OptLevel::O0)
      .Case("O1", OptLevel::O1)
      .Case("O2", OptLevel::O2)
      .Default(std::nullopt);
}

std::vector<std::string> grey::optionalPassNames() {
  std::vector<std::string> names;
  for (const OptionalPass &pass : kOptionalPasses)
    names.push_back(pass.create()->getArgument().str());
  return names;
}

llvm::Error grey::checkDisabledPasses(llvm::ArrayRef<std::string> disabled) {
  std::vector<std::string> known = optionalPassNames();
  for (const std::string &name : disabled) {
    if (llvm::is_contained(known, name))
      continue;
    std::string list = llvm::join(known, ", ");
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot disable pass '" + name + "': the passes that can be disabled "
            "are " + (list.empty() ? std::string("(none)") : list));
  }
  return llvm::Error::success();
}

llvm::Error grey::buildPipeline(OpPassManager &pm, OptLevel level,
                                llvm::ArrayRef<std::string> disabled,
                                const MemoryLayoutOptions &layout) {
  if (llvm::Error err = checkDisabledPasses(disabled))
    return err;
  // Every level starts with the reference-equivalent translation: the
  // instruction selection and the reference's constant fusions, done right.
  // The optimization passes are added here, per level, as they land.
  ConvertRISCVToPVMOptions memory;
  memory.stackSize = layout.stackSize.value_or(0);
  if (layout.heapPages)
    memory.heapSize = *layout.heapPages * pvm::kPageSize;
  else if (level != OptLevel::O0)
    memory.heapSize = 0;
  memory.argsPages = layout.argsPages;
  pm.addPass(createConvertRISCVToPVM(memory));
  for (const OptionalPass &optional : kOptionalPasses) {
    std::unique_ptr<Pass> pass = optional.create();
    bool sizesStack = pass->getArgument() == "pvm-size-stack";
    if (level >= optional.from &&
        !llvm::is_contained(disabled, pass->getArgument().str()) &&
        !(sizesStack && layout.stackSize))
      pm.addPass(std::move(pass));
  }
  // A cheap check that no rewrite put two live values in one register.
  pm.addPass(pvm::createPVMVerifyRegisters());
  return llvm::Error::success();
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
        if (llvm::Error err = buildPipeline(pm, *level))
          return errorHandler(llvm::toString(std::move(err)));
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)>) {});
}
