//===- SemanticsTest.cpp - per-opcode semantics edge cases ----------------===//
//
// One instruction at a time, with expected values worked out by hand from
// pvm-isa.md §3-§4 (Rust behaviour where Lean differs, §9).
//
//===----------------------------------------------------------------------===//

#include "CodeBuilder.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Interpreter/Machine.h"
#include "grey/Interpreter/Memory.h"
#include "grey/Interpreter/Program.h"

#include "gtest/gtest.h"

using namespace grey;
using namespace grey::interp;
using grey::testing::CodeBuilder;
namespace ops = grey::pvm;

namespace {

using Regs = std::array<uint64_t, 13>;
constexpr uint64_t kAllOnes = ~uint64_t(0);

struct Outcome {
  Stop stop;
  Regs regs;
  uint64_t gas;
  uint64_t instructions;
};

Outcome execute(const blob::CodeBlob &code, Memory &memory, Regs regs = {},
                gas::Backend backend = gas::Backend::Recompiler,
                uint64_t gasLimit = 1000000) {
  llvm::Expected<Program> program = Program::build(code, {backend, 25});
  if (!program) {
    ADD_FAILURE() << llvm::toString(program.takeError());
    return {};
  }
  Machine machine(*program, memory);
  machine.regs = regs;
  machine.gas = gasLimit;
  Stop stop = machine.run();
  return {stop, machine.regs, machine.gas, machine.instructionsExecuted};
}

Outcome execute(CodeBuilder &builder, Regs regs = {},
                gas::Backend backend = gas::Backend::Recompiler) {
  Memory memory;
  return execute(builder.code, memory, regs, backend);
}

/// φ3 after `φ3 = φ1 op φ2` (ThreeReg).
uint64_t threeReg(uint8_t op, uint64_t a, uint64_t b) {
  CodeBuilder code;
  code.threeReg(op, 3, 1, 2).noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = a;
  regs[2] = b;
  regs[3] = 0x5555;
  Outcome out = execute(code, regs);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  return out.regs[3];
}

/// φ3 after `φ3 = f(φ1)` (TwoReg).
uint64_t twoReg(uint8_t op, uint64_t a) {
  CodeBuilder code;
  code.twoReg(op, 3, 1).noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = a;
  Outcome out = execute(code, regs);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  return out.regs[3];
}

/// φ3 after `φ3 = f(φ1, imm)` (TwoRegOneImm, φ3 preset to `initial`).
uint64_t regImm(uint8_t op, uint64_t b, int32_t imm, uint64_t initial = 0) {
  CodeBuilder code;
  code.twoRegImm(op, 3, 1, imm).noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = b;
  regs[3] = initial;
  Outcome out = execute(code, regs);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  return out.regs[3];
}

TEST(SemanticsTest, ThirtyTwoBitArithmeticSignExtends) {
  EXPECT_EQ(threeReg(ops::Add32Op::kOpcode, 0x7FFFFFFF, 1), 0xFFFFFFFF80000000);
  EXPECT_EQ(threeReg(ops::Add32Op::kOpcode, 0x100000005, 0x200000003), 8u);
  EXPECT_EQ(threeReg(ops::Sub32Op::kOpcode, 0, 1), kAllOnes);
  EXPECT_EQ(threeReg(ops::Mul32Op::kOpcode, 0xFFFF, 0x10000),
            0xFFFFFFFFFFFF0000);
  EXPECT_EQ(threeReg(ops::Mul32Op::kOpcode, 0x10000, 0x10000), 0u);
  EXPECT_EQ(regImm(ops::AddImm32Op::kOpcode, 0x7FFFFFFF, 1),
            0xFFFFFFFF80000000);
  EXPECT_EQ(regImm(ops::MulImm32Op::kOpcode, 0x40000000, 2),
            0xFFFFFFFF80000000);
  EXPECT_EQ(regImm(ops::NegAddImm32Op::kOpcode, 1, 0), kAllOnes);
}

TEST(SemanticsTest, SixtyFourBitArithmeticWraps) {
  EXPECT_EQ(threeReg(ops::Add64Op::kOpcode, kAllOnes, 2), 1u);
  EXPECT_EQ(threeReg(ops::Sub64Op::kOpcode, 0, 1), kAllOnes);
  EXPECT_EQ(threeReg(ops::Mul64Op::kOpcode, 0x100000000, 0x100000000), 0u);
  EXPECT_EQ(regImm(ops::AddImm64Op::kOpcode, 5, -6), kAllOnes);
  EXPECT_EQ(regImm(ops::NegAddImm64Op::kOpcode, 3, 1), uint64_t(-2));
  EXPECT_EQ(regImm(ops::MulImm64Op::kOpcode, 3, -1), uint64_t(-3));
}

TEST(SemanticsTest, ShiftsTakeTheAmountModuloTheWidth) {
  EXPECT_EQ(threeReg(ops::ShloL64Op::kOpcode, 3, 64), 3u);
  EXPECT_EQ(threeReg(ops::ShloL64Op::kOpcode, 3, 65), 6u);
  EXPECT_EQ(threeReg(ops::ShloR64Op::kOpcode, 0x8000000000000000, 127), 1u);
  EXPECT_EQ(threeReg(ops::SharR64Op::kOpcode, kAllOnes, 1), kAllOnes);
  EXPECT_EQ(threeReg(ops::SharR64Op::kOpcode, 0x8000000000000000, 63),
            kAllOnes);
  EXPECT_EQ(threeReg(ops::ShloL32Op::kOpcode, 1, 31), 0xFFFFFFFF80000000);
  EXPECT_EQ(threeReg(ops::ShloL32Op::kOpcode, 1, 32), 1u);
  // A shift of 0 keeps bit 31, which is then sign-extended.
  EXPECT_EQ(threeReg(ops::ShloR32Op::kOpcode, 0x80000000, 0),
            0xFFFFFFFF80000000);
  EXPECT_EQ(threeReg(ops::ShloR32Op::kOpcode, 0xFFFFFFFF80000000, 1),
            0x40000000u);
  EXPECT_EQ(threeReg(ops::SharR32Op::kOpcode, 0x80000000, 4),
            0xFFFFFFFFF8000000);
  EXPECT_EQ(regImm(ops::ShloLImm64Op::kOpcode, 1, 64), 1u);
  EXPECT_EQ(regImm(ops::ShloRImm32Op::kOpcode, 0x100000010, 4), 1u);
  EXPECT_EQ(regImm(ops::SharRImm64Op::kOpcode, uint64_t(-16), 2), uint64_t(-4));
  // "alt" forms shift the immediate by the register.
  EXPECT_EQ(regImm(ops::ShloLImmAlt32Op::kOpcode, 33, 1), 2u);
  EXPECT_EQ(regImm(ops::ShloRImmAlt64Op::kOpcode, 4, -1), 0x0FFFFFFFFFFFFFFFu);
  EXPECT_EQ(regImm(ops::SharRImmAlt64Op::kOpcode, 4, -16), kAllOnes);
  EXPECT_EQ(regImm(ops::SharRImmAlt32Op::kOpcode, 1, int32_t(0x80000000)),
            0xFFFFFFFFC0000000);
}

TEST(SemanticsTest, DivisionEdgeCasesMatchRISCV) {
  constexpr uint64_t int64Min = 0x8000000000000000;
  EXPECT_EQ(threeReg(ops::DivU64Op::kOpcode, 7, 0), kAllOnes);
  EXPECT_EQ(threeReg(ops::DivS64Op::kOpcode, 7, 0), kAllOnes);
  EXPECT_EQ(threeReg(ops::DivS64Op::kOpcode, int64Min, kAllOnes), int64Min);
  EXPECT_EQ(threeReg(ops::DivS64Op::kOpcode, uint64_t(-7), 2), uint64_t(-3));
  EXPECT_EQ(threeReg(ops::RemU64Op::kOpcode, 7, 0), 7u);
  EXPECT_EQ(threeReg(ops::RemS64Op::kOpcode, uint64_t(-7), 0), uint64_t(-7));
  EXPECT_EQ(threeReg(ops::RemS64Op::kOpcode, int64Min, kAllOnes), 0u);
  EXPECT_EQ(threeReg(ops::RemS64Op::kOpcode, uint64_t(-7), 2), kAllOnes);
  EXPECT_EQ(threeReg(ops::DivU64Op::kOpcode, kAllOnes, 2), kAllOnes >> 1);

  EXPECT_EQ(threeReg(ops::DivU32Op::kOpcode, 7, 0x100000000), kAllOnes);
  EXPECT_EQ(threeReg(ops::DivU32Op::kOpcode, 0x100000006, 0x100000003), 2u);
  EXPECT_EQ(threeReg(ops::DivU32Op::kOpcode, 0xFFFFFFFF, 1),
            kAllOnes); // sx32 of 0xFFFFFFFF
  EXPECT_EQ(threeReg(ops::DivS32Op::kOpcode, 0x80000000, 0xFFFFFFFF),
            0xFFFFFFFF80000000);
  EXPECT_EQ(threeReg(ops::DivS32Op::kOpcode, 5, 0), kAllOnes);
  EXPECT_EQ(threeReg(ops::RemU32Op::kOpcode, 0x80000001, 0),
            0xFFFFFFFF80000001);
  EXPECT_EQ(threeReg(ops::RemS32Op::kOpcode, 0x80000000, 0xFFFFFFFF), 0u);
  EXPECT_EQ(threeReg(ops::RemS32Op::kOpcode, 0xFFFFFFF9, 2), kAllOnes);
  EXPECT_EQ(threeReg(ops::RemS32Op::kOpcode, 0x1FFFFFFF9, 0), kAllOnes - 6);
}

TEST(SemanticsTest, MulUpperVariants) {
  // (-1) * (-1) = 1: high half 0 signed, 2^64 - 2 unsigned.
  EXPECT_EQ(threeReg(ops::MulUpperSSOp::kOpcode, kAllOnes, kAllOnes), 0u);
  EXPECT_EQ(threeReg(ops::MulUpperUUOp::kOpcode, kAllOnes, kAllOnes),
            kAllOnes - 1);
  // -1 * (2^64 - 1) = -2^64 + 1: high half all ones.
  EXPECT_EQ(threeReg(ops::MulUpperSUOp::kOpcode, kAllOnes, kAllOnes), kAllOnes);
  EXPECT_EQ(threeReg(ops::MulUpperSUOp::kOpcode, 2, kAllOnes), 1u);
  EXPECT_EQ(threeReg(ops::MulUpperSSOp::kOpcode, uint64_t(-2), 3), kAllOnes);
  EXPECT_EQ(threeReg(ops::MulUpperUUOp::kOpcode, 1ull << 32, 1ull << 32), 1u);
}

TEST(SemanticsTest, Rotates) {
  EXPECT_EQ(threeReg(ops::RotL64Op::kOpcode, 0x8000000000000001, 1), 3u);
  EXPECT_EQ(threeReg(ops::RotR64Op::kOpcode, 1, 65), 0x8000000000000000);
  EXPECT_EQ(threeReg(ops::RotL32Op::kOpcode, 0x80000000, 33), 1u);
  EXPECT_EQ(threeReg(ops::RotR32Op::kOpcode, 0x100000001, 1),
            0xFFFFFFFF80000000);
  EXPECT_EQ(regImm(ops::RotR64ImmOp::kOpcode, 1, 1), 0x8000000000000000);
  EXPECT_EQ(regImm(ops::RotR64ImmAltOp::kOpcode, 1, 2), 1u);
  EXPECT_EQ(regImm(ops::RotR32ImmOp::kOpcode, 2, 1), 1u);
  EXPECT_EQ(regImm(ops::RotR32ImmAltOp::kOpcode, 1, 1), 0xFFFFFFFF80000000);
}

TEST(SemanticsTest, CountAndExtendOps) {
  EXPECT_EQ(twoReg(ops::CountSetBits64Op::kOpcode, kAllOnes), 64u);
  EXPECT_EQ(twoReg(ops::CountSetBits32Op::kOpcode, 0xFFFFFFFF00000003), 2u);
  EXPECT_EQ(twoReg(ops::LeadingZeroBits64Op::kOpcode, 0), 64u);
  EXPECT_EQ(twoReg(ops::LeadingZeroBits64Op::kOpcode, 1), 63u);
  EXPECT_EQ(twoReg(ops::LeadingZeroBits32Op::kOpcode, 0), 32u);
  EXPECT_EQ(twoReg(ops::LeadingZeroBits32Op::kOpcode, 0xFFFFFFFF00000001), 31u);
  EXPECT_EQ(twoReg(ops::TrailingZeroBits64Op::kOpcode, 0), 64u);
  EXPECT_EQ(twoReg(ops::TrailingZeroBits32Op::kOpcode, 0x100000000), 32u);
  EXPECT_EQ(twoReg(ops::TrailingZeroBits32Op::kOpcode, 8), 3u);
  // Rust truncates before extending (pvm-isa.md §9 #2).
  EXPECT_EQ(twoReg(ops::SignExtend8Op::kOpcode, 0x100), 0u);
  EXPECT_EQ(twoReg(ops::SignExtend8Op::kOpcode, 0x80), 0xFFFFFFFFFFFFFF80);
  EXPECT_EQ(twoReg(ops::SignExtend16Op::kOpcode, 0x18000), 0xFFFFFFFFFFFF8000);
  EXPECT_EQ(twoReg(ops::ZeroExtend16Op::kOpcode, 0xFFFFFFFFFFFF8001), 0x8001u);
  EXPECT_EQ(twoReg(ops::ReverseBytesOp::kOpcode, 0x0102030405060708),
            0x0807060504030201u);
  EXPECT_EQ(twoReg(ops::MoveRegOp::kOpcode, 0x1234), 0x1234u);
}

TEST(SemanticsTest, LogicComparisonsAndMinMax) {
  EXPECT_EQ(threeReg(ops::AndInvOp::kOpcode, 0xFF, 0x0F), 0xF0u);
  EXPECT_EQ(threeReg(ops::OrInvOp::kOpcode, 0, kAllOnes - 1), 1u);
  EXPECT_EQ(threeReg(ops::XnorOp::kOpcode, 0, 0), kAllOnes);
  EXPECT_EQ(threeReg(ops::SetLtUOp::kOpcode, 1, kAllOnes), 1u);
  EXPECT_EQ(threeReg(ops::SetLtSOp::kOpcode, 1, kAllOnes), 0u);
  EXPECT_EQ(threeReg(ops::MaxOp::kOpcode, kAllOnes, 1), 1u);
  EXPECT_EQ(threeReg(ops::MaxUOp::kOpcode, kAllOnes, 1), kAllOnes);
  EXPECT_EQ(threeReg(ops::MinOp::kOpcode, kAllOnes, 1), kAllOnes);
  EXPECT_EQ(threeReg(ops::MinUOp::kOpcode, kAllOnes, 1), 1u);
  EXPECT_EQ(regImm(ops::SetLtUImmOp::kOpcode, 5, -1), 1u);
  EXPECT_EQ(regImm(ops::SetLtSImmOp::kOpcode, 5, -1), 0u);
  EXPECT_EQ(regImm(ops::SetGtUImmOp::kOpcode, kAllOnes, 1), 1u);
  EXPECT_EQ(regImm(ops::SetGtSImmOp::kOpcode, kAllOnes, 1), 0u);
  EXPECT_EQ(regImm(ops::AndImmOp::kOpcode, kAllOnes, -2), kAllOnes - 1);
  EXPECT_EQ(regImm(ops::XorImmOp::kOpcode, 0, -1), kAllOnes);
  EXPECT_EQ(regImm(ops::OrImmOp::kOpcode, 0x10, 1), 0x11u);
}

TEST(SemanticsTest, ConditionalMoves) {
  // cmov_iz: φ3 = φ1 when φ2 == 0, else φ3 unchanged.
  EXPECT_EQ(threeReg(ops::CmovIzOp::kOpcode, 7, 0), 7u);
  EXPECT_EQ(threeReg(ops::CmovIzOp::kOpcode, 7, 1), 0x5555u);
  EXPECT_EQ(threeReg(ops::CmovNzOp::kOpcode, 7, 2), 7u);
  EXPECT_EQ(threeReg(ops::CmovNzOp::kOpcode, 7, 0), 0x5555u);
  EXPECT_EQ(regImm(ops::CmovIzImmOp::kOpcode, 0, -3, 9), uint64_t(-3));
  EXPECT_EQ(regImm(ops::CmovIzImmOp::kOpcode, 1, -3, 9), 9u);
  EXPECT_EQ(regImm(ops::CmovNzImmOp::kOpcode, 1, 4, 9), 4u);
  EXPECT_EQ(regImm(ops::CmovNzImmOp::kOpcode, 0, 4, 9), 9u);
}

TEST(SemanticsTest, ImmediatesAreSignExtendedFromTheirWidth) {
  CodeBuilder code;
  code.raw({ops::LoadImmOp::kOpcode, 1, 0xF0});       // 1-byte -16
  code.raw({ops::LoadImmOp::kOpcode, 2});             // 0 bytes: 0
  code.raw({ops::LoadImmOp::kOpcode, 3, 0x00, 0x80}); // 2-byte -32768
  code.loadImm64(4, 0xFEDCBA9876543210);
  code.oneRegImm(ops::LoadImmOp::kOpcode, 5, int32_t(0x80000000));
  code.noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[2] = 99;
  Outcome out = execute(code, regs);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[1], uint64_t(-16));
  EXPECT_EQ(out.regs[2], 0u);
  EXPECT_EQ(out.regs[3], uint64_t(-32768));
  EXPECT_EQ(out.regs[4], 0xFEDCBA9876543210);
  EXPECT_EQ(out.regs[5], 0xFFFFFFFF80000000);
}

TEST(SemanticsTest, RegisterNibblesAboveTwelveMeanPhi12) {
  CodeBuilder code;
  // add_64 with b2 = 0x10: Rust reads the whole byte and clamps to 12.
  code.raw({ops::Add64Op::kOpcode, 0x21, 0x10}).noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = 40;
  regs[2] = 2;
  EXPECT_EQ(execute(code, regs).regs[12], 42u);
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

/// Page 1 (0x1000-0x1FFF) RW, page 2 (0x2000-0x2FFF) RO filled with 0xAB,
/// page 3 unmapped.
Memory twoPages() {
  Memory memory;
  EXPECT_FALSE(llvm::errorToBool(memory.map(1, 1, true, {})));
  std::vector<uint8_t> ro(4096, 0xAB);
  EXPECT_FALSE(llvm::errorToBool(memory.map(2, 1, false, ro)));
  return memory;
}

TEST(SemanticsTest, LoadsAndStoresCrossPageBoundaries) {
  Memory memory = twoPages();
  CodeBuilder code;
  // store_ind_u32 [φ1 + 0] = φ2 at 0x1FFE: straddles pages 1 and 2 (RO).
  code.twoRegImm(ops::StoreIndU32Op::kOpcode, 2, 1, 0);
  code.noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = 0x1FFE;
  regs[2] = 0x11223344;
  Outcome out = execute(code.code, memory, regs);
  ASSERT_EQ(out.stop.reason, StopReason::PageFault);
  EXPECT_EQ(out.stop.address, 0x1FFEu); // recompiler: the access address
  EXPECT_EQ(out.stop.pc, 0u);
  uint16_t untouched = 0;
  ASSERT_TRUE(memory.load<uint16_t>(0x1FFE, untouched));
  EXPECT_EQ(untouched, 0u); // nothing written on a fault

  // A load across the same boundary succeeds: RO is readable.
  CodeBuilder load;
  load.twoRegImm(ops::LoadIndU32Op::kOpcode, 3, 1, 0);
  load.noArgs(ops::TrapOp::kOpcode);
  out = execute(load.code, memory, regs);
  ASSERT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[3], 0xABAB0000u);

  // Into the unmapped page 3: the interpreter reports the page base of the
  // start address.
  regs[1] = 0x2FFC;
  CodeBuilder far;
  far.twoRegImm(ops::LoadIndU64Op::kOpcode, 3, 1, 0);
  far.noArgs(ops::TrapOp::kOpcode);
  out = execute(far.code, memory, regs, gas::Backend::Interpreter);
  ASSERT_EQ(out.stop.reason, StopReason::PageFault);
  EXPECT_EQ(out.stop.address, 0x2000u);
  EXPECT_EQ(out.regs[3], 0u);
}

TEST(SemanticsTest, StoresToReadOnlyPagesFault) {
  Memory memory = twoPages();
  CodeBuilder code;
  code.twoImm(ops::StoreImmU8Op::kOpcode, 0x2000, 1);
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code.code, memory);
  ASSERT_EQ(out.stop.reason, StopReason::PageFault);
  EXPECT_EQ(out.stop.address, 0x2000u);
  uint8_t byte = 0;
  ASSERT_TRUE(memory.load<uint8_t>(0x2000, byte));
  EXPECT_EQ(byte, 0xABu);
}

TEST(SemanticsTest, LoadWidthsAndSignExtension) {
  Memory memory = twoPages();
  CodeBuilder code;
  code.twoImm(ops::StoreImmU64Op::kOpcode, 0x1100, -2); // sign-extended
  code.oneRegImm(ops::LoadU8Op::kOpcode, 1, 0x1100);
  code.oneRegImm(ops::LoadI8Op::kOpcode, 2, 0x1100);
  code.oneRegImm(ops::LoadU16Op::kOpcode, 3, 0x1100);
  code.oneRegImm(ops::LoadI16Op::kOpcode, 4, 0x1100);
  code.oneRegImm(ops::LoadU32Op::kOpcode, 5, 0x1100);
  code.oneRegImm(ops::LoadI32Op::kOpcode, 6, 0x1100);
  code.oneRegImm(ops::LoadU64Op::kOpcode, 7, 0x1100);
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code.code, memory);
  ASSERT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[1], 0xFEu);
  EXPECT_EQ(out.regs[2], uint64_t(-2));
  EXPECT_EQ(out.regs[3], 0xFFFEu);
  EXPECT_EQ(out.regs[4], uint64_t(-2));
  EXPECT_EQ(out.regs[5], 0xFFFFFFFEu);
  EXPECT_EQ(out.regs[6], uint64_t(-2));
  EXPECT_EQ(out.regs[7], uint64_t(-2));
}

TEST(SemanticsTest, StoreVariantsWriteTheirWidth) {
  Memory memory = twoPages();
  CodeBuilder code;
  code.oneRegImm(ops::StoreU16Op::kOpcode, 1, 0x1200);              // 0x0807
  code.oneRegTwoImm(ops::StoreImmIndU8Op::kOpcode, 2, 0x10, 0x1FF); // low byte
  code.twoRegImm(ops::StoreIndU64Op::kOpcode, 1, 2, 0x20);
  code.noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = 0x0102030405060807;
  regs[2] = 0x1300;
  Outcome out = execute(code.code, memory, regs);
  ASSERT_EQ(out.stop.reason, StopReason::Trap);
  uint32_t word = 0;
  ASSERT_TRUE(memory.load<uint32_t>(0x1200, word));
  EXPECT_EQ(word, 0x0807u);
  uint16_t half = 0;
  ASSERT_TRUE(memory.load<uint16_t>(0x1310, half));
  EXPECT_EQ(half, 0xFFu);
  uint64_t dword = 0;
  ASSERT_TRUE(memory.load<uint64_t>(0x1320, dword));
  EXPECT_EQ(dword, regs[1]);
}

TEST(SemanticsTest, EffectiveAddressesWrapAt4GiB) {
  Memory memory;
  ASSERT_FALSE(llvm::errorToBool(memory.map(0, 1, true, {})));
  CodeBuilder code;
  // base 1 + offset -1 = address 0.
  code.twoRegImm(ops::StoreIndU8Op::kOpcode, 2, 1, -1);
  code.noArgs(ops::TrapOp::kOpcode);
  Regs regs = {};
  regs[1] = 1;
  regs[2] = 0x5A;
  Outcome out = execute(code.code, memory, regs);
  ASSERT_EQ(out.stop.reason, StopReason::Trap);
  uint8_t byte = 0;
  ASSERT_TRUE(memory.load<uint8_t>(0, byte));
  EXPECT_EQ(byte, 0x5Au);
}

TEST(SemanticsTest, AccessesCrossing4GiBFault) {
  Memory memory;
  ASSERT_FALSE(llvm::errorToBool(memory.map(0xFFFFF, 1, true, {})));
  ASSERT_FALSE(llvm::errorToBool(memory.map(0, 1, true, {})));
  CodeBuilder code;
  code.oneRegImm(ops::LoadU32Op::kOpcode, 1, int32_t(0xFFFFFFFE));
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code.code, memory);
  ASSERT_EQ(out.stop.reason, StopReason::PageFault);
  EXPECT_EQ(out.stop.address, 0xFFFFFFFEu);
}

//===----------------------------------------------------------------------===//
// Control flow, exits and gas
//===----------------------------------------------------------------------===//

TEST(SemanticsTest, BranchesTakenAndNotTaken) {
  for (bool taken : {false, true}) {
    CodeBuilder code;
    // 0: branch_lt_s φ1, φ2 -> 8 ; 6: trap ; 7: trap... target must be a
    // block start: the instruction after `trap`.
    code.branch(ops::BranchLtSOp::kOpcode, 1, 2, 7); // 0..5
    code.noArgs(ops::TrapOp::kOpcode);               // 6
    code.oneRegImm(ops::LoadImmOp::kOpcode, 7, 1);   // 7
    code.noArgs(ops::TrapOp::kOpcode);
    Regs regs = {};
    regs[1] = taken ? uint64_t(-1) : 1;
    regs[2] = 0;
    Outcome out = execute(code, regs);
    ASSERT_EQ(out.stop.reason, StopReason::Trap);
    EXPECT_EQ(out.regs[7], taken ? 1u : 0u);
    EXPECT_EQ(out.stop.pc, taken ? 13u : 6u);
  }
}

TEST(SemanticsTest, BranchImmediateComparesSignedAndUnsigned) {
  auto taken = [](uint8_t op, uint64_t value, int32_t imm) {
    CodeBuilder code;
    code.branchImm(op, 1, imm, 11);           // 10 bytes
    code.noArgs(ops::TrapOp::kOpcode);        // 10
    code.noArgs(ops::FallthroughOp::kOpcode); // 11
    code.noArgs(ops::TrapOp::kOpcode);
    Regs regs = {};
    regs[1] = value;
    return execute(code, regs).stop.pc == 12;
  };
  EXPECT_TRUE(taken(ops::BranchLtUImmOp::kOpcode, 1, -1));
  EXPECT_FALSE(taken(ops::BranchLtSImmOp::kOpcode, 1, -1));
  EXPECT_TRUE(taken(ops::BranchGeSImmOp::kOpcode, 0, -1));
  EXPECT_FALSE(taken(ops::BranchGeUImmOp::kOpcode, 0, -1));
  EXPECT_TRUE(taken(ops::BranchEqImmOp::kOpcode, uint64_t(-5), -5));
  EXPECT_TRUE(taken(ops::BranchNeImmOp::kOpcode, 5, -5));
  EXPECT_TRUE(taken(ops::BranchLeUImmOp::kOpcode, 7, 7));
  EXPECT_TRUE(taken(ops::BranchGtUImmOp::kOpcode, uint64_t(-1), 7));
  EXPECT_TRUE(taken(ops::BranchLeSImmOp::kOpcode, uint64_t(-8), -7));
  EXPECT_FALSE(taken(ops::BranchGtSImmOp::kOpcode, uint64_t(-1), 7));
}

TEST(SemanticsTest, RecompilerRejectsTargetsInsideAGasBlock) {
  CodeBuilder code;
  code.jump(11);                                 // 0..4
  code.oneRegImm(ops::LoadImmOp::kOpcode, 7, 1); // 5..10
  code.oneRegImm(ops::LoadImmOp::kOpcode, 8, 2); // 11: not a block start
  code.noArgs(ops::TrapOp::kOpcode);             // 17
  llvm::Expected<Program> program =
      Program::build(code.code, {gas::Backend::Recompiler, 25});
  ASSERT_FALSE(static_cast<bool>(program));
  EXPECT_NE(llvm::toString(program.takeError()).find("not a gas-block start"),
            std::string::npos);
  // The interpreter accepts the 4-byte jump's target (its pre-scan set) and
  // charges nothing for the rest of that block: only the jump's 12.
  Memory memory;
  Outcome out = execute(code.code, memory, {}, gas::Backend::Interpreter, 1000);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[7], 0u);
  EXPECT_EQ(out.regs[8], 2u);
  EXPECT_EQ(out.gas, 1000u - 12);
}

TEST(SemanticsTest, JumpToAPositionThatStartsNothingPanics) {
  CodeBuilder code;
  code.jump(7); // inside the load_imm below
  code.noArgs(ops::TrapOp::kOpcode);
  code.oneRegImm(ops::LoadImmOp::kOpcode, 7, 1);
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code);
  EXPECT_EQ(out.stop.reason, StopReason::Panic);
  EXPECT_EQ(out.stop.pc, 0u);
}

/// jump_ind φ1 + 0 through a one-entry table pointing at PC 6.
Outcome jumpIndirect(uint64_t address) {
  CodeBuilder code;
  code.oneRegImm(ops::JumpIndOp::kOpcode, 1, 0); // 0..5
  code.oneRegImm(ops::LoadImmOp::kOpcode, 7, 9); // 6
  code.noArgs(ops::TrapOp::kOpcode);
  code.code.jumpTable = {6};
  Regs regs = {};
  regs[1] = address;
  return execute(code, regs);
}

TEST(SemanticsTest, DynamicJumpsGoThroughTheJumpTable) {
  Outcome out = jumpIndirect(2);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[7], 9u);
  // Only the low 32 bits of the address count.
  EXPECT_EQ(jumpIndirect(0x100000002).stop.reason, StopReason::Trap);
  for (uint64_t bad : {0, 1, 3, 4}) {
    Outcome fail = jumpIndirect(bad);
    EXPECT_EQ(fail.stop.reason, StopReason::Panic) << bad;
    EXPECT_EQ(fail.stop.pc, 0u);
  }
}

TEST(SemanticsTest, LoadImmJumpIndReadsTheBaseAfterWritingIt) {
  CodeBuilder code;
  // φ1 = 2; jump to φ1 + 0 = 2 -> entry 0. With rA = rB the new value counts.
  code.twoRegTwoImm(ops::LoadImmJumpIndOp::kOpcode, 1, 1, 2, 0); // 0..10
  code.noArgs(ops::TrapOp::kOpcode);                             // 11
  code.oneRegImm(ops::LoadImmOp::kOpcode, 7, 5);                 // 12
  code.noArgs(ops::TrapOp::kOpcode);
  code.code.jumpTable = {12};
  Regs regs = {};
  regs[1] = 1000;
  Outcome out = execute(code, regs);
  EXPECT_EQ(out.stop.reason, StopReason::Trap);
  EXPECT_EQ(out.regs[7], 5u);
  EXPECT_EQ(out.regs[1], 2u);
}

TEST(SemanticsTest, LoadImmJumpWritesThenJumps) {
  CodeBuilder code;
  code.branchImm(ops::LoadImmJumpOp::kOpcode, 0, 42, 11); // 0..9
  code.noArgs(ops::TrapOp::kOpcode);                      // 10
  code.noArgs(ops::TrapOp::kOpcode);                      // 11
  Outcome out = execute(code);
  EXPECT_EQ(out.regs[0], 42u);
  EXPECT_EQ(out.stop.pc, 11u);
}

TEST(SemanticsTest, HostCallsStopPastTheInstruction) {
  CodeBuilder code;
  code.raw({ops::EcalliOp::kOpcode, 0xFF}); // sign-extends to 0xFFFFFFFF
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code);
  EXPECT_EQ(out.stop.reason, StopReason::HostCall);
  EXPECT_EQ(out.stop.hostCallId, 0xFFFFFFFFu);
  EXPECT_EQ(out.stop.pc, 2u);
}

TEST(SemanticsTest, SbrkPanics) {
  CodeBuilder code;
  code.twoReg(ops::SbrkOp::kOpcode, 1, 2).noArgs(ops::TrapOp::kOpcode);
  EXPECT_EQ(execute(code).stop.reason, StopReason::Panic);
}

TEST(SemanticsTest, InvalidOpcodesPanicOrAreSkipped) {
  CodeBuilder code;
  code.noArgs(ops::FallthroughOp::kOpcode)
      .raw({0x0F})
      .noArgs(ops::TrapOp::kOpcode);
  Outcome recompiled = execute(code);
  EXPECT_EQ(recompiled.stop.reason, StopReason::Panic);
  EXPECT_EQ(recompiled.stop.pc, 1u);
  // The kernel's interpreter fast path steps over it (pvm-isa.md §8.2).
  Outcome interpreted = execute(code, {}, gas::Backend::Interpreter);
  EXPECT_EQ(interpreted.stop.reason, StopReason::Trap);
  EXPECT_EQ(interpreted.stop.pc, 2u);
}

TEST(SemanticsTest, CodeWithoutAStartAtZeroPanics) {
  CodeBuilder code;
  code.noArgs(ops::TrapOp::kOpcode);
  code.code.bitmask[0] = 0;
  EXPECT_EQ(execute(code).stop.reason, StopReason::Panic);
}

TEST(SemanticsTest, ASkipCappedAt24LandsOnNothingAndPanics) {
  CodeBuilder code;
  code.noArgs(ops::FallthroughOp::kOpcode);
  code.le(0, 30); // 30 bytes with bitmask 0: ℓ is capped at 24
  code.noArgs(ops::TrapOp::kOpcode);
  Outcome out = execute(code);
  EXPECT_EQ(out.stop.reason, StopReason::Panic);
  EXPECT_EQ(out.stop.pc, 25u);
}

TEST(SemanticsTest, FallingOffTheEnd) {
  CodeBuilder code;
  code.noArgs(ops::FallthroughOp::kOpcode);
  // Interpreter: sentinel trap charged 1 -> 2 gas in all (checked in Rust).
  Memory memory;
  Outcome interpreted =
      execute(code.code, memory, {}, gas::Backend::Interpreter, 100);
  EXPECT_EQ(interpreted.stop.reason, StopReason::Trap);
  EXPECT_EQ(interpreted.gas, 98u);
  // Recompiler: the out-of-gas exit.
  Outcome recompiled =
      execute(code.code, memory, {}, gas::Backend::Recompiler, 100);
  EXPECT_EQ(recompiled.stop.reason, StopReason::OutOfGas);
  EXPECT_TRUE(recompiled.stop.fellOffEnd);
}

TEST(SemanticsTest, OutOfGasBeforeTheBlockRuns) {
  // load_imm φ7, 42; ecalli 0 costs 97; trap block costs 1.
  CodeBuilder code;
  code.raw({ops::LoadImmOp::kOpcode, 7, 42})
      .ecalli(0)
      .noArgs(ops::TrapOp::kOpcode);
  Memory memory;
  Outcome exact = execute(code.code, memory, {}, gas::Backend::Recompiler, 97);
  EXPECT_EQ(exact.stop.reason, StopReason::HostCall);
  EXPECT_EQ(exact.gas, 0u);
  EXPECT_EQ(exact.regs[7], 42u);

  Outcome shortRecompiled =
      execute(code.code, memory, {}, gas::Backend::Recompiler, 96);
  EXPECT_EQ(shortRecompiled.stop.reason, StopReason::OutOfGas);
  EXPECT_EQ(shortRecompiled.stop.pc, 0u);
  EXPECT_EQ(shortRecompiled.regs[7], 0u); // nothing in the block ran
  EXPECT_EQ(shortRecompiled.instructions, 0u);
  EXPECT_EQ(shortRecompiled.gas, 0u); // recompiler: the kernel reads 0

  Outcome shortInterpreted =
      execute(code.code, memory, {}, gas::Backend::Interpreter, 96);
  EXPECT_EQ(shortInterpreted.stop.reason, StopReason::OutOfGas);
  EXPECT_EQ(shortInterpreted.gas, 96u); // interpreter: left unchanged
}

TEST(SemanticsTest, GasIsChargedPerBlockEntry) {
  // Fibonacci of gas-model.md §8 B with 1000 iterations:
  // 14 + 1000 * 19 + 97 gas, 5 + 1000 * 5 + 2 instructions.
  CodeBuilder code;
  code.loadImm64(2, 0).loadImm64(3, 1).loadImm64(4, 0).loadImm64(6, 1000);
  code.jump(45);
  ASSERT_EQ(code.pc(), 45u);
  code.threeReg(ops::Add64Op::kOpcode, 5, 2, 3);
  code.twoReg(ops::MoveRegOp::kOpcode, 2, 3);
  code.twoReg(ops::MoveRegOp::kOpcode, 3, 5);
  code.twoRegImm(ops::AddImm64Op::kOpcode, 4, 4, 1);
  code.branch(ops::BranchLtUOp::kOpcode, 4, 6, 45);
  code.twoReg(ops::MoveRegOp::kOpcode, 7, 3);
  code.ecalli(0);
  Memory memory;
  Outcome out =
      execute(code.code, memory, {}, gas::Backend::Recompiler, 1000000);
  ASSERT_EQ(out.stop.reason, StopReason::HostCall);
  EXPECT_EQ(1000000 - out.gas, 14u + 1000 * 19 + 97);
  EXPECT_EQ(out.instructions, 5u + 1000 * 5 + 2);
}

} // namespace
