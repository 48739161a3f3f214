//===- ELFImportFuzzer.cpp - libFuzzer target for the ELF importer --------===//
//
// Feeds arbitrary bytes to the ELF importer and converts whatever imports
// to `pvm`: any input must give a module or diagnostics, never a crash, a
// hang or an invalid module. Built with -DGREY_BUILD_ELF_FUZZER=ON; run by
// utils/fuzz-elf.sh.
//
//===----------------------------------------------------------------------===//

#include "grey/Conversion/Passes.h"
#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/RISCV/RISCVDialect.h"
#include "grey/Target/ELF/ImportRISCVELF.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace grey;

/// A context for the next input. Attributes and locations are interned
/// for a context's lifetime (data bytes become string attributes), so a
/// fresh one now and then keeps memory flat over millions of inputs.
static mlir::MLIRContext &contextForNextInput() {
  static std::unique_ptr<mlir::MLIRContext> context;
  static unsigned uses = 0;
  if (!context || ++uses == 256) {
    context = std::make_unique<mlir::MLIRContext>(
        mlir::MLIRContext::Threading::DISABLED);
    context->getOrLoadDialect<riscv::RISCVDialect>();
    context->getOrLoadDialect<pvm::PVMDialect>();
    uses = 0;
  }
  return *context;
}

/// A bug rather than a rejected input: an "internal error", or, while
/// importing, a verifier error (importer diagnostics name no op).
static bool isBug(const mlir::Diagnostic &diagnostic, bool importing) {
  if (diagnostic.getSeverity() != mlir::DiagnosticSeverity::Error)
    return false;
  std::string message = diagnostic.str();
  return llvm::StringRef(message).contains("internal error") ||
         (importing && llvm::StringRef(message).starts_with("'"));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext &context = contextForNextInput();
  bool importing = true;
  mlir::ScopedDiagnosticHandler check(
      &context, [&](mlir::Diagnostic &diagnostic) {
        if (isBug(diagnostic, importing)) {
          std::fprintf(stderr, "%s\n", diagnostic.str().c_str());
          std::abort();
        }
        return mlir::success();
      });

  llvm::MemoryBufferRef buffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.elf");
  mlir::OwningOpRef<mlir::ModuleOp> module = importRISCVELF(buffer, &context);
  if (!module)
    return 0;

  // The conversion may reject a program, with diagnostics; what it accepts
  // must verify.
  importing = false;
  mlir::PassManager pm(&context);
  pm.enableVerifier(false);
  pm.addPass(createConvertRISCVToPVM());
  if (succeeded(pm.run(*module)) && failed(mlir::verify(*module))) {
    std::fprintf(stderr, "the conversion returned an invalid module\n");
    std::abort();
  }
  return 0;
}
