//===- grey-compile.cpp - ELF in, JAR v2 blob out -------------------------===//
//
// The one-shot driver: imports a RISC-V ELF, runs the pipeline of the chosen
// optimization level and writes the blob (or the IR, for inspection).
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllDialects.h"
#include "grey/InitAllPasses.h"
#include "grey/Pipelines/Pipelines.h"
#include "grey/Pipelines/ProfileUse.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/ELF/ImportRISCVELF.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace {

enum class Emit { Blob, PVM, RISCV };

cl::opt<std::string> inputFilename(cl::Positional,
                                   cl::desc("<RISC-V ELF executable>"));
cl::opt<std::string> outputFilename("o", cl::desc("output file"),
                                    cl::value_desc("file"), cl::init("-"));
cl::opt<grey::OptLevel> optLevel(
    cl::desc("optimization level (default -O2):"),
    cl::values(clEnumValN(grey::OptLevel::O0, "O0",
                          "reference-equivalent translation"),
               clEnumValN(grey::OptLevel::O1, "O1", "optimize"),
               clEnumValN(grey::OptLevel::O2, "O2", "optimize more")),
    cl::init(grey::OptLevel::O2));
cl::opt<Emit> emit(
    "emit", cl::desc("what to write (default: blob)"),
    cl::values(clEnumValN(Emit::Blob, "blob", "the JAR v2 blob"),
               clEnumValN(Emit::PVM, "pvm", "the pvm IR before export"),
               clEnumValN(Emit::RISCV, "riscv", "the imported riscv IR")),
    cl::init(Emit::Blob));
cl::opt<std::string> capLayout(
    "cap-layout",
    cl::desc("kernel cap layout of the blob: current (default) or legacy"),
    cl::init("current"));
cl::list<std::string> disabledPasses(
    "disable-pass",
    cl::desc("leave this optimization pass out of the pipeline (repeatable, "
             "comma separated; --list-passes shows the names)"),
    cl::value_desc("name"), cl::CommaSeparated);
cl::opt<std::string> profileUse(
    "profile-use",
    cl::desc("weigh blocks by the counts in this profile, written by "
             "`grey-run --profile` for the blob this same command builds "
             "without --profile-use (the blob is rebuilt to map its PCs back "
             "to the program)"),
    cl::value_desc("file"));
cl::opt<bool> listPasses(
    "list-passes",
    cl::desc("print the optimization passes that --disable-pass accepts, one "
             "per line, and exit"));

/// Rebuilds the blob the --profile-use profile was recorded from (this
/// command without the profile, outside bisection) and maps the profile's
/// PCs to guest addresses through it.
Expected<grey::pvm::GuestProfile>
mapProfile(mlir::ModuleOp module, ArrayRef<std::string> disabled,
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
  if (Error err = grey::buildPipeline(pm, optLevel, disabled))
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
  mlir::registerPassManagerCLOptions();
  mlir::registerMLIRContextCLOptions();
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

  std::shared_ptr<const grey::pvm::GuestProfile> profile;
  if (!profileUse.empty()) {
    Expected<grey::pvm::GuestProfile> mapped =
        mapProfile(*module, disabled, *layout);
    if (!mapped) {
      errs() << "grey-compile: --profile-use " << profileUse << ": "
             << toString(mapped.takeError()) << "\n";
      return 1;
    }
    profile = std::make_shared<grey::pvm::GuestProfile>(std::move(*mapped));
  }

  mlir::PassManager pm(&context);
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return 1;
  if (Error err = grey::buildPipeline(pm, optLevel, disabled, profile)) {
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
