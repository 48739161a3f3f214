//===- InstructionPrinter.cpp - one PVM instruction as text ---------------===//
//
// A one-line disassembly for diagnostics and reports (grey-run
// --check-jit-hazards); the IR printer is the full disassembler.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/Instruction.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace grey;
using namespace grey::blob;
using pvm::Format;

void blob::printInstruction(llvm::raw_ostream &os, const Instruction &inst) {
  const pvm::OpcodeInfo &info = pvm::lookupOpcode(inst.opcode);
  if (!info.isValid()) {
    os << "invalid opcode " << llvm::format_hex(inst.opcode, 4);
    return;
  }
  os << info.name;
  const char *separator = " ";
  auto reg = [&](uint8_t r) {
    os << separator << 'r' << unsigned(r);
    separator = ", ";
  };
  auto imm = [&](uint64_t value) {
    os << separator << int64_t(value);
    separator = ", ";
  };
  auto target = [&] {
    os << separator << '@' << llvm::format_hex(inst.target, 2);
    separator = ", ";
  };
  switch (inst.format) {
  case Format::NoArgs:
    return;
  case Format::OneImm:
    return imm(inst.immX);
  case Format::OneRegExtImm:
  case Format::OneRegOneImm:
    reg(inst.regA);
    return imm(inst.immX);
  case Format::TwoImm:
    imm(inst.immX);
    return imm(inst.immY);
  case Format::OneOffset:
    return target();
  case Format::OneRegTwoImm:
    reg(inst.regA);
    imm(inst.immX);
    return imm(inst.immY);
  case Format::OneRegImmOffset:
    reg(inst.regA);
    imm(inst.immX);
    return target();
  case Format::TwoReg:
    reg(inst.regD);
    return reg(inst.regA);
  case Format::TwoRegOneImm:
    reg(inst.regA);
    reg(inst.regB);
    return imm(inst.immX);
  case Format::TwoRegOneOffset:
    reg(inst.regA);
    reg(inst.regB);
    return target();
  case Format::TwoRegTwoImm:
    reg(inst.regA);
    reg(inst.regB);
    imm(inst.immX);
    return imm(inst.immY);
  case Format::ThreeReg:
    reg(inst.regD);
    reg(inst.regA);
    return reg(inst.regB);
  }
}
