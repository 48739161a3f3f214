//===- InstructionEncoder.cpp - instructions to PVM bytes -----------------===//
//
// The byte layouts of pvm-isa.md §2.3, written in their canonical form
// unless the instruction records wider fields.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/InstructionEncoder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace grey;
using namespace grey::blob;
using pvm::Format;

std::optional<unsigned> blob::minimalImmediateWidth(int64_t value) {
  if (value == 0)
    return 0;
  if (value >= -128 && value <= 127)
    return 1;
  if (value >= -32768 && value <= 32767)
    return 2;
  if (value >= INT32_MIN && value <= INT32_MAX)
    return 4;
  return std::nullopt;
}

namespace {
/// Collects the bytes of one instruction, remembering the first problem.
class Writer {
public:
  Writer(const Instruction &inst, llvm::SmallVectorImpl<uint8_t> &out)
      : inst(inst), out(out) {}

  void byte(uint8_t b) { out.push_back(b); }
  void raw(uint64_t value, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i)
      out.push_back(uint8_t(value >> (8 * i)));
  }
  /// Register nibble, checked against φ12.
  uint8_t reg(uint8_t r, const char *field) {
    if (r > kMaxReg)
      fail(llvm::formatv("register {0} = {1} is above r12", field, r).str());
    return r;
  }
  /// Width of a sign-extended 32-bit immediate: the recorded one, which
  /// must hold the value, else the minimal one.
  unsigned width(uint64_t value, std::optional<uint8_t> recorded,
                 const char *field) {
    if (recorded)
      return fits(value, *recorded, field) ? *recorded : 0;
    std::optional<unsigned> w = minimalImmediateWidth(int64_t(value));
    if (!w) {
      fail(llvm::formatv("{0} = {1} does not fit a sign-extended 32-bit "
                         "immediate",
                         field, int64_t(value))
               .str());
      return 0;
    }
    return *w;
  }
  /// The offset of a branch or jump: 4 bytes unless recorded otherwise.
  void offset() {
    int64_t off = inst.offset();
    unsigned bytes = inst.offsetWidth.value_or(kOffsetBytes);
    if (bytes > 4 || signExtendBytes(uint64_t(off), bytes) != uint64_t(off))
      fail(llvm::formatv("target {0} is out of {1}-byte offset range",
                         inst.target, bytes)
               .str());
    raw(uint64_t(off), bytes);
  }
  /// Whether X_bytes reads `value` back.
  bool fits(uint64_t value, unsigned bytes, const char *field) {
    if (bytes <= 4 && signExtendBytes(value, bytes) == value)
      return true;
    fail(llvm::formatv("{0} = {1} does not fit its recorded width of {2} "
                       "bytes",
                       field, int64_t(value), bytes)
             .str());
    return false;
  }
  void fail(const std::string &message) {
    if (!error)
      error = llvm::createStringError(
          llvm::formatv("cannot encode {0} at code offset {1}: {2}",
                        pvm::lookupOpcode(inst.opcode).name, inst.pc, message)
              .str());
  }
  llvm::Error takeError() {
    return error ? std::move(error) : llvm::Error::success();
  }

private:
  const Instruction &inst;
  llvm::SmallVectorImpl<uint8_t> &out;
  llvm::Error error = llvm::Error::success();
};
} // namespace

llvm::Error blob::encodeInstruction(const Instruction &inst,
                                    llvm::SmallVectorImpl<uint8_t> &out) {
  const pvm::OpcodeInfo &info = pvm::lookupOpcode(inst.opcode);
  if (!info.isValid())
    return llvm::createStringError("cannot encode invalid opcode 0x%02x",
                                   unsigned(inst.opcode));
  size_t start = out.size();
  Writer w(inst, out);
  w.byte(inst.opcode);
  switch (info.format) {
  case Format::NoArgs:
    break;
  case Format::OneImm:
    w.raw(inst.immX, w.width(inst.immX, inst.immXWidth, "immediate"));
    break;
  case Format::OneRegExtImm:
    w.byte(w.reg(inst.regA, "rA"));
    w.raw(inst.immX, 8);
    break;
  case Format::TwoImm: {
    unsigned lx = w.width(inst.immX, inst.immXWidth, "first immediate");
    unsigned ly = w.width(inst.immY, inst.immYWidth, "second immediate");
    w.byte(uint8_t(lx));
    w.raw(inst.immX, lx);
    w.raw(inst.immY, ly);
    break;
  }
  case Format::OneOffset:
    w.offset();
    break;
  case Format::OneRegOneImm:
    w.byte(w.reg(inst.regA, "rA"));
    w.raw(inst.immX, w.width(inst.immX, inst.immXWidth, "immediate"));
    break;
  case Format::OneRegTwoImm:
  case Format::OneRegImmOffset: {
    unsigned lx = w.width(inst.immX, inst.immXWidth, "first immediate");
    w.byte(uint8_t(w.reg(inst.regA, "rA") | lx << 4));
    w.raw(inst.immX, lx);
    if (info.format == Format::OneRegImmOffset)
      w.offset();
    else
      w.raw(inst.immY, w.width(inst.immY, inst.immYWidth, "second immediate"));
    break;
  }
  case Format::TwoReg:
    w.byte(uint8_t(w.reg(inst.regD, "rD") | w.reg(inst.regA, "rA") << 4));
    break;
  case Format::TwoRegOneImm:
  case Format::TwoRegOneOffset:
    w.byte(uint8_t(w.reg(inst.regA, "rA") | w.reg(inst.regB, "rB") << 4));
    if (info.format == Format::TwoRegOneOffset)
      w.offset();
    else
      w.raw(inst.immX, w.width(inst.immX, inst.immXWidth, "immediate"));
    break;
  case Format::TwoRegTwoImm: {
    w.byte(uint8_t(w.reg(inst.regA, "rA") | w.reg(inst.regB, "rB") << 4));
    unsigned lx = w.width(inst.immX, inst.immXWidth, "first immediate");
    unsigned ly = w.width(inst.immY, inst.immYWidth, "second immediate");
    w.byte(uint8_t(lx));
    w.raw(inst.immX, lx);
    w.raw(inst.immY, ly);
    break;
  }
  case Format::ThreeReg:
    w.byte(uint8_t(w.reg(inst.regA, "rA") | w.reg(inst.regB, "rB") << 4));
    w.byte(w.reg(inst.regD, "rD"));
    break;
  }
  if (llvm::Error error = w.takeError()) {
    out.resize(start);
    return error;
  }
  return llvm::Error::success();
}

llvm::Expected<unsigned> blob::encodedLength(const Instruction &inst) {
  llvm::SmallVector<uint8_t, 16> bytes;
  if (llvm::Error error = encodeInstruction(inst, bytes))
    return std::move(error);
  return unsigned(bytes.size());
}
