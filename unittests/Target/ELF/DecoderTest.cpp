//===- DecoderTest.cpp - RISC-V words to decoded fields -------------------===//
//
// Table-driven checks of the ELF importer's instruction decoder.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/ELF/Decoder.h"

#include "gtest/gtest.h"

using namespace grey::elf;

namespace {

class DecoderTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    auto created = Decoder::create();
    ASSERT_TRUE(bool(created)) << llvm::toString(created.takeError());
    decoder = std::move(*created);
  }
  static void TearDownTestSuite() { decoder.reset(); }
  static std::unique_ptr<Decoder> decoder;
};
std::unique_ptr<Decoder> DecoderTest::decoder;

struct DecodeCase {
  uint32_t word;
  Opcode opcode;
  unsigned rd, rs1, rs2;
  int64_t imm;
};

// Encodings from the RISC-V ISA manual's field layouts (opcode, funct3,
// funct7 and register fields), computed by hand.
const DecodeCase kCases[] = {
    {0x00c58533, Opcode::Add, 10, 11, 12, 0},       // add a0, a1, a2
    {0x40c58533, Opcode::Sub, 10, 11, 12, 0},       // sub a0, a1, a2
    {0x02c5c533, Opcode::Div, 10, 11, 12, 0},       // div a0, a1, a2
    {0x02c5853b, Opcode::Mulw, 10, 11, 12, 0},      // mulw a0, a1, a2
    {0x40c5f533, Opcode::Andn, 10, 11, 12, 0},      // andn a0, a1, a2
    {0x0ac5e533, Opcode::Max, 10, 11, 12, 0},       // max a0, a1, a2
    {0x60c59533, Opcode::Rol, 10, 11, 12, 0},       // rol a0, a1, a2
    {0xfff58513, Opcode::Addi, 10, 11, 0, -1},      // addi a0, a1, -1
    {0x03f59513, Opcode::Slli, 10, 11, 0, 63},      // slli a0, a1, 63
    {0x6035d513, Opcode::Rori, 10, 11, 0, 3},       // rori a0, a1, 3
    {0x60059513, Opcode::Clz, 10, 11, 0, 0},        // clz a0, a1
    {0x0805c53b, Opcode::ZextH, 10, 11, 0, 0},      // zext.h a0, a1
    {0x6b85d513, Opcode::Rev8, 10, 11, 0, 0},       // rev8 a0, a1
    {0x2875d513, Opcode::OrcB, 10, 11, 0, 0},       // orc.b a0, a1
    {0x12345537, Opcode::Lui, 10, 0, 0, 0x12345},   // lui a0, 0x12345
    {0xffff0517, Opcode::Auipc, 10, 0, 0, 0xffff0}, // auipc a0, 0xffff0
    {0xff85b503, Opcode::Ld, 10, 11, 0, -8},        // ld a0, -8(a1)
    {0x00a5b423, Opcode::Sd, 0, 11, 10, 8},         // sd a0, 8(a1)
    {0x40c5950b, Opcode::ThMveqz, 10, 11, 12, 0},   // th.mveqz a0, a1, a2
    {0x42c5950b, Opcode::ThMvnez, 10, 11, 12, 0},   // th.mvnez a0, a1, a2
    {0xfeb50ee3, Opcode::Beq, 0, 10, 11, -4},       // beq a0, a1, -4
    {0x008000ef, Opcode::Jal, 1, 0, 0, 8},          // jal ra, 8
    {0x00008067, Opcode::Jalr, 0, 1, 0, 0},         // ret
    {0x00000073, Opcode::Ecall, 0, 0, 0, 0},        // ecall
    {0x00100073, Opcode::Ebreak, 0, 0, 0, 0},       // ebreak
};

TEST_F(DecoderTest, DecodesEveryFormat) {
  for (const DecodeCase &c : kCases) {
    SCOPED_TRACE(::testing::Message() << "word 0x" << std::hex << c.word);
    auto inst = decoder->decode(c.word, 0x1000);
    ASSERT_TRUE(bool(inst)) << llvm::toString(inst.takeError());
    EXPECT_EQ(inst->opcode, c.opcode);
    EXPECT_EQ(inst->rd, c.rd);
    EXPECT_EQ(inst->rs1, c.rs1);
    EXPECT_EQ(inst->rs2, c.rs2);
    EXPECT_EQ(inst->imm, c.imm);
    EXPECT_EQ(inst->address, 0x1000u);
  }
}

TEST_F(DecoderTest, BranchTargetsArePcRelative) {
  auto inst = decoder->decode(0xfeb50ee3, 0x1000); // beq a0, a1, -4
  ASSERT_TRUE(bool(inst)) << llvm::toString(inst.takeError());
  EXPECT_EQ(inst->target(), 0xffcu);
}

TEST_F(DecoderTest, RejectsCompressedWithoutC) {
  auto inst = decoder->decode(0x00000505, 0x2000); // c.addi a0, 1
  ASSERT_FALSE(bool(inst));
  std::string message = llvm::toString(inst.takeError());
  EXPECT_NE(message.find("compressed"), std::string::npos) << message;
  EXPECT_NE(message.find("0x2000"), std::string::npos) << message;
}

TEST_F(DecoderTest, RejectsRegistersAboveX15) {
  auto inst = decoder->decode(0x00b50833, 0x2000); // add a6, a0, a1
  ASSERT_FALSE(bool(inst));
  std::string message = llvm::toString(inst.takeError());
  EXPECT_NE(message.find("add a6, a0, a1"), std::string::npos) << message;
}

TEST_F(DecoderTest, RejectsOtherExtensionsNamingThem) {
  // sh1add a0, a1, a2 (Zba) and amoadd.w a0, a2, (a1) (A).
  for (uint32_t word : {0x20c5a533u, 0x00c5a52fu}) {
    auto inst = decoder->decode(word, 0x3000);
    ASSERT_FALSE(bool(inst));
    std::string message = llvm::toString(inst.takeError());
    EXPECT_NE(message.find("unsupported instruction at 0x3000"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("unknown encoding"), std::string::npos) << message;
  }
}

TEST_F(DecoderTest, NamesUnknownEncodings) {
  auto inst = decoder->decode(0xffffffff, 0x4000);
  ASSERT_FALSE(bool(inst));
  std::string message = llvm::toString(inst.takeError());
  EXPECT_NE(message.find("0xffffffff"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown encoding"), std::string::npos) << message;
}

TEST_F(DecoderTest, EveryOpcodeHasAnOpName) {
  for (unsigned i = 0; i <= static_cast<unsigned>(Opcode::Unimp); ++i)
    EXPECT_TRUE(getOpName(static_cast<Opcode>(i)).starts_with("riscv."));
}

} // namespace
