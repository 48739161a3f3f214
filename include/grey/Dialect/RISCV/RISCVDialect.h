//===- RISCVDialect.h - the RISC-V dialect --------------------*- C++ -*-===//
//
// Declares the `riscv` dialect class.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVDIALECT_H
#define GREY_DIALECT_RISCV_RISCVDIALECT_H

#include "mlir/IR/Dialect.h"

#include "grey/Dialect/RISCV/RISCVDialect.h.inc"

#endif // GREY_DIALECT_RISCV_RISCVDIALECT_H
