//===- OpFields.h - where an op keeps its instruction fields ----*- C++ -*-===//
//
// The mapping between a `pvm` op's operands, results and attributes and the
// fields of a byte-level Instruction, shared by the exporter and importer.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_LIB_TARGET_BLOB_OPFIELDS_H
#define GREY_LIB_TARGET_BLOB_OPFIELDS_H

#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/IR/OperationSupport.h"

namespace grey::blob::detail {

/// The inherent attributes that hold immediates X and Y (empty when the
/// format has none). Branch and jump offsets are successors, not
/// attributes.
std::pair<llvm::StringRef, llvm::StringRef>
immediateAttrNames(mlir::RegisteredOperationName name, pvm::Format format);

/// Conditional moves read the register they write (`prev`).
inline bool readsDestination(unsigned opcode) {
  return opcode == pvm::CmovIzOp::kOpcode || opcode == pvm::CmovNzOp::kOpcode ||
         opcode == pvm::CmovIzImmOp::kOpcode ||
         opcode == pvm::CmovNzImmOp::kOpcode;
}

} // namespace grey::blob::detail

#endif // GREY_LIB_TARGET_BLOB_OPFIELDS_H
