//===- InstructionDecoder.cpp - PVM bytes to instructions -----------------===//
//
// Operand extraction per format class, following pvm-isa.md §2.2–§2.3.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/InstructionDecoder.h"

#include <algorithm>

using namespace grey;
using namespace grey::blob;
using pvm::Format;

uint32_t blob::skipLength(llvm::ArrayRef<uint8_t> bitmask, uint32_t pc) {
  for (uint32_t j = 0; j < kMaxSkip; ++j) {
    uint64_t pos = uint64_t(pc) + 1 + j;
    if (pos >= bitmask.size() || bitmask[pos])
      return j;
  }
  return kMaxSkip;
}

namespace {
/// Reads code bytes, returning 0 past the end (ζ in the Gray Paper).
struct CodeReader {
  llvm::ArrayRef<uint8_t> code;

  uint8_t byte(uint64_t pos) const { return pos < code.size() ? code[pos] : 0; }
  /// `bytes` little-endian bytes at `pos`, zero-extended.
  uint64_t raw(uint64_t pos, unsigned bytes) const {
    uint64_t value = 0;
    for (unsigned i = 0; i < bytes; ++i)
      value |= uint64_t(byte(pos + i)) << (8 * i);
    return value;
  }
  /// X_bytes of the bytes at `pos`.
  uint64_t imm(uint64_t pos, unsigned bytes) const {
    return signExtendBytes(raw(pos, bytes), bytes);
  }
};

uint8_t reg(uint8_t nibble) { return std::min<uint8_t>(kMaxReg, nibble); }
uint8_t lo(uint8_t b) { return b & 0x0F; }
uint8_t hi(uint8_t b) { return b >> 4; }
unsigned clamp4(int64_t x) { return unsigned(std::clamp<int64_t>(x, 0, 4)); }
} // namespace

DecodeStatus blob::decodeInstruction(llvm::ArrayRef<uint8_t> code,
                                     llvm::ArrayRef<uint8_t> bitmask,
                                     uint32_t pc, Instruction &out) {
  if (pc >= code.size())
    return DecodeStatus::PcOutOfRange;
  if (pc >= bitmask.size() || !bitmask[pc])
    return DecodeStatus::NotInstructionStart;
  const pvm::OpcodeInfo &info = pvm::lookupOpcode(code[pc]);
  if (!info.isValid())
    return DecodeStatus::InvalidOpcode;

  CodeReader in{code};
  Instruction inst;
  inst.pc = pc;
  inst.opcode = code[pc];
  inst.format = info.format;
  inst.skip = skipLength(bitmask, pc);
  const int64_t skip = inst.skip;
  const uint64_t at = pc;
  const uint8_t b1 = in.byte(at + 1);

  switch (info.format) {
  case Format::NoArgs:
    break;
  case Format::OneImm:
    inst.immXWidth = clamp4(skip);
    inst.immX = in.imm(at + 1, *inst.immXWidth);
    break;
  case Format::OneRegExtImm:
    // All eight bytes, whatever ℓ says, and no sign extension.
    inst.regA = reg(lo(b1));
    inst.immX = in.raw(at + 2, 8);
    break;
  case Format::TwoImm: {
    unsigned lx = clamp4(b1 % 8);
    unsigned ly = clamp4(skip - lx - 1);
    inst.immX = in.imm(at + 2, lx);
    inst.immY = in.imm(at + 2 + lx, ly);
    inst.immXWidth = lx;
    inst.immYWidth = ly;
    break;
  }
  case Format::OneOffset:
    inst.offsetWidth = clamp4(skip);
    inst.target = at + in.imm(at + 1, *inst.offsetWidth);
    break;
  case Format::OneRegOneImm:
    inst.regA = reg(lo(b1));
    inst.immXWidth = clamp4(skip - 1);
    inst.immX = in.imm(at + 2, *inst.immXWidth);
    break;
  case Format::OneRegTwoImm:
  case Format::OneRegImmOffset: {
    inst.regA = reg(lo(b1));
    unsigned lx = clamp4(hi(b1) % 8);
    unsigned ly = clamp4(skip - lx - 1);
    inst.immX = in.imm(at + 2, lx);
    inst.immY = in.imm(at + 2 + lx, ly);
    inst.immXWidth = lx;
    if (info.format == Format::OneRegImmOffset) {
      inst.target = at + inst.immY;
      inst.offsetWidth = ly;
    } else {
      inst.immYWidth = ly;
    }
    break;
  }
  case Format::TwoReg:
    inst.regD = reg(lo(b1));
    inst.regA = reg(hi(b1));
    break;
  case Format::TwoRegOneImm:
  case Format::TwoRegOneOffset: {
    inst.regA = reg(lo(b1));
    inst.regB = reg(hi(b1));
    unsigned width = clamp4(skip - 1);
    uint64_t value = in.imm(at + 2, width);
    if (info.format == Format::TwoRegOneOffset) {
      inst.target = at + value;
      inst.offsetWidth = width;
    } else {
      inst.immX = value;
      inst.immXWidth = width;
    }
    break;
  }
  case Format::TwoRegTwoImm: {
    inst.regA = reg(lo(b1));
    inst.regB = reg(hi(b1));
    unsigned lx = clamp4(in.byte(at + 2) % 8);
    unsigned ly = clamp4(skip - lx - 2);
    inst.immX = in.imm(at + 3, lx);
    inst.immY = in.imm(at + 3 + lx, ly);
    inst.immXWidth = lx;
    inst.immYWidth = ly;
    break;
  }
  case Format::ThreeReg:
    inst.regA = reg(lo(b1));
    inst.regB = reg(hi(b1));
    // The whole byte, as Rust reads it (pvm-isa.md §9 #1).
    inst.regD = reg(in.byte(at + 2));
    break;
  }
  out = inst;
  return DecodeStatus::Ok;
}

llvm::Expected<Instruction>
blob::decodeInstructionAt(llvm::ArrayRef<uint8_t> code,
                          llvm::ArrayRef<uint8_t> bitmask, uint32_t pc) {
  Instruction inst;
  switch (decodeInstruction(code, bitmask, pc, inst)) {
  case DecodeStatus::Ok:
    return inst;
  case DecodeStatus::PcOutOfRange:
    return llvm::createStringError("code offset %u is past the end of the "
                                   "code (%zu bytes)",
                                   pc, code.size());
  case DecodeStatus::NotInstructionStart:
    return llvm::createStringError(
        "code offset %u is not an instruction start (bitmask bit is 0)", pc);
  case DecodeStatus::InvalidOpcode:
    return llvm::createStringError("invalid opcode 0x%02x at code offset %u",
                                   unsigned(code[pc]), pc);
  }
  llvm_unreachable("unknown decode status");
}

std::vector<uint8_t> blob::gasBlockStarts(llvm::ArrayRef<uint8_t> code,
                                          llvm::ArrayRef<uint8_t> bitmask) {
  std::vector<uint8_t> starts(code.size(), 0);
  if (code.empty())
    return starts;
  starts[0] = 1;
  for (uint32_t pc = 0; pc < code.size(); ++pc) {
    Instruction inst;
    if (decodeInstruction(code, bitmask, pc, inst) != DecodeStatus::Ok)
      continue;
    if (!pvm::lookupOpcode(inst.opcode).isGasTerminator)
      continue;
    uint64_t next = inst.nextPc();
    if (next < code.size() && next < bitmask.size() && bitmask[next])
      starts[next] = 1;
  }
  return starts;
}
