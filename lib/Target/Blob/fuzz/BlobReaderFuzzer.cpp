//===- BlobReaderFuzzer.cpp - libFuzzer target for the blob reader --------===//
//
// Feeds arbitrary bytes to the container parser, the instruction decoder and
// the MLIR importer, and checks that whatever imports exports to the same
// bytes. Built with -DGREY_BUILD_BLOB_FUZZER=ON; run by utils/fuzz-blob.sh.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/Blob/ImportPVMBlob.h"
#include "grey/Target/Blob/InstructionDecoder.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdio>
#include <cstdlib>

using namespace grey;

/// Decodes every PC of every CODE cap, as an interpreter might.
static void decodeEverything(const blob::Blob &parsed) {
  for (const blob::CapEntry &cap : parsed.caps) {
    if (cap.kind != blob::CapKind::Code)
      continue;
    llvm::Expected<blob::CodeBlob> code = blob::parseCodeBlob(cap.bytes);
    if (!code) {
      // parseBlob accepted the blob, so its CODE caps must parse.
      std::fprintf(stderr, "parseBlob accepted a CODE cap parseCodeBlob "
                           "rejects\n");
      std::abort();
    }
    for (uint32_t pc = 0; pc < code->code.size(); ++pc) {
      blob::Instruction inst;
      (void)blob::decodeInstruction(code->code, code->bitmask, pc, inst);
    }
    (void)blob::gasBlockStarts(code->code, code->bitmask);
  }
}

/// Imports `bytes`; if that succeeds, exporting must give them back.
static void checkRoundTrip(mlir::MLIRContext *context,
                           llvm::ArrayRef<uint8_t> bytes) {
  mlir::ScopedDiagnosticHandler quiet(
      context, [](mlir::Diagnostic &) { return mlir::success(); });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importPVMBlob(bytes, mlir::UnknownLoc::get(context));
  if (!module)
    return;
  std::string out;
  llvm::raw_string_ostream os(out);
  if (failed(exportPVMBlob(*module, os)) ||
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(out.data()),
                              out.size()) != bytes) {
    std::fprintf(stderr, "imported blob does not export to the same bytes\n");
    std::abort();
  }
}

/// The input read as code (8/9 of it) and packed bitmask (the rest) in a
/// canonical one-cap container, so mutations reach the instruction decoder
/// and importer instead of stopping at the container checks.
static std::vector<uint8_t> codeView(llvm::ArrayRef<uint8_t> bytes) {
  blob::CodeBlob code;
  size_t codeLen = bytes.size() * 8 / 9;
  code.code.assign(bytes.begin(), bytes.begin() + codeLen);
  code.bitmask.resize(codeLen);
  for (size_t i = 0; i < codeLen; ++i) {
    size_t maskByte = codeLen + i / 8;
    code.bitmask[i] =
        maskByte < bytes.size() ? (bytes[maskByte] >> (i % 8)) & 1 : 0;
  }
  blob::Blob result;
  result.invokeCap = 64;
  blob::CapEntry cap;
  cap.slot = 64;
  cap.kind = blob::CapKind::Code;
  cap.bytes = blob::writeCodeBlob(code);
  result.caps.push_back(std::move(cap));
  return blob::writeBlob(result);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext *context = [] {
    auto *ctx = new mlir::MLIRContext();
    ctx->getOrLoadDialect<pvm::PVMDialect>();
    return ctx;
  }();
  llvm::ArrayRef<uint8_t> bytes(data, size);

  llvm::Expected<blob::Blob> parsed = blob::parseBlob(bytes);
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
  } else {
    decodeEverything(*parsed);
  }
  // Also hit the sub-blob parser and decoder on raw input.
  if (llvm::Expected<blob::CodeBlob> code = blob::parseCodeBlob(bytes))
    for (uint32_t pc = 0; pc < code->code.size(); ++pc) {
      blob::Instruction inst;
      (void)blob::decodeInstruction(code->code, code->bitmask, pc, inst);
    }
  else
    llvm::consumeError(code.takeError());

  checkRoundTrip(context, bytes);
  checkRoundTrip(context, codeView(bytes));
  return 0;
}
