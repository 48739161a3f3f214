//===- Pipelines.cpp - grey's named pass pipelines ------------------------===//
//
// What each optimization level runs.
//
//===----------------------------------------------------------------------===//

#include "grey/Pipelines/Pipelines.h"

#include "grey/Conversion/Passes.h"
#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace {

/// Makes a pass; passes that decide by gas cost take the model to decide
/// with.
using PassFactory = std::unique_ptr<Pass> (*)(grey::GasModel);

/// The `gas-model` option value of a pass that has one.
std::string gasModelName(grey::GasModel model) {
  return model == grey::GasModel::Latency ? "latency" : "consensus";
}

/// An optimization pass and the lowest level that runs it.
struct OptionalPass {
  PassFactory create;
  grey::OptLevel minLevel;
  /// Where it runs: with the optimizations; on allocated code, before the
  /// hazard legalization; or after it, on the final code.
  enum class Phase { Optimize, Allocated, Finalize } phase = Phase::Optimize;
};

/// The optimization passes, in pipeline order. Each can be switched off by
/// its argument (`grey-compile --disable-pass=NAME`); a new optimization
/// pass is added here and shows up in `--list-passes` and the benchmark
/// report without further changes. -O0 runs only the reference's own
/// fusions, so it stays the reference-equivalent translation.
const OptionalPass kOptionalPasses[] = {
    {[](grey::GasModel) { return grey::pvm::createPVMFoldConstants(); },
     grey::OptLevel::O0},
    {[](grey::GasModel) { return grey::pvm::createPVMSubstituteBuiltins(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMInline(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMRemoveDeadFunctions(); },
     grey::OptLevel::O1},
    {[](grey::GasModel) {
       return grey::pvm::createPVMInterproceduralRegisters();
     }, grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMFormTailCalls(); },
     grey::OptLevel::O2},
    // Memory (docs/Optimizer.md): after the call passes, which change what
    // a call may touch, and before DCE, which removes what they free.
    {[](grey::GasModel) { return grey::pvm::createPVMForwardLoads(); },
     grey::OptLevel::O1},
    {[](grey::GasModel) { return grey::pvm::createPVMPromoteStackSlots(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMEliminateDeadStores(); },
     grey::OptLevel::O1},
    {[](grey::GasModel) { return grey::pvm::createPVMDeadCodeElimination(); },
     grey::OptLevel::O1},
    // Control flow (docs/ControlFlow.md), on unallocated code: longer gas
    // blocks, then the order that lets likely successors fall through, then
    // cheap cold branches.
    {[](grey::GasModel) { return grey::pvm::createPVMFormSuperblocks(); },
     grey::OptLevel::O1},
    {[](grey::GasModel) { return grey::pvm::createPVMIfConvert(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) {
       return grey::pvm::createPVMLoopInvariantCodeMotion();
     },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMUnrollCounted(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMUnrollLoops(); },
     grey::OptLevel::O2},
    {[](grey::GasModel) { return grey::pvm::createPVMLayoutBlocks(); },
     grey::OptLevel::O1},
    {[](grey::GasModel) { return grey::pvm::createPVMMarkColdPaths(); },
     grey::OptLevel::O2},
    // Trades gas for bytes on rarely run returns: after the superblocks'
    // tail duplication, on allocated code where registers are known.
    {[](grey::GasModel) { return grey::pvm::createPVMShareEpilogues(); },
     grey::OptLevel::O2, OptionalPass::Phase::Allocated},
    {[](grey::GasModel model) {
       return grey::pvm::createPVMChooseForms({gasModelName(model)});
     }, grey::OptLevel::O2,
     OptionalPass::Phase::Allocated},
    {[](grey::GasModel model) {
       return grey::pvm::createPVMSchedule({gasModelName(model)});
     }, grey::OptLevel::O2,
     OptionalPass::Phase::Allocated},
    // Sizes the stack the final code uses, so after everything that may
    // touch the stack (the hazard legalization may lend a register through
    // a slot below the stack pointer).
    {[](grey::GasModel) { return grey::pvm::createPVMSizeStack(); }, grey::OptLevel::O1,
     OptionalPass::Phase::Finalize},
};

/// Adds `pass` where it runs: nested into every function when it is anchored
/// on pvm.func, into the program when anchored on pvm.program, on the whole
/// module otherwise.
void addPass(OpPassManager &pm, std::unique_ptr<Pass> pass) {
  if (pass->getOpName() == grey::pvm::FuncOp::getOperationName())
    pm.nest<grey::pvm::ProgramOp>().nest<grey::pvm::FuncOp>().addPass(
        std::move(pass));
  else if (pass->getOpName() == grey::pvm::ProgramOp::getOperationName())
    pm.nest<grey::pvm::ProgramOp>().addPass(std::move(pass));
  else
    pm.addPass(std::move(pass));
}

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
    names.push_back(pass.create(GasModel::Consensus)->getArgument().str());
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

llvm::Error
grey::buildPipeline(OpPassManager &pm, OptLevel level,
                    llvm::ArrayRef<std::string> disabled,
                    const MemoryLayoutOptions &layout, GasModel gasModel,
                    std::shared_ptr<const pvm::GuestProfile> profile) {
  if (llvm::Error err = checkDisabledPasses(disabled))
    return err;
  // Every level starts with the reference-equivalent translation: the
  // instruction selection and the reference's constant fusions, done right.
  ConvertRISCVToPVMOptions memory;
  memory.stackSize = layout.stackSize.value_or(0);
  if (layout.heapPages)
    memory.heapSize = *layout.heapPages * pvm::kPageSize;
  else if (level != OptLevel::O0)
    memory.heapSize = 0;
  memory.argsPages = layout.argsPages;
  pm.addPass(createConvertRISCVToPVM(memory));
  if (profile)
    pm.addPass(pvm::createPVMAttachProfile(std::move(profile)));
  auto addOptional = [&](OptionalPass::Phase phase) {
    for (const OptionalPass &optional : kOptionalPasses) {
      if (optional.phase != phase || level < optional.minLevel)
        continue;
      std::unique_ptr<Pass> pass = optional.create(gasModel);
      bool sizesStack = pass->getArgument() == "pvm-size-stack";
      if (!llvm::is_contained(disabled, pass->getArgument().str()) &&
          !(sizesStack && layout.stackSize))
        addPass(pm, std::move(pass));
    }
  };
  addOptional(OptionalPass::Phase::Optimize);
  // Registers for the values the optimizations left unallocated (none at
  // -O0); a no-op when there are none.
  addPass(pm, pvm::createPVMAllocateRegisters());
  addOptional(OptionalPass::Phase::Allocated);
  // Last of the code changes at every level, and not optional: rewrite
  // what javm's x86-64 recompiler would miscompile, so the blob is right on
  // the kernel's default backend (the blob writer refuses any pattern left).
  pm.addPass(pvm::createPVMLegalizeJITHazards());
  addOptional(OptionalPass::Phase::Finalize);
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
