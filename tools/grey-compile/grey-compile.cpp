//===- grey-compile.cpp - ELF in, JAR v2 blob out -------------------------===//
//
// The one-shot driver: imports a RISC-V ELF, runs the pipeline of the chosen
// optimization level and writes the blob (or the IR, for inspection).
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/InitAllDialects.h"
#include "grey/InitAllPasses.h"
#include "grey/Pipelines/Pipelines.h"
#include "grey/Pipelines/ProfileUse.h"
#include "grey/Support/OptBisect.h"
#include "grey/Support/CommandLine.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/ELF/ImportRISCVELF.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace {

enum class Emit { Blob, PVM, RISCV };

cl::OptionCategory compileCategory("grey-compile options");

cl::opt<std::string> inputFilename(cl::Positional,
                                   cl::desc("<RISC-V ELF executable>"),
                                   cl::cat(compileCategory));
cl::opt<std::string> outputFilename("o", cl::desc("output file"),
                                    cl::value_desc("file"), cl::init("-"),
                                    cl::cat(compileCategory));
cl::opt<grey::OptLevel> optLevel(
    cl::desc("optimization level (default -O2; grey optimizes gas and has no "
             "size level, so -Os and -Oz are errors):"),
    cl::values(clEnumValN(grey::OptLevel::O0, "O0",
                          "reference-equivalent translation"),
               clEnumValN(grey::OptLevel::O1, "O1", "optimize"),
               clEnumValN(grey::OptLevel::O2, "O2", "optimize more"),
               clEnumValN(grey::OptLevel::O2, "O3",
                          "the same as -O2, grey's highest level")),
    cl::init(grey::OptLevel::O2), cl::cat(compileCategory));
cl::opt<Emit> emit(
    "emit", cl::desc("what to write (default: blob)"),
    cl::values(clEnumValN(Emit::Blob, "blob", "the JAR v2 blob"),
               clEnumValN(Emit::PVM, "pvm", "the pvm IR before export"),
               clEnumValN(Emit::RISCV, "riscv", "the imported riscv IR")),
    cl::init(Emit::Blob), cl::cat(compileCategory));
cl::opt<std::string> capLayout(
    "cap-layout",
    cl::desc("kernel cap layout of the blob: current (default) or legacy"),
    cl::init("current"), cl::cat(compileCategory));
cl::list<std::string> disabledPasses(
    "disable-pass",
    cl::desc("leave this optimization pass out of the pipeline (repeatable, "
             "comma separated; --list-passes shows the names)"),
    cl::value_desc("name"), cl::CommaSeparated, cl::cat(compileCategory));
cl::opt<grey::GasModel> gasModel(
    "gas-model",
    cl::desc("the gas model the optimizations decide with (default "
             "consensus)"),
    cl::values(clEnumValN(grey::GasModel::Consensus, "consensus",
                          "what the kernel charges today"),
               clEnumValN(grey::GasModel::Latency, "latency",
                          "three-register instructions modelled by their "
                          "real operands (gas-model.md §3), for blobs that "
                          "stay good if the model is corrected")),
    cl::init(grey::GasModel::Consensus), cl::cat(compileCategory));
cl::opt<std::string> profileUse(
    "profile-use",
    cl::desc("weigh blocks by the counts in this profile, written by "
             "`grey-run --profile` for the blob this same command builds "
             "without --profile-use (the blob is rebuilt to map its PCs back "
             "to the program)"),
    cl::value_desc("file"), cl::cat(compileCategory));
cl::opt<bool> listPasses(
    "list-passes",
    cl::desc("print the optimization passes that --disable-pass accepts, one "
             "per line, and exit"),
    cl::cat(compileCategory));

/// clang's size levels have no grey counterpart: say so rather than let
/// the option parser call them unknown.
bool rejectSizeLevels(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    if (arg == "--")
      break;
    if (arg == "-Os" || arg == "-Oz" || arg == "--Os" || arg == "--Oz") {
      errs() << "grey-compile: " << arg
             << " is not a grey optimization level: grey optimizes gas and "
                "has no level that trades it for code size; use -O0, -O1 or "
                "-O2 (-O3 is -O2)\n";
      return true;
    }
  }
  return false;
}

// Memory the blob maps besides code and data; each page costs 1500 gas at
// load.
cl::opt<uint64_t> stackSize(
    "stack-size",
    cl::desc("stack bytes (rounded up to whole pages), placed at address 0 "
             "with the first stack pointer at its top. Default: at -O0 "
             "everything below the lowest data page, as the reference maps "
             "it; at -O1/-O2 the depth pvm-size-stack proves, or that when "
             "it proves none"),
    cl::value_desc("bytes"), cl::cat(compileCategory));
cl::opt<uint64_t> heapPages(
    "heap-pages",
    cl::desc("pages of the zero-filled heap cap (slot 68) after the data. "
             "Default: 16 at -O0 as the reference, none at -O1/-O2"),
    cl::value_desc("N"), cl::cat(compileCategory));
cl::opt<uint64_t> argsPages(
    "args-pages",
    cl::desc("pages of the argument cap (slot 0) the host copies the "
             "arguments into (default 1; 0: none, the arguments are "
             "dropped)"),
    cl::value_desc("N"), cl::init(1), cl::cat(compileCategory));

// Optimization remarks, as clang's -R options: each takes a regular
// expression matched against the remark's category, the pass argument
// (e.g. -Rpass-missed=pvm-size-stack).
cl::opt<std::string> remarksPassed(
    "Rpass", cl::desc("report what the passes whose name matches did"),
    cl::value_desc("regex"), cl::cat(compileCategory));
cl::opt<std::string> remarksMissed(
    "Rpass-missed",
    cl::desc("report what the passes whose name matches could not do, and "
             "why"),
    cl::value_desc("regex"), cl::cat(compileCategory));
cl::opt<std::string> remarksAnalysis(
    "Rpass-analysis",
    cl::desc("report the analysis results of the passes whose name matches"),
    cl::value_desc("regex"), cl::cat(compileCategory));

/// Rebuilds the blob the --profile-use profile was recorded from (this
/// command without the profile, outside bisection) and maps the profile's
/// PCs to guest addresses through it.
Expected<grey::pvm::GuestProfile>
mapProfile(mlir::ModuleOp module, ArrayRef<std::string> disabled,
           const grey::MemoryLayoutOptions &memory,
           grey::pvm::CapLayout layout) {
  std::string error;
  std::unique_ptr<MemoryBuffer> file = mlir::openInputFile(profileUse, &error);
  if (!file)
    return createStringError(inconvertibleErrorCode(), error);
  Expected<grey::BlobProfile> counts = grey::parseBlobProfile(file->getBuffer());
  if (!counts)
    return counts.takeError();

  mlir::OwningOpRef<mlir::ModuleOp> profiled = module.clone();
  mlir::PassManager pm(module.getContext());
  if (Error err =
          grey::buildPipeline(pm, optLevel, disabled, memory, gasModel))
    return std::move(err);
  grey::OptBisectPause pause;
  if (failed(pm.run(*profiled)))
    return createStringError(inconvertibleErrorCode(),
                             "cannot rebuild the profiled blob");
  grey::pvm::ProgramOp program;
  profiled->walk([&](grey::pvm::ProgramOp op) { program = op; });
  if (!program)
    return createStringError(inconvertibleErrorCode(), "no pvm.program");
  return grey::mapBlobProfile(program, layout, *counts);
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // LLVM's back-end options mean nothing here: --help shows grey-compile's
  // options and the MLIR ones registered below; --help-hidden shows all.
  grey::hideUnrelatedOptions(compileCategory);
  // LLVM's own option, which grey's optimization passes honour
  // (utils/bisect-miscompile.sh).
  if (cl::Option *bisect = cl::getRegisteredOptions().lookup("opt-bisect-limit")) {
    bisect->setHiddenFlag(cl::NotHidden);
    bisect->addCategory(compileCategory);
  }
  mlir::registerPassManagerCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerAsmPrinterCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  if (rejectSizeLevels(argc, argv))
    return 1;
  cl::ParseCommandLineOptions(
      argc, argv,
      "grey-compile: translate a RISC-V ELF (rv64em + Zbb + XTheadCondMov) "
      "into a JAR v2 blob for the JAVM\n");

  if (listPasses) {
    for (const std::string &name : grey::optionalPassNames())
      outs() << name << "\n";
    return 0;
  }
  if (inputFilename.empty()) {
    errs() << "grey-compile: no input file (see --help)\n";
    return 1;
  }
  std::vector<std::string> disabled(disabledPasses.begin(),
                                    disabledPasses.end());
  if (Error err = grey::checkDisabledPasses(disabled)) {
    errs() << "grey-compile: " << toString(std::move(err)) << "\n";
    return 1;
  }

  std::optional<grey::pvm::CapLayout> layout =
      grey::pvm::symbolizeCapLayout(capLayout);
  if (!layout) {
    errs() << "grey-compile: unknown --cap-layout '" << capLayout
           << "' (expected current or legacy)\n";
    return 1;
  }

  std::string error;
  std::unique_ptr<MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &error);
  if (!input) {
    errs() << "grey-compile: " << error << "\n";
    return 1;
  }

  mlir::DialectRegistry registry;
  grey::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  grey::prepareContextForOptBisect(context);
  SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      grey::importRISCVELF(input->getMemBufferRef(), &context);
  if (!module)
    return 1;

  std::unique_ptr<ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &error);
  if (!output) {
    errs() << "grey-compile: " << error << "\n";
    return 1;
  }
  if (emit == Emit::RISCV) {
    module->print(output->os());
    output->keep();
    return 0;
  }

  grey::MemoryLayoutOptions memory;
  if (stackSize.getNumOccurrences()) {
    if (stackSize == 0 || stackSize > UINT32_MAX) {
      errs() << "grey-compile: --stack-size must be between 1 and 2^32-1 "
                "bytes\n";
      return 1;
    }
    memory.stackSize = alignTo(stackSize, grey::pvm::kPageSize);
  }
  if (heapPages.getNumOccurrences())
    memory.heapPages = heapPages;
  memory.argsPages = argsPages;

  std::shared_ptr<const grey::pvm::GuestProfile> profile;
  if (!profileUse.empty()) {
    Expected<grey::pvm::GuestProfile> mapped =
        mapProfile(*module, disabled, memory, *layout);
    if (!mapped) {
      errs() << "grey-compile: --profile-use " << profileUse << ": "
             << toString(mapped.takeError()) << "\n";
      return 1;
    }
    profile = std::make_shared<grey::pvm::GuestProfile>(std::move(*mapped));
  }

  // After the profile's rebuild, which should not remark.
  if (!remarksPassed.empty() || !remarksMissed.empty() ||
      !remarksAnalysis.empty()) {
    auto category = [](const cl::opt<std::string> &regex) {
      return regex.empty() ? std::nullopt
                           : std::optional<std::string>(regex.getValue());
    };
    mlir::remark::RemarkCategories categories;
    categories.passed = category(remarksPassed);
    categories.missed = category(remarksMissed);
    categories.analysis = category(remarksAnalysis);
    if (failed(mlir::remark::enableOptimizationRemarks(
            context, /*streamer=*/nullptr,
            std::make_unique<mlir::remark::RemarkEmittingPolicyAll>(),
            categories, /*printAsEmitRemarks=*/true)))
      return 1;
  }

  mlir::PassManager pm(&context);
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return 1;
  mlir::applyDefaultTimingPassManagerCLOptions(pm);
  if (Error err = grey::buildPipeline(pm, optLevel, disabled, memory,
                                      gasModel, profile)) {
    errs() << "grey-compile: " << toString(std::move(err)) << "\n";
    return 1;
  }
  if (failed(pm.run(*module)))
    return 1;

  if (emit == Emit::PVM) {
    module->print(output->os());
  } else {
    grey::ExportPVMBlobOptions options;
    options.capLayout = layout;
    if (failed(grey::exportPVMBlob(*module, output->os(), options)))
      return 1;
  }
  output->keep();
  return 0;
}
