//===- grey-translate.cpp - grey's translation driver ---------------------===//
//
// Converts between bytes (ELF files, JAR blobs) and grey's IR, like
// mlir-translate. Each translation is a library function registered here.
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllTranslations.h"
#include "grey/Support/CommandLine.h"

#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  // LLVM's back-end options (registered when libLLVM loads) mean nothing
  // here: --help shows only what is registered from now on, the
  // translations and mlir-translate's own options; --help-hidden shows all.
  static llvm::cl::OptionCategory toolCategory("grey-translate options");
  grey::hideUnrelatedOptions(toolCategory);
  grey::registerAllTranslations();
  return mlir::failed(mlir::mlirTranslateMain(
      argc, argv,
      "grey translator: converts between ELF/blob bytes and grey's IR\n"))
             ? 1
             : 0;
}
