//===- Decoder.h - RISC-V instruction words to decoded fields --*- C++ -*-===//
//
// Decodes rv64em + Zbb + XTheadCondMov words with LLVM's MC disassembler.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_ELF_DECODER_H
#define GREY_TARGET_ELF_DECODER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>

namespace grey::elf {

/// Every instruction the importer accepts (Instructions.def).
enum class Opcode : uint8_t {
#define RISCV_INSTRUCTION(MCName, Name, Fmt, OpName) Name,
#include "grey/Target/ELF/Instructions.def"
};

/// Operand layouts; they decide which fields of `Instruction` are set.
enum class Format : uint8_t {
  RegReg,  // rd, rs1, rs2
  RegImm,  // rd, rs1, imm
  Unary,   // rd, rs1
  Lui,     // rd, imm (the 20-bit field)
  Auipc,   // rd, imm (the 20-bit field)
  Load,    // rd, rs1, imm
  Store,   // rs2, rs1, imm
  CondMov, // rd (also read), rs1, rs2
  Branch,  // rs1, rs2, imm (pc-relative offset)
  Jal,     // rd, imm (pc-relative offset)
  Jalr,    // rd, rs1, imm
  Fence,   // imm = pred, imm2 = succ
  FenceI,
  CsrReg, // rd, rs1, imm = csr
  CsrImm, // rd, imm = csr, imm2 = uimm
  Ecall,
  Ebreak,
  Unimp,
};

/// The format of `opcode`.
Format getFormat(Opcode opcode);
/// The `riscv` dialect op name of `opcode`, e.g. "riscv.add".
llvm::StringRef getOpName(Opcode opcode);

/// One decoded instruction. Registers are x-numbers (0 = x0, at most 15).
struct Instruction {
  uint64_t address = 0;
  uint32_t word = 0;
  Opcode opcode = Opcode::Add;
  unsigned rd = 0, rs1 = 0, rs2 = 0;
  int64_t imm = 0, imm2 = 0;

  Format format() const { return getFormat(opcode); }
  /// The pc-relative target of a branch or `jal`.
  uint64_t target() const { return address + imm; }
};

/// Decodes instruction words of the JAVM target (rv64em, Zbb,
/// XTheadCondMov, Zicsr, Zifencei; no compressed instructions).
class Decoder {
public:
  /// Sets up LLVM's RISC-V disassembler; fails if LLVM lacks the target.
  static llvm::Expected<std::unique_ptr<Decoder>> create();
  ~Decoder();

  /// Decodes `word` at `address`. An error names the address, the encoding
  /// and, when any RISC-V extension knows the word, its disassembly.
  llvm::Expected<Instruction> decode(uint32_t word, uint64_t address) const;

  /// The disassembly of `word` as any RISC-V extension reads it, or "" if
  /// none does.
  std::string disassemble(uint32_t word, uint64_t address) const;

private:
  Decoder();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace grey::elf

#endif // GREY_TARGET_ELF_DECODER_H
