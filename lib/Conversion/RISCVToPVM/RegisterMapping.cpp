//===- RegisterMapping.cpp - riscv registers to pvm registers -------------===//
//
// The reference's fixed register mapping (transpile-abi.md §6) and the type
// converter that applies it to register-typed values.
//
//===----------------------------------------------------------------------===//

#include "grey/Conversion/RISCVToPVM.h"

using namespace mlir;
using namespace grey;
namespace rv = grey::riscv;

std::optional<pvm::Reg> grey::mapRISCVRegister(rv::Reg reg) {
  switch (reg) {
  case rv::Reg::RA:
    return pvm::Reg::R0;
  case rv::Reg::SP:
    return pvm::Reg::R1;
  case rv::Reg::T0:
  case rv::Reg::T1:
  case rv::Reg::T2:
    return pvm::Reg(unsigned(reg) - unsigned(rv::Reg::T0) + 2);
  case rv::Reg::S0:
  case rv::Reg::S1:
    return pvm::Reg(unsigned(reg) - unsigned(rv::Reg::S0) + 5);
  case rv::Reg::A0:
  case rv::Reg::A1:
  case rv::Reg::A2:
  case rv::Reg::A3:
  case rv::Reg::A4:
  case rv::Reg::A5:
    return pvm::Reg(unsigned(reg) - unsigned(rv::Reg::A0) + 7);
  case rv::Reg::Zero:
  case rv::Reg::GP:
  case rv::Reg::TP:
    return std::nullopt;
  }
  llvm_unreachable("unknown RISC-V register");
}

RISCVToPVMTypeConverter::RISCVToPVMTypeConverter() {
  addConversion([](pvm::RegType type) { return type; });
  addConversion([](rv::RegType type) -> std::optional<Type> {
    MLIRContext *ctx = type.getContext();
    if (type.getReg() == rv::Reg::Zero)
      return pvm::RegType::get(ctx);
    if (std::optional<pvm::Reg> reg = mapRISCVRegister(type.getReg()))
      return pvm::RegType::get(ctx, *reg);
    return std::nullopt;
  });
}
