//===- RISCVDialect.cpp - the RISC-V dialect ------------------------------===//
//
// Registers the `riscv` dialect's ops and types.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/RISCV/RISCVDialect.h"
#include "grey/Dialect/RISCV/RISCVOps.h"

using namespace mlir;
using namespace grey::riscv;

#include "grey/Dialect/RISCV/RISCVDialect.cpp.inc"

void RISCVDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "grey/Dialect/RISCV/RISCVOps.cpp.inc"
      >();
}
