//===- ImportRISCVELF.h - RISC-V ELF to the riscv dialect ------*- C++ -*-===//
//
// Imports a linked rv64em executable as one `riscv.program`: data segments,
// recovered functions in register-typed SSA, and code pointers in data.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_ELF_IMPORTRISCVELF_H
#define GREY_TARGET_ELF_IMPORTRISCVELF_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace grey {

/// Imports the RISC-V executable in `buffer` (its identifier names the file
/// in locations and diagnostics) into a module holding one `riscv.program`.
/// Reports errors through `context`'s diagnostics and returns null on any.
mlir::OwningOpRef<mlir::ModuleOp> importRISCVELF(llvm::MemoryBufferRef buffer,
                                                 mlir::MLIRContext *context);

/// Registers `--import-riscv-elf` with mlir-translate's registry.
void registerImportRISCVELFTranslation();

} // namespace grey

#endif // GREY_TARGET_ELF_IMPORTRISCVELF_H
