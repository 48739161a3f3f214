//===- JITHazardsTest.cpp - the recompiler hazard detector ----------------===//
//
// One suite per hazard of anchors/javm-recompiler-bugs.md: the reproducer
// and positive variants, then near misses that must not be reported.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/JITHazards.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Target/Blob/InstructionEncoder.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace grey;
using namespace grey::blob;
namespace ops = grey::pvm;

namespace {

Instruction make(unsigned opcode) {
  Instruction inst;
  inst.opcode = uint8_t(opcode);
  inst.format = pvm::lookupOpcode(inst.opcode).format;
  return inst;
}
/// rd = ra OP rb.
Instruction three(unsigned opcode, uint8_t rd, uint8_t ra, uint8_t rb) {
  Instruction inst = make(opcode);
  inst.regD = rd;
  inst.regA = ra;
  inst.regB = rb;
  return inst;
}
/// TwoRegOneImm: ra = rb OP imm (a store: [rb + imm] = ra).
Instruction twoImm(unsigned opcode, uint8_t ra, uint8_t rb, int64_t imm) {
  Instruction inst = make(opcode);
  inst.regA = ra;
  inst.regB = rb;
  inst.immX = uint64_t(imm);
  return inst;
}
/// rd = f(ra).
Instruction two(unsigned opcode, uint8_t rd, uint8_t ra) {
  Instruction inst = make(opcode);
  inst.regD = rd;
  inst.regA = ra;
  return inst;
}
Instruction loadImm(uint8_t ra, int64_t value) {
  Instruction inst = make(ops::LoadImmOp::kOpcode);
  inst.regA = ra;
  inst.immX = uint64_t(value);
  return inst;
}
Instruction fallthrough() { return make(ops::FallthroughOp::kOpcode); }

/// The hazards of `insts` (PCs numbered 0, 1, 2, …) as "LETTER@index".
std::vector<std::string> scan(std::vector<Instruction> insts) {
  for (size_t i = 0; i < insts.size(); ++i)
    insts[i].pc = uint32_t(i);
  std::vector<std::string> found;
  for (const JITHazard &hazard : findJITHazards(insts))
    found.push_back(std::string(1, hazardLetter(hazard.kind)) + "@" +
                    std::to_string(hazard.index));
  return found;
}
using Found = std::vector<std::string>;

//===----------------------------------------------------------------------===//
// A: shift by a register into φ12
//===----------------------------------------------------------------------===//

TEST(JITHazardsShiftTest, FindsTheReproducer) {
  EXPECT_EQ(scan({loadImm(4, -2128394905), loadImm(7, 5), loadImm(12, 1911),
                  three(ops::ShloL32Op::kOpcode, 12, 4, 7),
                  two(ops::MoveRegOp::kOpcode, 7, 12)}),
            Found{"A@3"});
}

TEST(JITHazardsShiftTest, ThirtyTwoBitFormsAreWrongIntoPhi12) {
  for (unsigned op : {ops::ShloL32Op::kOpcode, ops::ShloR32Op::kOpcode,
                      ops::SharR32Op::kOpcode, ops::RotL32Op::kOpcode,
                      ops::RotR32Op::kOpcode}) {
    SCOPED_TRACE(op);
    EXPECT_EQ(scan({three(op, 12, 4, 7)}), Found{"A@0"});
    EXPECT_EQ(scan({three(op, 12, 12, 7)}), Found{"A@0"});
    EXPECT_EQ(scan({three(op, 12, 4, 12)}), Found{"A@0"});
    // Near misses: another destination, or everything in φ12.
    EXPECT_EQ(scan({three(op, 11, 4, 7)}), Found{});
    EXPECT_EQ(scan({three(op, 4, 12, 12)}), Found{});
    EXPECT_EQ(scan({three(op, 12, 12, 12)}), Found{});
  }
  for (unsigned op :
       {ops::ShloLImmAlt32Op::kOpcode, ops::ShloRImmAlt32Op::kOpcode,
        ops::SharRImmAlt32Op::kOpcode, ops::RotR32ImmAltOp::kOpcode}) {
    SCOPED_TRACE(op);
    EXPECT_EQ(scan({twoImm(op, 12, 3, 5)}), Found{"A@0"});
    EXPECT_EQ(scan({twoImm(op, 12, 12, 5)}), Found{"A@0"});
    EXPECT_EQ(scan({twoImm(op, 3, 12, 5)}), Found{});
  }
}

TEST(JITHazardsShiftTest, SixtyFourBitFormsAreWrongOnlyWithTheCountInPhi12) {
  for (unsigned op : {ops::ShloL64Op::kOpcode, ops::ShloR64Op::kOpcode,
                      ops::SharR64Op::kOpcode, ops::RotL64Op::kOpcode,
                      ops::RotR64Op::kOpcode}) {
    SCOPED_TRACE(op);
    EXPECT_EQ(scan({three(op, 12, 4, 12)}), Found{"A@0"});
    // The 64-bit helper saves the value first: these are right.
    EXPECT_EQ(scan({three(op, 12, 4, 7)}), Found{});
    EXPECT_EQ(scan({three(op, 12, 12, 7)}), Found{});
    EXPECT_EQ(scan({three(op, 12, 12, 12)}), Found{});
    EXPECT_EQ(scan({three(op, 4, 7, 12)}), Found{});
  }
  for (unsigned op :
       {ops::ShloLImmAlt64Op::kOpcode, ops::ShloRImmAlt64Op::kOpcode,
        ops::SharRImmAlt64Op::kOpcode, ops::RotR64ImmAltOp::kOpcode}) {
    SCOPED_TRACE(op);
    EXPECT_EQ(scan({twoImm(op, 12, 12, 5)}), Found{"A@0"});
    EXPECT_EQ(scan({twoImm(op, 12, 3, 5)}), Found{});
    EXPECT_EQ(scan({twoImm(op, 3, 12, 5)}), Found{});
  }
}

TEST(JITHazardsShiftTest, ImmediateShiftsAreSafe) {
  EXPECT_EQ(scan({twoImm(ops::ShloLImm32Op::kOpcode, 12, 3, 5),
                  twoImm(ops::RotR64ImmOp::kOpcode, 12, 12, 5)}),
            Found{});
}

//===----------------------------------------------------------------------===//
// B: a stale scaled-address record
//===----------------------------------------------------------------------===//

/// The reproducer: r12 = r11 << 1; r7 = r11 + 65536; r7 = r7 + r12; load [r7].
std::vector<Instruction> staleBase() {
  return {loadImm(11, 3), twoImm(ops::ShloLImm64Op::kOpcode, 12, 11, 1),
          twoImm(ops::AddImm64Op::kOpcode, 7, 11, 65536),
          three(ops::Add64Op::kOpcode, 7, 7, 12),
          twoImm(ops::LoadIndU8Op::kOpcode, 12, 7, 0)};
}

TEST(JITHazardsAddressTest, FindsTheReproducerAndItsCause) {
  std::vector<Instruction> insts = staleBase();
  for (size_t i = 0; i < insts.size(); ++i)
    insts[i].pc = uint32_t(10 * i);
  std::vector<JITHazard> hazards = findJITHazards(insts);
  ASSERT_EQ(hazards.size(), 1u);
  EXPECT_EQ(hazards[0].kind, JITHazardKind::StaleScaledAddress);
  EXPECT_EQ(hazards[0].index, 4u);
  EXPECT_EQ(hazards[0].cause, 1u);
  EXPECT_NE(hazards[0].detail.find("r7 was written"), std::string::npos)
      << hazards[0].detail;
}

TEST(JITHazardsAddressTest, EveryAccessThroughTheRecordIsReported) {
  std::vector<Instruction> insts = staleBase();
  insts.push_back(twoImm(ops::StoreIndU32Op::kOpcode, 3, 7, 0));
  Instruction storeImm = make(ops::StoreImmIndU16Op::kOpcode);
  storeImm.regA = 7;
  insts.push_back(storeImm);
  EXPECT_EQ(scan(insts), (Found{"B@4", "B@5", "B@6"}));
}

TEST(JITHazardsAddressTest, AnAddOverTheIndexIsStaleToo) {
  // r12 = r11 + r11; r11 = r5 + r12 (D = Y); load [r11].
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 12, 11, 11),
                  three(ops::Add64Op::kOpcode, 11, 5, 12),
                  twoImm(ops::LoadIndU64Op::kOpcode, 3, 11, 0)}),
            Found{"B@2"});
}

TEST(JITHazardsAddressTest, AMoveCanMakeARecordNameItself) {
  // r12 = r11 << 1; r11 = r12 (r11's record now says r11 << 1);
  // r7 = r5 + r11; load [r7].
  EXPECT_EQ(scan({twoImm(ops::ShloLImm64Op::kOpcode, 12, 11, 1),
                  two(ops::MoveRegOp::kOpcode, 11, 12),
                  three(ops::Add64Op::kOpcode, 7, 5, 11),
                  twoImm(ops::LoadIndU64Op::kOpcode, 3, 7, 0)}),
            Found{"B@3"});
}

TEST(JITHazardsAddressTest, NearMissesAreRight) {
  // A distinct destination: [r7 + r11*2] is what r8 holds.
  EXPECT_EQ(scan({loadImm(11, 3),
                  twoImm(ops::ShloLImm64Op::kOpcode, 12, 11, 1),
                  twoImm(ops::AddImm64Op::kOpcode, 7, 11, 65536),
                  three(ops::Add64Op::kOpcode, 8, 7, 12),
                  twoImm(ops::LoadIndU8Op::kOpcode, 12, 8, 0)}),
            Found{});
  // A nonzero offset does not use the record.
  std::vector<Instruction> offset = staleBase();
  offset.back().immX = 4;
  EXPECT_EQ(scan(offset), Found{});
  // Shifts by 4 or in place are not recorded.
  std::vector<Instruction> byFour = staleBase();
  byFour[1].immX = 4;
  EXPECT_EQ(scan(byFour), Found{});
  std::vector<Instruction> inPlace = staleBase();
  inPlace[1].regB = 12;
  EXPECT_EQ(scan(inPlace), Found{});
  // Writing the index afterwards clears the record.
  EXPECT_EQ(scan({twoImm(ops::ShloLImm64Op::kOpcode, 12, 11, 2),
                  three(ops::Add64Op::kOpcode, 7, 5, 12),
                  twoImm(ops::AddImm64Op::kOpcode, 11, 11, 1),
                  twoImm(ops::LoadIndU64Op::kOpcode, 3, 7, 0)}),
            Found{});
  // A gas block boundary forgets everything.
  std::vector<Instruction> split = staleBase();
  split.insert(split.begin() + 3, fallthrough());
  EXPECT_EQ(scan(split), Found{});
}

//===----------------------------------------------------------------------===//
// C: the scaled-index fusion
//===----------------------------------------------------------------------===//

std::vector<Instruction> scaledIndex(Instruction fourth) {
  return {three(ops::Add64Op::kOpcode, 3, 2, 2),
          three(ops::Add64Op::kOpcode, 3, 3, 3),
          three(ops::Add64Op::kOpcode, 4, 5, 3), fourth};
}

TEST(JITHazardsFusionTest, FindsTheFusionAndTheNearMiss) {
  EXPECT_EQ(scan(scaledIndex(twoImm(ops::LoadIndU64Op::kOpcode, 6, 4, 0))),
            Found{"C@0"});
  EXPECT_EQ(scan(scaledIndex(twoImm(ops::StoreIndU8Op::kOpcode, 6, 4, 0))),
            Found{"C@0"});
  // The near miss: any other valid fourth instruction.
  EXPECT_EQ(scan(scaledIndex(twoImm(ops::LoadIndU64Op::kOpcode, 6, 4, 8))),
            Found{"C@0"});
  EXPECT_EQ(scan(scaledIndex(twoImm(ops::AddImm64Op::kOpcode, 6, 4, 0))),
            Found{"C@0"});
  // add_64 D,A,A with D = A matches as well.
  std::vector<Instruction> inPlace =
      scaledIndex(twoImm(ops::LoadIndU64Op::kOpcode, 6, 4, 0));
  inPlace[0] = three(ops::Add64Op::kOpcode, 3, 3, 3);
  EXPECT_EQ(scan(inPlace), Found{"C@0"});
}

TEST(JITHazardsFusionTest, NearMissesAreRight) {
  Instruction load = twoImm(ops::LoadIndU64Op::kOpcode, 6, 4, 0);
  // The third add does not read D exactly once.
  std::vector<Instruction> bothD = scaledIndex(load);
  bothD[2] = three(ops::Add64Op::kOpcode, 4, 3, 3);
  EXPECT_EQ(scan(bothD), Found{});
  // The second add is not D = D + D.
  std::vector<Instruction> other = scaledIndex(load);
  other[1] = three(ops::Add64Op::kOpcode, 3, 3, 2);
  EXPECT_EQ(scan(other), Found{});
  // Something in between.
  std::vector<Instruction> apart = scaledIndex(load);
  apart.insert(apart.begin() + 1, two(ops::MoveRegOp::kOpcode, 8, 9));
  EXPECT_EQ(scan(apart), Found{});
  // Nothing after the three adds.
  std::vector<Instruction> last = scaledIndex(load);
  last.pop_back();
  EXPECT_EQ(scan(last), Found{});
}

//===----------------------------------------------------------------------===//
// D: a stale carry flag
//===----------------------------------------------------------------------===//

TEST(JITHazardsCarryTest, FindsTheReproducer) {
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 9),
                  three(ops::SetLtUOp::kOpcode, 11, 10, 12),
                  three(ops::SetLtUOp::kOpcode, 12, 9, 2)}),
            Found{"D@2"});
}

TEST(JITHazardsCarryTest, AFusedCompareThatChangedARegisterIsStale) {
  // r2 = (r9 <u r3) is fused and right, but writes r2: r9 <u r2 is then
  // answered from the add's carry.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 3),
                  three(ops::SetLtUOp::kOpcode, 2, 9, 3),
                  three(ops::SetLtUOp::kOpcode, 12, 9, 2)}),
            Found{"D@2"});
}

TEST(JITHazardsCarryTest, NearMissesAreRight) {
  // The carry idiom itself: fused and right.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 9),
                  three(ops::SetLtUOp::kOpcode, 11, 9, 2)}),
            Found{});
  // Two fused compares that change nothing they read.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 3),
                  three(ops::SetLtUOp::kOpcode, 11, 9, 2),
                  three(ops::SetLtUOp::kOpcode, 12, 9, 3)}),
            Found{});
  // Any other instruction in between forgets the add.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 9),
                  three(ops::SetLtUOp::kOpcode, 11, 10, 12),
                  two(ops::MoveRegOp::kOpcode, 5, 6),
                  three(ops::SetLtUOp::kOpcode, 12, 9, 2)}),
            Found{});
  // Not the fused shape: compares the sum with the sum's own register.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 9),
                  three(ops::SetLtUOp::kOpcode, 11, 10, 12),
                  three(ops::SetLtUOp::kOpcode, 12, 9, 9)}),
            Found{});
  // The destination is the addend register: not fused.
  EXPECT_EQ(scan({three(ops::Add64Op::kOpcode, 9, 2, 9),
                  three(ops::SetLtUOp::kOpcode, 11, 10, 12),
                  three(ops::SetLtUOp::kOpcode, 2, 9, 2)}),
            Found{});
}

//===----------------------------------------------------------------------===//
// E: divisions
//===----------------------------------------------------------------------===//

/// The issues mask of the only hazard, or 0.
unsigned divisionIssues(std::vector<Instruction> insts) {
  for (size_t i = 0; i < insts.size(); ++i)
    insts[i].pc = uint32_t(i);
  std::vector<JITHazard> hazards = findJITHazards(insts);
  if (hazards.empty())
    return 0;
  EXPECT_EQ(hazards.size(), 1u);
  EXPECT_EQ(hazards[0].kind, JITHazardKind::Division);
  EXPECT_EQ(hazards[0].index, insts.size() - 1);
  return hazards[0].divisionIssues;
}

TEST(JITHazardsDivisionTest, UnknownOperandsAreReported) {
  EXPECT_EQ(divisionIssues({three(ops::DivS64Op::kOpcode, 7, 8, 9)}),
            unsigned(SignedOverflow));
  EXPECT_EQ(divisionIssues({three(ops::RemS64Op::kOpcode, 7, 8, 9)}),
            unsigned(SignedOverflow));
  EXPECT_EQ(divisionIssues({three(ops::DivU32Op::kOpcode, 7, 8, 9)}),
            unsigned(UnextendedDivisor));
  EXPECT_EQ(divisionIssues({three(ops::RemU32Op::kOpcode, 7, 8, 9)}),
            unsigned(UnextendedDivisor | UnextendedDividend));
  EXPECT_EQ(divisionIssues({three(ops::RemS32Op::kOpcode, 7, 8, 9)}),
            unsigned(UnextendedDivisor | UnextendedDividend | SignedOverflow));
  // Facts do not cross a gas block.
  EXPECT_EQ(divisionIssues({twoImm(ops::AddImm32Op::kOpcode, 9, 9, 0),
                            fallthrough(),
                            three(ops::DivU32Op::kOpcode, 7, 8, 9)}),
            unsigned(UnextendedDivisor));
  // A constant -1 divisor and an unknown dividend.
  EXPECT_EQ(divisionIssues({loadImm(9, -1),
                            three(ops::DivS64Op::kOpcode, 7, 8, 9)}),
            unsigned(SignedOverflow));
}

TEST(JITHazardsDivisionTest, WhatTheBlockShowsIsEnough) {
  EXPECT_EQ(divisionIssues({three(ops::DivU64Op::kOpcode, 7, 8, 9)}), 0u);
  EXPECT_EQ(divisionIssues({twoImm(ops::AddImm32Op::kOpcode, 9, 9, 0),
                            three(ops::DivU32Op::kOpcode, 7, 8, 9)}),
            0u);
  // A zero-extended divisor passes the zero test too.
  EXPECT_EQ(divisionIssues({twoImm(ops::LoadIndU32Op::kOpcode, 9, 1, 0),
                            three(ops::DivU32Op::kOpcode, 7, 8, 9)}),
            0u);
  // ... but a remainder's dividend must be sign-extended.
  EXPECT_EQ(divisionIssues({twoImm(ops::LoadIndU32Op::kOpcode, 8, 1, 0),
                            twoImm(ops::AddImm32Op::kOpcode, 9, 9, 0),
                            three(ops::RemU32Op::kOpcode, 7, 8, 9)}),
            unsigned(UnextendedDividend));
  // Constants other than -1 / MIN rule out overflow.
  EXPECT_EQ(divisionIssues({loadImm(9, -2),
                            three(ops::DivS64Op::kOpcode, 7, 8, 9)}),
            0u);
  EXPECT_EQ(divisionIssues({loadImm(8, 5), loadImm(9, -1),
                            three(ops::DivS64Op::kOpcode, 7, 8, 9)}),
            0u);
  // A narrow dividend cannot be MIN; x / x cannot overflow.
  EXPECT_EQ(divisionIssues({twoImm(ops::LoadIndU16Op::kOpcode, 8, 1, 0),
                            three(ops::DivS64Op::kOpcode, 7, 8, 9)}),
            0u);
  EXPECT_EQ(divisionIssues({three(ops::DivS64Op::kOpcode, 7, 8, 8)}), 0u);
}

/// The guard of a signed division of r8 by r9 into a divisor in r3.
std::vector<Instruction> guarded(bool is32) {
  unsigned addImm = is32 ? ops::AddImm32Op::kOpcode : ops::AddImm64Op::kOpcode;
  unsigned shift =
      is32 ? ops::ShloLImm32Op::kOpcode : ops::ShloLImm64Op::kOpcode;
  Instruction copy = is32 ? twoImm(ops::AddImm32Op::kOpcode, 3, 9, 0)
                          : two(ops::MoveRegOp::kOpcode, 3, 9);
  return {twoImm(addImm, 2, 9, 1), twoImm(shift, 3, 8, 1),
          three(ops::OrOp::kOpcode, 2, 2, 3), copy,
          twoImm(ops::CmovIzImmOp::kOpcode, 3, 2, 1),
          three(is32 ? ops::DivS32Op::kOpcode : ops::DivS64Op::kOpcode, 7, 8,
                3)};
}

TEST(JITHazardsDivisionTest, TheGuardIsRecognized) {
  EXPECT_EQ(divisionIssues(guarded(false)), 0u);
  EXPECT_EQ(divisionIssues(guarded(true)), 0u);
  // A remainder needs only t = b + 1.
  EXPECT_EQ(divisionIssues({twoImm(ops::AddImm64Op::kOpcode, 2, 9, 1),
                            two(ops::MoveRegOp::kOpcode, 3, 9),
                            twoImm(ops::CmovIzImmOp::kOpcode, 3, 2, 1),
                            three(ops::RemS64Op::kOpcode, 7, 8, 3)}),
            0u);
}

TEST(JITHazardsDivisionTest, NearMissesOfTheGuardAreReported) {
  // A quotient needs the dividend in the condition.
  EXPECT_EQ(divisionIssues({twoImm(ops::AddImm64Op::kOpcode, 2, 9, 1),
                            two(ops::MoveRegOp::kOpcode, 3, 9),
                            twoImm(ops::CmovIzImmOp::kOpcode, 3, 2, 1),
                            three(ops::DivS64Op::kOpcode, 7, 8, 3)}),
            unsigned(SignedOverflow));
  // The shifted register is not the dividend.
  std::vector<Instruction> wrongDividend = guarded(false);
  wrongDividend[1].regB = 10;
  EXPECT_EQ(divisionIssues(wrongDividend), unsigned(SignedOverflow));
  // The dividend changed after the guard.
  std::vector<Instruction> changed = guarded(false);
  changed.insert(changed.end() - 1,
                 twoImm(ops::AddImm64Op::kOpcode, 8, 8, 1));
  EXPECT_EQ(divisionIssues(changed), unsigned(SignedOverflow));
  // The replacement divisor must be 1.
  std::vector<Instruction> byTwo = guarded(false);
  byTwo[4].immX = 2;
  EXPECT_EQ(divisionIssues(byTwo), unsigned(SignedOverflow));
}

//===----------------------------------------------------------------------===//
// Whole code blobs
//===----------------------------------------------------------------------===//

TEST(JITHazardsBlobTest, ReportsPCsOfEncodedCode) {
  CodeBlob code;
  std::vector<Instruction> insts = {
      loadImm(11, 3), three(ops::ShloL32Op::kOpcode, 12, 4, 7),
      make(ops::TrapOp::kOpcode)};
  for (Instruction &inst : insts) {
    inst.pc = uint32_t(code.code.size());
    llvm::SmallVector<uint8_t, 16> bytes;
    ASSERT_FALSE(bool(encodeInstruction(inst, bytes)));
    for (size_t k = 0; k < bytes.size(); ++k) {
      code.code.push_back(bytes[k]);
      code.bitmask.push_back(k == 0);
    }
  }
  CodeHazards found = findJITHazards(code);
  ASSERT_EQ(found.insts.size(), 3u);
  ASSERT_EQ(found.hazards.size(), 1u);
  const Instruction &shift = found.insts[found.hazards[0].index];
  EXPECT_EQ(shift.pc, insts[1].pc);
  std::string text;
  llvm::raw_string_ostream os(text);
  printInstruction(os, shift);
  EXPECT_EQ(text, "shlo_l_32 r12, r4, r7");
}

} // namespace
