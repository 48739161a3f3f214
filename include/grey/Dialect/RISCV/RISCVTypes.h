//===- RISCVTypes.h - RISC-V register type --------------------*- C++ -*-===//
//
// The register type `!riscv.reg<name>` and its register enum.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVTYPES_H
#define GREY_DIALECT_RISCV_RISCVTYPES_H

#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include <optional>

#include "grey/Dialect/RISCV/RISCVEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "grey/Dialect/RISCV/RISCVTypes.h.inc"

namespace grey::riscv {
/// Parses an rv64e register name: an ABI name (`a0`, `fp`) or `xN`.
std::optional<Reg> parseRegName(llvm::StringRef name);
} // namespace grey::riscv

#endif // GREY_DIALECT_RISCV_RISCVTYPES_H
