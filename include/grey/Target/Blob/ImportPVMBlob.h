//===- ImportPVMBlob.h - a JAR v2 blob to pvm IR ----------------*- C++ -*-===//
//
// Decodes a JAR v2 blob into a `pvm.program`: the disassembler behind
// `grey-translate --import-pvm-blob`. Exporting the result reproduces the
// input byte for byte; blobs for which that cannot hold are rejected.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_IMPORTPVMBLOB_H
#define GREY_TARGET_BLOB_IMPORTPVMBLOB_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/ArrayRef.h"

namespace grey {

/// Decodes `bytes` into a module holding one `pvm.program` whose code is a
/// single `pvm.func @code`. Problems are reported as errors at `loc`,
/// naming the byte offset; returns null then.
mlir::OwningOpRef<mlir::ModuleOp> importPVMBlob(llvm::ArrayRef<uint8_t> bytes,
                                                mlir::Location loc);

/// Registers `--import-pvm-blob` with mlir-translate.
void registerImportPVMBlobTranslation();

} // namespace grey

#endif // GREY_TARGET_BLOB_IMPORTPVMBLOB_H
