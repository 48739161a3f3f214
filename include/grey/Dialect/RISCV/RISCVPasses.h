//===- RISCVPasses.h - passes on the RISCV dialect ---------------*- C++ -*-===//
//
// Declares the RISCV dialect's passes (generated from RISCVPasses.td).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVPASSES_H
#define GREY_DIALECT_RISCV_RISCVPASSES_H

#include "mlir/Pass/Pass.h"

namespace grey::riscv {

#define GEN_PASS_DECL
#include "grey/Dialect/RISCV/RISCVPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "grey/Dialect/RISCV/RISCVPasses.h.inc"

} // namespace grey::riscv

#endif // GREY_DIALECT_RISCV_RISCVPASSES_H
