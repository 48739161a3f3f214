//===- grey-compile.cpp - ELF in, JAR v2 blob out -------------------------===//
//
// The one-shot driver: imports a RISC-V ELF, runs the pipeline of the chosen
// optimization level and writes the blob (or the IR, for inspection).
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllDialects.h"
#include "grey/InitAllPasses.h"
#include "grey/Pipelines/Pipelines.h"
#include "grey/Support/CommandLine.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/ELF/ImportRISCVELF.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
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

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // LLVM's back-end options mean nothing here: --help shows grey-compile's
  // options and the MLIR ones registered below; --help-hidden shows all.
  grey::hideUnrelatedOptions(compileCategory);
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

  mlir::PassManager pm(&context);
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return 1;
  mlir::applyDefaultTimingPassManagerCLOptions(pm);
  if (Error err = grey::buildPipeline(pm, optLevel, disabled)) {
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
