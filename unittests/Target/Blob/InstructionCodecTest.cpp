//===- InstructionCodecTest.cpp - PVM instruction bytes, both ways --------===//
//
// Hand-derived vectors from pvm-isa.md §2: for every opcode, bytes ->
// fields (decoder) and fields -> bytes (encoder); immediate widths; the
// decoding quirks the spec calls out.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/InstructionDecoder.h"
#include "grey/Target/Blob/InstructionEncoder.h"

#include "gtest/gtest.h"

#include <vector>

using namespace grey;
using namespace grey::blob;
using pvm::Format;

namespace {

/// Expected fields of one instruction, next to its bytes.
struct Vector {
  std::vector<uint8_t> bytes;
  uint8_t regA = 0, regB = 0, regD = 0;
  uint64_t immX = 0, immY = 0, target = 0;
};

/// The hand-derived vector for opcode `op` of format `format`, at PC 0
/// (pvm-isa.md §2.3, canonical choices of §2.4). Offsets point just past
/// the instruction.
Vector vectorFor(uint8_t op, Format format) {
  switch (format) {
  case Format::NoArgs:
    return {{op}};
  case Format::OneImm: // ecalli 1
    return {{op, 0x01}, 0, 0, 0, 1};
  case Format::OneRegExtImm: // r3 <- 0x1122334455667788, all 8 bytes
    return {{op, 0x03, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11},
            3,
            0,
            0,
            0x1122334455667788};
  case Format::TwoImm: // X = 0x1000 (2 bytes), Y = -1 (1 byte)
    return {{op, 0x02, 0x00, 0x10, 0xFF}, 0, 0, 0, 0x1000, ~uint64_t(0)};
  case Format::OneOffset: // offset 5 = the instruction's own length
    return {{op, 0x05, 0x00, 0x00, 0x00}, 0, 0, 0, 0, 0, 5};
  case Format::OneRegOneImm: // r5, imm -2
    return {{op, 0x05, 0xFE}, 5, 0, 0, uint64_t(-2)};
  case Format::OneRegTwoImm: // base r1, X = -8 (lx 1 in the high nibble), Y =
                             // 100
    return {{op, 0x11, 0xF8, 0x64}, 1, 0, 0, uint64_t(-8), 100};
  case Format::OneRegImmOffset: // r7, X = 7, 4-byte offset 7
    return {{op, 0x17, 0x07, 0x07, 0x00, 0x00, 0x00}, 7, 0, 0, 7, 7, 7};
  case Format::TwoReg: // rD = r8 (low nibble), rA = r3 (high nibble)
    return {{op, 0x38}, 3, 0, 8};
  case Format::TwoRegOneImm: // rA = r9, rB = r1, imm -4
    return {{op, 0x19, 0xFC}, 9, 1, 0, uint64_t(-4)};
  case Format::TwoRegOneOffset: // rA = r2, rB = r4, offset 6
    return {{op, 0x42, 0x06, 0x00, 0x00, 0x00}, 2, 4, 0, 0, 0, 6};
  case Format::TwoRegTwoImm: // rA = r0, rB = r5, lx = 1, X = 4, Y = 2
    return {{op, 0x50, 0x01, 0x04, 0x02}, 0, 5, 0, 4, 2};
  case Format::ThreeReg: // rA = r8, rB = r9, rD = r12
    return {{op, 0x98, 0x0C}, 8, 9, 12};
  }
  return {};
}

/// The 141 opcodes of pvm-isa.md §3.10 with their format classes (§2.3).
std::vector<std::pair<uint8_t, Format>> specOpcodes() {
  std::vector<std::pair<uint8_t, Format>> ops;
  auto range = [&](unsigned first, unsigned last, Format format) {
    for (unsigned op = first; op <= last; ++op)
      ops.push_back({uint8_t(op), format});
  };
  range(0, 3, Format::NoArgs);
  range(10, 10, Format::OneImm);
  range(20, 20, Format::OneRegExtImm);
  range(30, 33, Format::TwoImm);
  range(40, 40, Format::OneOffset);
  range(50, 62, Format::OneRegOneImm);
  range(70, 73, Format::OneRegTwoImm);
  range(80, 90, Format::OneRegImmOffset);
  range(100, 111, Format::TwoReg);
  range(120, 161, Format::TwoRegOneImm);
  range(170, 175, Format::TwoRegOneOffset);
  range(180, 180, Format::TwoRegTwoImm);
  range(190, 230, Format::ThreeReg);
  return ops;
}

/// Decodes `bytes` as the only instruction of a code array.
Instruction decodeAlone(const std::vector<uint8_t> &bytes) {
  std::vector<uint8_t> bitmask(bytes.size(), 0);
  bitmask[0] = 1;
  Instruction inst;
  EXPECT_EQ(decodeInstruction(bytes, bitmask, 0, inst), DecodeStatus::Ok);
  return inst;
}

std::vector<uint8_t> encode(const Instruction &inst) {
  llvm::SmallVector<uint8_t, 16> out;
  llvm::Error error = encodeInstruction(inst, out);
  EXPECT_FALSE(bool(error)) << llvm::toString(std::move(error));
  return {out.begin(), out.end()};
}

TEST(InstructionCodecTest, EveryOpcodeDecodesAndEncodes) {
  auto ops = specOpcodes();
  ASSERT_EQ(ops.size(), 141u);
  for (auto [op, format] : ops) {
    SCOPED_TRACE("opcode " + std::to_string(op));
    Vector v = vectorFor(op, format);
    Instruction inst = decodeAlone(v.bytes);
    EXPECT_EQ(inst.opcode, op);
    EXPECT_EQ(inst.format, format);
    EXPECT_EQ(inst.skip, v.bytes.size() - 1);
    EXPECT_EQ(inst.regA, v.regA);
    EXPECT_EQ(inst.regB, v.regB);
    EXPECT_EQ(inst.regD, v.regD);
    EXPECT_EQ(inst.immX, v.immX);
    if (format != Format::OneRegImmOffset) // there Y is the offset
      EXPECT_EQ(inst.immY, v.immY);
    EXPECT_EQ(inst.target, v.target);
    EXPECT_EQ(encode(inst), v.bytes);
  }
}

TEST(InstructionCodecTest, RejectsWhatIsNotAnInstruction) {
  std::vector<uint8_t> code = {0x04, 0x00, 0x33, 0x07};
  std::vector<uint8_t> bitmask = {1, 1, 0, 0};
  Instruction inst;
  EXPECT_EQ(decodeInstruction(code, bitmask, 0, inst),
            DecodeStatus::InvalidOpcode);
  EXPECT_EQ(decodeInstruction(code, bitmask, 2, inst),
            DecodeStatus::NotInstructionStart);
  EXPECT_EQ(decodeInstruction(code, bitmask, 4, inst),
            DecodeStatus::PcOutOfRange);
  llvm::Expected<Instruction> bad = decodeInstructionAt(code, bitmask, 0);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "invalid opcode 0x04 at code offset 0");
}

TEST(InstructionCodecTest, BranchOffsetsCountFromTheOpcodeByte) {
  // 16 fallthroughs, then branch_eq r2, r4 back to PC 8: offset -8.
  std::vector<uint8_t> code(16, 0x01);
  std::vector<uint8_t> bitmask(16, 1);
  std::vector<uint8_t> branch = {0xAA, 0x42, 0xF8, 0xFF, 0xFF, 0xFF};
  code.insert(code.end(), branch.begin(), branch.end());
  bitmask.insert(bitmask.end(), {1, 0, 0, 0, 0, 0});
  Instruction inst;
  ASSERT_EQ(decodeInstruction(code, bitmask, 16, inst), DecodeStatus::Ok);
  EXPECT_EQ(inst.target, 8u);
  EXPECT_EQ(inst.offset(), -8);
  EXPECT_EQ(encode(inst), branch);
}

/// load_imm r7, value: [0x33][0x07][imm].
std::vector<uint8_t> loadImm(std::vector<uint8_t> imm) {
  std::vector<uint8_t> bytes = {0x33, 0x07};
  bytes.insert(bytes.end(), imm.begin(), imm.end());
  return bytes;
}

TEST(InstructionCodecTest, ImmediatesUseTheMinimalWidth) {
  struct Case {
    int64_t value;
    std::vector<uint8_t> imm;
  };
  const Case cases[] = {
      {0, {}},
      {1, {0x01}},
      {-1, {0xFF}},
      {127, {0x7F}},
      {128, {0x80, 0x00}},
      {-128, {0x80}},
      {-129, {0x7F, 0xFF}},
      {32767, {0xFF, 0x7F}},
      {32768, {0x00, 0x80, 0x00, 0x00}},
      {-32768, {0x00, 0x80}},
      {-32769, {0xFF, 0x7F, 0xFF, 0xFF}},
      {2147483647, {0xFF, 0xFF, 0xFF, 0x7F}},
      {-2147483648LL, {0x00, 0x00, 0x00, 0x80}},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE("value " + std::to_string(c.value));
    Instruction inst;
    inst.opcode = 51; // load_imm
    inst.format = Format::OneRegOneImm;
    inst.regA = 7;
    inst.immX = uint64_t(c.value);
    EXPECT_EQ(encode(inst), loadImm(c.imm));
    EXPECT_EQ(decodeAlone(loadImm(c.imm)).immX, uint64_t(c.value));
    EXPECT_EQ(minimalImmediateWidth(c.value), c.imm.size());
  }
}

TEST(InstructionCodecTest, WidthsAreRecordedAndHonoured) {
  // load_imm r7, 5 in three bytes: the decoder records the width, the
  // encoder writes it back; without it, the minimal width.
  Instruction inst = decodeAlone(loadImm({0x05, 0x00, 0x00}));
  EXPECT_EQ(inst.immX, 5u);
  EXPECT_EQ(inst.immXWidth, 3);
  EXPECT_EQ(encode(inst), loadImm({0x05, 0x00, 0x00}));
  inst.immXWidth.reset();
  EXPECT_EQ(encode(inst), loadImm({0x05}));

  // jump +2 with a 1-byte offset; store_imm_u8 [0x1000] = -1 with widths
  // 4 and 2; branch_eq_imm r1, 0 with a 2-byte immediate, 2-byte offset.
  const std::vector<uint8_t> jump = {40, 0x02};
  const std::vector<uint8_t> store = {30, 0x04, 0x00, 0x10, 0x00,
                                      0x00, 0xFF, 0xFF};
  const std::vector<uint8_t> branch = {81, 0x21, 0x00, 0x00, 0x06, 0x00};
  Instruction j = decodeAlone(jump), s = decodeAlone(store),
              b = decodeAlone(branch);
  EXPECT_EQ(j.offsetWidth, 1);
  EXPECT_EQ(j.target, 2u);
  EXPECT_EQ(s.immXWidth, 4);
  EXPECT_EQ(s.immYWidth, 2);
  EXPECT_EQ(s.immY, ~uint64_t(0));
  EXPECT_EQ(b.immXWidth, 2);
  EXPECT_EQ(b.offsetWidth, 2);
  EXPECT_EQ(b.target, 6u);
  EXPECT_EQ(encode(j), jump);
  EXPECT_EQ(encode(s), store);
  EXPECT_EQ(encode(b), branch);

  // A recorded width must hold the value.
  inst.immX = 300;
  inst.immXWidth = 1;
  llvm::SmallVector<uint8_t, 16> out;
  llvm::Error error = encodeInstruction(inst, out);
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "cannot encode load_imm at code offset 0: immediate = 300 does "
            "not fit its recorded width of 1 bytes");
  j.target = 200;
  error = encodeInstruction(j, out);
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "cannot encode jump at code offset 0: target 200 is out of "
            "1-byte offset range");
}

TEST(InstructionCodecTest, ValuesBeyond32BitsNeedLoadImm64) {
  Instruction inst;
  inst.opcode = 51;
  inst.format = Format::OneRegOneImm;
  inst.regA = 7;
  for (int64_t value :
       {int64_t(2147483648LL), int64_t(-2147483649LL), INT64_MIN, INT64_MAX}) {
    inst.immX = uint64_t(value);
    llvm::SmallVector<uint8_t, 16> out;
    llvm::Error error = encodeInstruction(inst, out);
    EXPECT_TRUE(bool(error)) << value;
    llvm::consumeError(std::move(error));
    EXPECT_FALSE(minimalImmediateWidth(value).has_value());
  }
  // load_imm_64 r7, 2^63: all eight bytes, no sign extension.
  std::vector<uint8_t> bytes = {0x14, 0x07, 0, 0, 0, 0, 0, 0, 0, 0x80};
  EXPECT_EQ(decodeAlone(bytes).immX, uint64_t(1) << 63);
  Instruction wide;
  wide.opcode = 20;
  wide.format = Format::OneRegExtImm;
  wide.regA = 7;
  wide.immX = uint64_t(1) << 63;
  EXPECT_EQ(encode(wide), bytes);
}

TEST(InstructionCodecTest, ThreeByteImmediatesExtendFromBit23) {
  Instruction inst = decodeAlone(loadImm({0x00, 0x00, 0x80}));
  EXPECT_EQ(inst.immX, 0xFFFFFFFFFF800000ULL);
}

TEST(InstructionCodecTest, EcalliFFIsAllOnes) {
  // pvm-isa.md §3.1: one byte FF sign-extends to 0xFFFFFFFF (lo32).
  Instruction inst = decodeAlone({0x0A, 0xFF});
  EXPECT_EQ(uint32_t(inst.immX), 0xFFFFFFFFu);
  // 255 itself needs two bytes.
  Instruction reply;
  reply.opcode = 10;
  reply.format = Format::OneImm;
  reply.immX = 255;
  EXPECT_EQ(encode(reply), (std::vector<uint8_t>{0x0A, 0xFF, 0x00}));
}

TEST(InstructionCodecTest, PaddingChangesTheLastImmediate) {
  // pvm-isa.md §2.3: F0 then three bitmask-0 zero bytes is 240, not -16.
  EXPECT_EQ(decodeAlone(loadImm({0xF0, 0x00, 0x00, 0x00})).immX, 240u);
  EXPECT_EQ(decodeAlone(loadImm({0xF0})).immX, uint64_t(-16));
}

TEST(InstructionCodecTest, RegistersClampToTwelve) {
  // TwoReg 0xFF: both nibbles 15 -> r12. ThreeReg b2 = 0x10 -> r12 (the
  // whole byte, as Rust reads it).
  Instruction move = decodeAlone({100, 0xFF});
  EXPECT_EQ(move.regA, 12);
  EXPECT_EQ(move.regD, 12);
  EXPECT_EQ(decodeAlone({200, 0x21, 0x10}).regD, 12);
  Instruction bad;
  bad.opcode = 100;
  bad.format = Format::TwoReg;
  bad.regA = 13;
  llvm::SmallVector<uint8_t, 4> out;
  llvm::Error error = encodeInstruction(bad, out);
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "cannot encode move_reg at code offset 0: register rA = 13 is "
            "above r12");
}

TEST(InstructionCodecTest, SkipIsCappedAt24) {
  std::vector<uint8_t> bitmask(40, 0);
  bitmask[0] = 1;
  EXPECT_EQ(skipLength(bitmask, 0), 24u);
  bitmask[5] = 1;
  EXPECT_EQ(skipLength(bitmask, 0), 4u);
  // Past the end counts as an instruction start.
  EXPECT_EQ(skipLength(bitmask, 39), 0u);
}

TEST(InstructionCodecTest, CodePastTheEndReadsAsZero) {
  // load_imm_64 reads 8 bytes whatever ℓ says; missing bytes are 0.
  EXPECT_EQ(decodeAlone({0x14, 0x07, 0x01}).immX, 1u);
  // TwoImm with lx = 4 but no bytes left: X and Y are 0.
  Instruction inst = decodeAlone({30, 0x04});
  EXPECT_EQ(inst.immX, 0u);
  EXPECT_EQ(inst.immY, 0u);
}

TEST(InstructionCodecTest, GasBlocksStartAfterTerminators) {
  // load_imm r7, 42; ecalli 0; trap  (jar-blob.md §6.1): G = {0, 4}.
  std::vector<uint8_t> code = {0x33, 0x07, 0x2A, 0x0A, 0x00};
  std::vector<uint8_t> bitmask = {1, 0, 0, 1, 1};
  EXPECT_EQ(gasBlockStarts(code, bitmask),
            (std::vector<uint8_t>{1, 0, 0, 0, 1}));
}

} // namespace
