//===- grey-translate.cpp - grey's translation driver ---------------------===//
//
// Converts between bytes (ELF files, JAR blobs) and grey's IR, like
// mlir-translate. Each translation is a library function registered here.
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllTranslations.h"

#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  grey::registerAllTranslations();
  return mlir::failed(mlir::mlirTranslateMain(
      argc, argv,
      "grey translator: converts between ELF/blob bytes and grey's IR\n"))
             ? 1
             : 0;
}
