//===- ExportPVMBlob.h - pvm IR to a JAR v2 blob ---------------*- C++ -*-===//
//
// Encodes an allocated, laid-out `pvm.program` into a JAR v2 capability
// blob, enforcing every loader check of jar-blob.md §4 and the encoder
// obligations of pvm-isa.md §6 as errors on the offending op.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_EXPORTPVMBLOB_H
#define GREY_TARGET_BLOB_EXPORTPVMBLOB_H

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/Instruction.h"

#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace grey {

/// Choices the exporter does not read from the IR.
struct ExportPVMBlobOptions {
  /// Overrides the program's `cap_layout`.
  std::optional<pvm::CapLayout> capLayout;
  /// Writes code that javm's x86-64 recompiler miscompiles
  /// (blob/JITHazards.h) instead of refusing it. For re-exporting blobs
  /// that other translators wrote; grey's pipeline never needs it.
  bool allowJITHazards = false;
};

/// Encodes the program's functions into a code sub-blob: the entry
/// function's first block at PC 0, then functions in IR order and blocks in
/// region order. Emits an error on the offending op and fails when the code
/// breaks an encoder obligation or, unless `allowJITHazards`, holds a known
/// javm recompiler hazard. `placement`, when given, receives the PC of
/// every instruction with the op it was encoded from, in PC order.
mlir::FailureOr<blob::CodeBlob> encodeProgramCode(
    pvm::ProgramOp program, pvm::CapLayout layout, bool allowJITHazards = false,
    std::vector<std::pair<uint32_t, mlir::Operation *>> *placement = nullptr);

/// Builds the whole blob: the CODE cap, the stack, every segment, the heap
/// and the argument buffer, in that manifest order (kernel-abi.md §2).
mlir::FailureOr<blob::Blob>
buildPVMBlob(pvm::ProgramOp program, const ExportPVMBlobOptions &options = {});

/// Writes the blob for the single `pvm.program` in `op` (a module or the
/// program itself) to `os`.
mlir::LogicalResult exportPVMBlob(mlir::Operation *op, llvm::raw_ostream &os,
                                  const ExportPVMBlobOptions &options = {});

/// Registers `--export-pvm-blob` with mlir-translate.
void registerExportPVMBlobTranslation();

} // namespace grey

#endif // GREY_TARGET_BLOB_EXPORTPVMBLOB_H
