//===- PerOpcodeTest.cpp - one hand-derived vector per opcode -------------===//
//
// A table with at least one vector for every register, branch, load and
// store opcode (values worked out by hand from pvm-isa.md §3), and a check
// that every valid opcode is covered here or by a named test elsewhere.
//
//===----------------------------------------------------------------------===//

#include "CodeBuilder.h"

#include "grey/Dialect/PVM/PVMOpcodeTable.h"
#include "grey/Interpreter/Machine.h"
#include "grey/Interpreter/Memory.h"
#include "grey/Interpreter/Program.h"

#include "gtest/gtest.h"

#include <set>

using namespace grey;
using namespace grey::interp;
using grey::testing::CodeBuilder;
namespace ops = grey::pvm;

namespace {

constexpr uint64_t kOnes = ~uint64_t(0);
constexpr uint64_t kMin64 = 0x8000000000000000;
/// φ3's value before a conditional move that does not happen.
constexpr uint64_t kUntouched = 0x5555;

enum class Kind {
  /// φ3 = op(φ1 = first, φ2 = second).
  ThreeReg,
  /// φ3 = op(φ1 = first).
  TwoReg,
  /// φ3 = op(φ1 = first, imm = second).
  RegImm,
  /// branch(φ1 = first, φ2 = second); expected = taken.
  Branch,
  /// branch(φ1 = first, imm = second); expected = taken.
  BranchImm,
  /// φ3 = load from 0x1000 (bytes 80 81 .. 87), directly or via φ2 + 0x10.
  Load,
  /// store `first` (register or immediate) at 0x1000; expected = the u64
  /// read back.
  Store,
};

struct Vector {
  uint8_t opcode;
  Kind kind;
  uint64_t first, second, expected;
};

std::string nameOf(uint8_t opcode) {
  return std::string(pvm::lookupOpcode(opcode).name);
}

const std::vector<Vector> &vectors() {
  static const std::vector<Vector> table = {
      // ThreeReg.
      {ops::Add32Op::kOpcode, Kind::ThreeReg, 0x7FFFFFFF, 1,
       0xFFFFFFFF80000000},
      {ops::Sub32Op::kOpcode, Kind::ThreeReg, 0, 1, kOnes},
      {ops::Mul32Op::kOpcode, Kind::ThreeReg, 0xFFFF, 0x10000,
       0xFFFFFFFFFFFF0000},
      {ops::DivU32Op::kOpcode, Kind::ThreeReg, 7, 0, kOnes},
      {ops::DivS32Op::kOpcode, Kind::ThreeReg, 0x80000000, 0xFFFFFFFF,
       0xFFFFFFFF80000000},
      {ops::RemU32Op::kOpcode, Kind::ThreeReg, 0x80000001, 0,
       0xFFFFFFFF80000001},
      {ops::RemS32Op::kOpcode, Kind::ThreeReg, 0x80000000, 0xFFFFFFFF, 0},
      {ops::ShloL32Op::kOpcode, Kind::ThreeReg, 1, 31, 0xFFFFFFFF80000000},
      {ops::ShloR32Op::kOpcode, Kind::ThreeReg, 0x80000000, 0,
       0xFFFFFFFF80000000},
      {ops::SharR32Op::kOpcode, Kind::ThreeReg, 0x80000000, 36,
       0xFFFFFFFFF8000000},
      {ops::Add64Op::kOpcode, Kind::ThreeReg, kOnes, 2, 1},
      {ops::Sub64Op::kOpcode, Kind::ThreeReg, 0, 1, kOnes},
      {ops::Mul64Op::kOpcode, Kind::ThreeReg, 0x100000001, 0x100000001,
       0x200000001},
      {ops::DivU64Op::kOpcode, Kind::ThreeReg, 7, 0, kOnes},
      {ops::DivS64Op::kOpcode, Kind::ThreeReg, kMin64, kOnes, kMin64},
      {ops::RemU64Op::kOpcode, Kind::ThreeReg, 7, 0, 7},
      {ops::RemS64Op::kOpcode, Kind::ThreeReg, kMin64, kOnes, 0},
      {ops::ShloL64Op::kOpcode, Kind::ThreeReg, 3, 65, 6},
      {ops::ShloR64Op::kOpcode, Kind::ThreeReg, kMin64, 127, 1},
      {ops::SharR64Op::kOpcode, Kind::ThreeReg, kMin64, 63, kOnes},
      {ops::AndOp::kOpcode, Kind::ThreeReg, 0xF0F0, 0xFF00, 0xF000},
      {ops::XorOp::kOpcode, Kind::ThreeReg, 0xF0F0, 0xFF00, 0x0FF0},
      {ops::OrOp::kOpcode, Kind::ThreeReg, 0xF0F0, 0xFF00, 0xFFF0},
      {ops::MulUpperSSOp::kOpcode, Kind::ThreeReg, uint64_t(-2), 3, kOnes},
      {ops::MulUpperUUOp::kOpcode, Kind::ThreeReg, kOnes, kOnes, kOnes - 1},
      {ops::MulUpperSUOp::kOpcode, Kind::ThreeReg, kOnes, kOnes, kOnes},
      {ops::SetLtUOp::kOpcode, Kind::ThreeReg, 1, kOnes, 1},
      {ops::SetLtSOp::kOpcode, Kind::ThreeReg, 1, kOnes, 0},
      {ops::CmovIzOp::kOpcode, Kind::ThreeReg, 7, 0, 7},
      {ops::CmovNzOp::kOpcode, Kind::ThreeReg, 7, 0, kUntouched},
      {ops::RotL64Op::kOpcode, Kind::ThreeReg, 0x8000000000000001, 1, 3},
      {ops::RotL32Op::kOpcode, Kind::ThreeReg, 0x80000000, 33, 1},
      {ops::RotR64Op::kOpcode, Kind::ThreeReg, 1, 65, kMin64},
      {ops::RotR32Op::kOpcode, Kind::ThreeReg, 0x100000001, 1,
       0xFFFFFFFF80000000},
      {ops::AndInvOp::kOpcode, Kind::ThreeReg, 0xFF, 0x0F, 0xF0},
      {ops::OrInvOp::kOpcode, Kind::ThreeReg, 0, kOnes - 1, 1},
      {ops::XnorOp::kOpcode, Kind::ThreeReg, 0, 0, kOnes},
      {ops::MaxOp::kOpcode, Kind::ThreeReg, kOnes, 1, 1},
      {ops::MaxUOp::kOpcode, Kind::ThreeReg, kOnes, 1, kOnes},
      {ops::MinOp::kOpcode, Kind::ThreeReg, kOnes, 1, kOnes},
      {ops::MinUOp::kOpcode, Kind::ThreeReg, kOnes, 1, 1},
      // TwoReg.
      {ops::MoveRegOp::kOpcode, Kind::TwoReg, 0x1234, 0, 0x1234},
      {ops::CountSetBits64Op::kOpcode, Kind::TwoReg, kOnes, 0, 64},
      {ops::CountSetBits32Op::kOpcode, Kind::TwoReg, 0xFFFFFFFF00000003, 0, 2},
      {ops::LeadingZeroBits64Op::kOpcode, Kind::TwoReg, 1, 0, 63},
      {ops::LeadingZeroBits32Op::kOpcode, Kind::TwoReg, 0xFFFFFFFF00000001, 0,
       31},
      {ops::TrailingZeroBits64Op::kOpcode, Kind::TwoReg, 0, 0, 64},
      {ops::TrailingZeroBits32Op::kOpcode, Kind::TwoReg, 0x100000000, 0, 32},
      {ops::SignExtend8Op::kOpcode, Kind::TwoReg, 0x180, 0, 0xFFFFFFFFFFFFFF80},
      {ops::SignExtend16Op::kOpcode, Kind::TwoReg, 0x18000, 0,
       0xFFFFFFFFFFFF8000},
      {ops::ZeroExtend16Op::kOpcode, Kind::TwoReg, 0xFFFFFFFFFFFF8001, 0,
       0x8001},
      {ops::ReverseBytesOp::kOpcode, Kind::TwoReg, 0x0102030405060708, 0,
       0x0807060504030201},
      // TwoRegOneImm arithmetic.
      {ops::AddImm32Op::kOpcode, Kind::RegImm, 0x7FFFFFFF, 1,
       0xFFFFFFFF80000000},
      {ops::AndImmOp::kOpcode, Kind::RegImm, kOnes, uint64_t(-2), kOnes - 1},
      {ops::XorImmOp::kOpcode, Kind::RegImm, 0, uint64_t(-1), kOnes},
      {ops::OrImmOp::kOpcode, Kind::RegImm, 0x10, 1, 0x11},
      {ops::MulImm32Op::kOpcode, Kind::RegImm, 0x40000000, 2,
       0xFFFFFFFF80000000},
      {ops::SetLtUImmOp::kOpcode, Kind::RegImm, 5, uint64_t(-1), 1},
      {ops::SetLtSImmOp::kOpcode, Kind::RegImm, 5, uint64_t(-1), 0},
      {ops::ShloLImm32Op::kOpcode, Kind::RegImm, 1, 63, 0xFFFFFFFF80000000},
      {ops::ShloRImm32Op::kOpcode, Kind::RegImm, 0x100000010, 4, 1},
      {ops::SharRImm32Op::kOpcode, Kind::RegImm, 0x80000000, 4,
       0xFFFFFFFFF8000000},
      {ops::NegAddImm32Op::kOpcode, Kind::RegImm, 1, 0, kOnes},
      {ops::SetGtUImmOp::kOpcode, Kind::RegImm, kOnes, 1, 1},
      {ops::SetGtSImmOp::kOpcode, Kind::RegImm, kOnes, 1, 0},
      {ops::ShloLImmAlt32Op::kOpcode, Kind::RegImm, 33, 1, 2},
      {ops::ShloRImmAlt32Op::kOpcode, Kind::RegImm, 4, 0xFFFFFFFF80000000,
       0x08000000},
      {ops::SharRImmAlt32Op::kOpcode, Kind::RegImm, 1, 0xFFFFFFFF80000000,
       0xFFFFFFFFC0000000},
      {ops::CmovIzImmOp::kOpcode, Kind::RegImm, 0, uint64_t(-3), uint64_t(-3)},
      {ops::CmovNzImmOp::kOpcode, Kind::RegImm, 0, 4, kUntouched},
      {ops::AddImm64Op::kOpcode, Kind::RegImm, 5, uint64_t(-6), kOnes},
      {ops::MulImm64Op::kOpcode, Kind::RegImm, 3, uint64_t(-1), uint64_t(-3)},
      {ops::ShloLImm64Op::kOpcode, Kind::RegImm, 1, 64, 1},
      {ops::ShloRImm64Op::kOpcode, Kind::RegImm, kMin64, 63, 1},
      {ops::SharRImm64Op::kOpcode, Kind::RegImm, uint64_t(-16), 2,
       uint64_t(-4)},
      {ops::NegAddImm64Op::kOpcode, Kind::RegImm, 3, 1, uint64_t(-2)},
      {ops::ShloLImmAlt64Op::kOpcode, Kind::RegImm, 65, 3, 6},
      {ops::ShloRImmAlt64Op::kOpcode, Kind::RegImm, 4, uint64_t(-1),
       0x0FFFFFFFFFFFFFFF},
      {ops::SharRImmAlt64Op::kOpcode, Kind::RegImm, 4, uint64_t(-16), kOnes},
      {ops::RotR64ImmOp::kOpcode, Kind::RegImm, 1, 1, kMin64},
      {ops::RotR64ImmAltOp::kOpcode, Kind::RegImm, 1, 2, 1},
      {ops::RotR32ImmOp::kOpcode, Kind::RegImm, 2, 1, 1},
      {ops::RotR32ImmAltOp::kOpcode, Kind::RegImm, 1, 1, 0xFFFFFFFF80000000},
      // Branches.
      {ops::BranchEqOp::kOpcode, Kind::Branch, 5, 5, 1},
      {ops::BranchNeOp::kOpcode, Kind::Branch, 5, 5, 0},
      {ops::BranchLtUOp::kOpcode, Kind::Branch, 1, kOnes, 1},
      {ops::BranchLtSOp::kOpcode, Kind::Branch, 1, kOnes, 0},
      {ops::BranchGeUOp::kOpcode, Kind::Branch, kOnes, 1, 1},
      {ops::BranchGeSOp::kOpcode, Kind::Branch, kOnes, 1, 0},
      {ops::BranchEqImmOp::kOpcode, Kind::BranchImm, uint64_t(-5), uint64_t(-5),
       1},
      {ops::BranchNeImmOp::kOpcode, Kind::BranchImm, 5, uint64_t(-5), 1},
      {ops::BranchLtUImmOp::kOpcode, Kind::BranchImm, 1, uint64_t(-1), 1},
      {ops::BranchLeUImmOp::kOpcode, Kind::BranchImm, 7, 7, 1},
      {ops::BranchGeUImmOp::kOpcode, Kind::BranchImm, 0, uint64_t(-1), 0},
      {ops::BranchGtUImmOp::kOpcode, Kind::BranchImm, uint64_t(-1), 7, 1},
      {ops::BranchLtSImmOp::kOpcode, Kind::BranchImm, 1, uint64_t(-1), 0},
      {ops::BranchLeSImmOp::kOpcode, Kind::BranchImm, uint64_t(-8),
       uint64_t(-7), 1},
      {ops::BranchGeSImmOp::kOpcode, Kind::BranchImm, 0, uint64_t(-1), 1},
      {ops::BranchGtSImmOp::kOpcode, Kind::BranchImm, uint64_t(-1), 7, 0},
      // Loads of the bytes 80 81 82 83 84 85 86 87.
      {ops::LoadU8Op::kOpcode, Kind::Load, 0, 0, 0x80},
      {ops::LoadI8Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFFFFFFFF80},
      {ops::LoadU16Op::kOpcode, Kind::Load, 0, 0, 0x8180},
      {ops::LoadI16Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFFFFFF8180},
      {ops::LoadU32Op::kOpcode, Kind::Load, 0, 0, 0x83828180},
      {ops::LoadI32Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFF83828180},
      {ops::LoadU64Op::kOpcode, Kind::Load, 0, 0, 0x8786858483828180},
      {ops::LoadIndU8Op::kOpcode, Kind::Load, 0, 0, 0x80},
      {ops::LoadIndI8Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFFFFFFFF80},
      {ops::LoadIndU16Op::kOpcode, Kind::Load, 0, 0, 0x8180},
      {ops::LoadIndI16Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFFFFFF8180},
      {ops::LoadIndU32Op::kOpcode, Kind::Load, 0, 0, 0x83828180},
      {ops::LoadIndI32Op::kOpcode, Kind::Load, 0, 0, 0xFFFFFFFF83828180},
      {ops::LoadIndU64Op::kOpcode, Kind::Load, 0, 0, 0x8786858483828180},
      // Stores of a register or of the immediate 0x85667788 (negative).
      {ops::StoreU8Op::kOpcode, Kind::Store, 0x1122334455667788, 0, 0x88},
      {ops::StoreU16Op::kOpcode, Kind::Store, 0x1122334455667788, 0, 0x7788},
      {ops::StoreU32Op::kOpcode, Kind::Store, 0x1122334455667788, 0,
       0x55667788},
      {ops::StoreU64Op::kOpcode, Kind::Store, 0x1122334455667788, 0,
       0x1122334455667788},
      {ops::StoreIndU8Op::kOpcode, Kind::Store, 0x1122334455667788, 0, 0x88},
      {ops::StoreIndU16Op::kOpcode, Kind::Store, 0x1122334455667788, 0, 0x7788},
      {ops::StoreIndU32Op::kOpcode, Kind::Store, 0x1122334455667788, 0,
       0x55667788},
      {ops::StoreIndU64Op::kOpcode, Kind::Store, 0x1122334455667788, 0,
       0x1122334455667788},
      {ops::StoreImmU8Op::kOpcode, Kind::Store, 0x85667788, 0, 0x88},
      {ops::StoreImmU16Op::kOpcode, Kind::Store, 0x85667788, 0, 0x7788},
      {ops::StoreImmU32Op::kOpcode, Kind::Store, 0x85667788, 0, 0x85667788},
      {ops::StoreImmU64Op::kOpcode, Kind::Store, 0x85667788, 0,
       0xFFFFFFFF85667788},
      {ops::StoreImmIndU8Op::kOpcode, Kind::Store, 0x85667788, 0, 0x88},
      {ops::StoreImmIndU16Op::kOpcode, Kind::Store, 0x85667788, 0, 0x7788},
      {ops::StoreImmIndU32Op::kOpcode, Kind::Store, 0x85667788, 0, 0x85667788},
      {ops::StoreImmIndU64Op::kOpcode, Kind::Store, 0x85667788, 0,
       0xFFFFFFFF85667788},
  };
  return table;
}

/// Encodes the vector's instruction followed by `trap`; branches get a
/// second trap at their target so the stop PC shows the outcome.
CodeBuilder encode(const Vector &v) {
  CodeBuilder code;
  const uint8_t op = v.opcode;
  const int32_t imm = int32_t(uint32_t(v.second));
  switch (v.kind) {
  case Kind::ThreeReg:
    code.threeReg(op, 3, 1, 2);
    break;
  case Kind::TwoReg:
    code.twoReg(op, 3, 1);
    break;
  case Kind::RegImm:
    code.twoRegImm(op, 3, 1, imm);
    break;
  case Kind::Branch:
    code.branch(op, 1, 2, 7); // 6 bytes, then trap at 6, trap at 7
    break;
  case Kind::BranchImm:
    code.branchImm(op, 1, imm, 11); // 10 bytes
    break;
  case Kind::Load:
    if (pvm::lookupOpcode(op).format == pvm::Format::OneRegOneImm)
      code.oneRegImm(op, 3, 0x1000);
    else
      code.twoRegImm(op, 3, 2, 0x10); // φ2 = 0xFF0
    break;
  case Kind::Store:
    switch (pvm::lookupOpcode(op).format) {
    case pvm::Format::OneRegOneImm:
      code.oneRegImm(op, 1, 0x1000);
      break;
    case pvm::Format::TwoRegOneImm:
      code.twoRegImm(op, 1, 2, 0x10);
      break;
    case pvm::Format::TwoImm:
      code.twoImm(op, 0x1000, int32_t(uint32_t(v.first)));
      break;
    default: // OneRegTwoImm
      code.oneRegTwoImm(op, 2, 0x10, int32_t(uint32_t(v.first)));
      break;
    }
    break;
  }
  code.noArgs(ops::TrapOp::kOpcode);
  if (v.kind == Kind::Branch || v.kind == Kind::BranchImm)
    code.noArgs(ops::TrapOp::kOpcode);
  return code;
}

class PerOpcodeTest : public ::testing::TestWithParam<Vector> {};

TEST_P(PerOpcodeTest, MatchesTheHandDerivedResult) {
  const Vector &v = GetParam();
  CodeBuilder code = encode(v);
  llvm::Expected<Program> program =
      Program::build(code.code, {gas::Backend::Recompiler, 25});
  ASSERT_TRUE(static_cast<bool>(program))
      << llvm::toString(program.takeError());
  Memory memory;
  std::vector<uint8_t> bytes = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87};
  if (v.kind == Kind::Store)
    bytes.clear();
  ASSERT_FALSE(llvm::errorToBool(memory.map(1, 1, true, bytes)));
  Machine machine(*program, memory);
  machine.gas = 1000;
  machine.regs[1] = v.first;
  machine.regs[2] =
      v.kind == Kind::Load || v.kind == Kind::Store ? 0xFF0 : v.second;
  machine.regs[3] = kUntouched;
  Stop stop = machine.run();
  ASSERT_EQ(stop.reason, StopReason::Trap);

  switch (v.kind) {
  case Kind::Branch:
  case Kind::BranchImm: {
    uint32_t takenPc = v.kind == Kind::Branch ? 7 : 11;
    EXPECT_EQ(stop.pc == takenPc, v.expected != 0);
    break;
  }
  case Kind::Store: {
    uint64_t stored = 0;
    ASSERT_TRUE(memory.load<uint64_t>(0x1000, stored));
    EXPECT_EQ(stored, v.expected);
    break;
  }
  default:
    EXPECT_EQ(machine.regs[3], v.expected);
    break;
  }
}

INSTANTIATE_TEST_SUITE_P(Opcodes, PerOpcodeTest, ::testing::ValuesIn(vectors()),
                         [](const ::testing::TestParamInfo<Vector> &info) {
                           return nameOf(info.param.opcode) + "_" +
                                  std::to_string(info.index);
                         });

TEST(PerOpcodeCoverageTest, EveryValidOpcodeHasAVector) {
  std::set<unsigned> covered;
  for (const Vector &v : vectors())
    covered.insert(v.opcode);
  // Control flow and kernel exits, tested by name in SemanticsTest and
  // KernelTest.
  for (unsigned op : {ops::TrapOp::kOpcode, ops::FallthroughOp::kOpcode,
                      ops::UnlikelyOp::kOpcode, ops::EcallOp::kOpcode,
                      ops::EcalliOp::kOpcode, ops::LoadImm64Op::kOpcode,
                      ops::JumpOp::kOpcode, ops::JumpIndOp::kOpcode,
                      ops::LoadImmOp::kOpcode, ops::LoadImmJumpOp::kOpcode,
                      ops::SbrkOp::kOpcode, ops::LoadImmJumpIndOp::kOpcode})
    covered.insert(op);
  unsigned valid = 0;
  for (unsigned op = 0; op < 256; ++op) {
    if (!pvm::lookupOpcode(op).isValid())
      continue;
    ++valid;
    EXPECT_TRUE(covered.count(op)) << "no vector for " << nameOf(op);
  }
  EXPECT_EQ(valid, 141u);
}

} // namespace
