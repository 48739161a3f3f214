//===- RISCV.td - the RISC-V dialect umbrella --------------*- tablegen -*-===//
//
// Everything tablegen needs to generate the `riscv` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCV_TD
#define GREY_DIALECT_RISCV_RISCV_TD

include "grey/Dialect/RISCV/RISCVDialect.td"
include "grey/Dialect/RISCV/RISCVTypes.td"
include "grey/Dialect/RISCV/RISCVOps.td"
include "grey/Dialect/RISCV/RISCVStructure.td"

#endif // GREY_DIALECT_RISCV_RISCV_TD
