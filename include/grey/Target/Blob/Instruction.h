//===- Instruction.h - one PVM instruction as plain fields -----*- C++ -*-===//
//
// The byte-level view of a PVM instruction shared by the decoder, the
// encoder and byte-level consumers such as an interpreter (pvm-isa.md §2).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_INSTRUCTION_H
#define GREY_TARGET_BLOB_INSTRUCTION_H

#include "grey/Dialect/PVM/PVMOpcodeTable.h"

#include <cstdint>
#include <optional>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace grey::blob {

/// The largest skip length ℓ the machine honours (pvm-isa.md §2.1).
inline constexpr uint32_t kMaxSkip = 24;
/// The register index every larger operand nibble is clamped to.
inline constexpr uint8_t kMaxReg = 12;

/// One instruction. Field names follow pvm-isa.md §2.3; which ones mean
/// something depends on `format`:
///
///   NoArgs           -
///   OneImm           immX
///   OneRegExtImm     regA, immX (all 64 bits, not sign-extended)
///   TwoImm           immX, immY
///   OneOffset        target
///   OneRegOneImm     regA, immX
///   OneRegTwoImm     regA, immX, immY
///   OneRegImmOffset  regA, immX, target
///   TwoReg           regD (low nibble), regA (high nibble)
///   TwoRegOneImm     regA (low nibble), regB (high nibble), immX
///   TwoRegOneOffset  regA, regB, target
///   TwoRegTwoImm     regA, regB, immX, immY
///   ThreeReg         regA, regB, regD
///
/// Immediates are held sign-extended to 64 bits, as the machine sees them.
/// A target is `pc + offset` modulo 2^64 (the offset counts from the
/// instruction's own opcode byte).
struct Instruction {
  uint32_t pc = 0;
  uint8_t opcode = 0;
  pvm::Format format = pvm::Format::NoArgs;
  /// ℓ: the number of argument bytes; the next instruction is at
  /// pc + 1 + skip. Set by the decoder, ignored by the encoder.
  uint32_t skip = 0;
  uint8_t regA = 0;
  uint8_t regB = 0;
  uint8_t regD = 0;
  uint64_t immX = 0;
  uint64_t immY = 0;
  uint64_t target = 0;
  /// How many bytes immX, immY and the offset of `target` take. The decoder
  /// sets the widths it read; the encoder writes a field at its width when
  /// set and in the canonical one otherwise (pvm-isa.md §2.4: the minimal
  /// width for an immediate, 4 bytes for an offset).
  std::optional<uint8_t> immXWidth, immYWidth, offsetWidth;

  /// Where execution continues when the instruction does not jump.
  uint64_t nextPc() const { return uint64_t(pc) + 1 + skip; }
  /// Whether the format carries a static branch or jump target.
  bool hasTarget() const {
    return format == pvm::Format::OneOffset ||
           format == pvm::Format::OneRegImmOffset ||
           format == pvm::Format::TwoRegOneOffset;
  }
  /// The target's offset from the opcode byte, as a signed number.
  int64_t offset() const { return int64_t(target - pc); }
};

/// Prints `inst` as `mnemonic operands`: registers as `rN`, the written
/// register first (`add_64 r9, r2, r9`), then the fields in format order;
/// immediates in signed decimal and targets as `@0x…`.
void printInstruction(llvm::raw_ostream &os, const Instruction &inst);

/// X_n (pvm-isa.md §2.2): sign-extends the low `bytes` bytes of `value`
/// (bytes ∈ 0…4; 0 gives 0, 3 extends from bit 23).
inline uint64_t signExtendBytes(uint64_t value, unsigned bytes) {
  if (bytes == 0)
    return 0;
  if (bytes >= 8)
    return value;
  unsigned shift = 64 - 8 * bytes;
  return uint64_t(int64_t(value << shift) >> shift);
}

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_INSTRUCTION_H
