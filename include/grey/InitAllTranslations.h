//===- InitAllTranslations.h - register every grey translation -*- C++ -*-===//
//
// One place that lists the translations `grey-translate` offers.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INITALLTRANSLATIONS_H
#define GREY_INITALLTRANSLATIONS_H

#include "grey/InitAllDialects.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/Blob/ImportPVMBlob.h"
#include "grey/Target/ELF/ImportRISCVELF.h"

#include "mlir/Tools/mlir-translate/Translation.h"

namespace grey {

/// Registers grey's translations. Until the ELF importer and blob exporter
/// exist this offers only a round trip through grey's dialects, which is
/// what `--help` lists.
inline void registerAllTranslations() {
  static bool once = [] {
    mlir::TranslateFromMLIRRegistration roundTrip(
        "grey-roundtrip",
        "parse IR in grey's dialects, verify it and print it back",
        [](mlir::Operation *op, llvm::raw_ostream &os) {
          op->print(os);
          os << "\n";
          return mlir::success();
        },
        registerAllDialects);
    registerImportRISCVELFTranslation();
    registerExportPVMBlobTranslation();
    registerImportPVMBlobTranslation();
    return true;
  }();
  (void)once;
}

} // namespace grey

#endif // GREY_INITALLTRANSLATIONS_H
