//===- grey-opt.cpp - grey's optimizer driver -----------------------------===//
//
// Runs passes and pipelines over `.mlir` files in grey's dialects, like
// mlir-opt.
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllDialects.h"
#include "grey/InitAllPasses.h"
#include "grey/Support/CommandLine.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  // LLVM's back-end options mean nothing here: --help shows what is
  // registered from now on, the passes and mlir-opt's own options;
  // --help-hidden shows all.
  static llvm::cl::OptionCategory toolCategory("grey-opt options");
  grey::hideUnrelatedOptions(toolCategory);
  mlir::DialectRegistry registry;
  grey::registerAllDialects(registry);
  grey::registerAllPasses();
  // The generic clean-ups are useful on grey's IR as they are.
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv,
      "grey optimizer: runs passes over IR in the riscv and pvm dialects\n",
      registry));
}
