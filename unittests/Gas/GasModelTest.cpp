//===- GasModelTest.cpp - gas-model.md §8 worked examples -----------------===//
//
// Every worked example of gas-model.md §8 as an exact test vector, for the
// single-pass model under both backends and for the full pipeline model.
//
//===----------------------------------------------------------------------===//

#include "grey/Gas/GasModel.h"
#include "grey/Gas/BlockCost.h"
#include "grey/Gas/FullPipelineModel.h"

#include "grey/Dialect/PVM/PVMOpcodeTable.h"

#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

#include <map>

using namespace grey;
using namespace grey::gas;

namespace {

using Costs = std::map<uint32_t, uint64_t>;

/// A code blob from the spec's notation: hex bytes (spaces allowed) and a
/// bitmask string of 0/1 digits.
blob::CodeBlob codeFrom(std::string hex, llvm::StringRef bits) {
  llvm::erase(hex, ' ');
  blob::CodeBlob code;
  std::string bytes = llvm::fromHex(hex);
  code.code.assign(bytes.begin(), bytes.end());
  for (char c : bits)
    code.bitmask.push_back(c == '1');
  EXPECT_EQ(code.code.size(), code.bitmask.size()) << hex;
  return code;
}

std::string repeat(llvm::StringRef s, unsigned n) {
  std::string out;
  for (unsigned i = 0; i < n; ++i)
    out += s;
  return out;
}

Costs singlePass(const blob::CodeBlob &code, Backend backend,
                 unsigned memCycles = 25) {
  Costs costs;
  for (auto [pc, cost] : gasBlockCosts(code, {memCycles, backend}))
    costs[pc] = cost;
  return costs;
}

/// Both backends agree on everything outside gas-model.md §7.
void expectBoth(const blob::CodeBlob &code, const Costs &expected,
                unsigned memCycles = 25) {
  EXPECT_EQ(singlePass(code, Backend::Recompiler, memCycles), expected);
  EXPECT_EQ(singlePass(code, Backend::Interpreter, memCycles), expected);
}

TEST(GasModelTest, MemoryTiers) {
  EXPECT_EQ(memoryCycles(0), 25u);
  EXPECT_EQ(memoryCycles(2048), 25u);
  EXPECT_EQ(memoryCycles(2049), 50u);
  EXPECT_EQ(memoryCycles(8192), 50u);
  EXPECT_EQ(memoryCycles(8193), 75u);
  EXPECT_EQ(memoryCycles(65536), 75u);
  EXPECT_EQ(memoryCycles(65537), 100u);
}

TEST(GasModelTest, EveryValidOpcodeHasATerminatorFlagMatchingODS) {
  for (unsigned op = 0; op < 256; ++op) {
    const pvm::OpcodeInfo &info = pvm::lookupOpcode(op);
    if (!info.isValid())
      continue;
    InstructionCost cost =
        instructionCost(uint8_t(op), RawOperands{1, 2, 3}, false, {});
    EXPECT_EQ(cost.isTerminator, info.isGasTerminator) << info.name;
    EXPECT_GE(cost.slots, 1u) << info.name;
  }
}

// A: single instructions.
TEST(GasModelTest, ExampleA_TerminatorLatency) {
  expectBoth(codeFrom("0a 00", "10"), {{0, 97}});
  expectBoth(codeFrom("28 00", "10"), {{0, 12}});
  expectBoth(codeFrom("00", "1"), {{0, 1}});
  expectBoth(codeFrom("01 00", "11"), {{0, 1}, {1, 1}});
  EXPECT_EQ(fullModelBlockCost(codeFrom("0a 00", "10"), 0), 97u);
}

// B: Fibonacci loop.
static blob::CodeBlob fibonacci() {
  return codeFrom("14 02 00 00 00 00 00 00 00 00"
                  "14 03 01 00 00 00 00 00 00 00"
                  "14 04 00 00 00 00 00 00 00 00"
                  "14 06 e8 03 00 00 00 00 00 00"
                  "28 05 00 00 00"
                  "c8 32 05"
                  "64 32"
                  "64 53"
                  "95 44 01 00 00 00"
                  "ac 64 f3 ff ff ff"
                  "64 37"
                  "0a 00",
                  "10000000001000000000100000000010000000001000010010101000001"
                  "000001010");
}

TEST(GasModelTest, ExampleB_Fibonacci) {
  blob::CodeBlob code = fibonacci();
  expectBoth(code, {{0, 14}, {45, 19}, {64, 97}});
  EXPECT_EQ(fullModelBlockCost(code, 0), 14u);
  EXPECT_EQ(fullModelBlockCost(code, 45), 19u);
  EXPECT_EQ(fullModelBlockCost(code, 64), 97u);
}

// C: load -> add -> store chain at every memory tier.
TEST(GasModelTest, ExampleC_MemoryTiers) {
  blob::CodeBlob code = codeFrom("82 12 00 00 00 00 82 23 08 00 00 00"
                                 "95 33 01 00 00 00 7b 13 10 00 00 00 01",
                                 "1000001000001000001000001");
  expectBoth(code, {{0, 73}}, 25);
  expectBoth(code, {{0, 148}}, 50);
  expectBoth(code, {{0, 223}}, 75);
  expectBoth(code, {{0, 298}}, 100);
  EXPECT_EQ(fullModelBlockCost(code, 0), 73u);
}

// D: decode slots.
TEST(GasModelTest, ExampleD_DecodeSlots) {
  std::string bits = repeat("100000", 8) + "1";
  blob::CodeBlob threeAddress = codeFrom(
      "95 80 01 00 00 00 95 91 01 00 00 00 95 a2 01 00 00 00 95 b3 01 00 00 00"
      "95 84 01 00 00 00 95 95 01 00 00 00 95 a6 01 00 00 00 95 b7 01 00 00 00"
      "01",
      bits);
  expectBoth(threeAddress, {{0, 3}});
  EXPECT_EQ(fullModelBlockCost(threeAddress, 0), 3u);
  blob::CodeBlob inPlace = codeFrom(
      "95 00 01 00 00 00 95 11 01 00 00 00 95 22 01 00 00 00 95 33 01 00 00 00"
      "95 44 01 00 00 00 95 55 01 00 00 00 95 66 01 00 00 00 95 77 01 00 00 00"
      "01",
      bits);
  expectBoth(inPlace, {{0, 1}});
  EXPECT_EQ(fullModelBlockCost(inPlace, 0), 1u);
}

// E: the branch cost depends on the target's opcode.
TEST(GasModelTest, ExampleE_BranchTargetOpcode) {
  expectBoth(codeFrom("51 42 00 00 00 00 0b 00 00 00 00 00", "100000000011"),
             {{0, 1}, {10, 1}, {11, 1}});
  expectBoth(codeFrom("51 42 00 00 00 00 0b 00 00 00 00 95 22 01 00 00 00 00",
                      "100000000011000001"),
             {{0, 17}, {10, 1}, {11, 1}});
  blob::CodeBlob unlikely =
      codeFrom("51 42 00 00 00 00 0b 00 00 00 00 02 00", "1000000000111");
  EXPECT_EQ(singlePass(unlikely, Backend::Interpreter),
            (Costs{{0, 1}, {10, 1}, {11, 37}, {12, 1}}));
  EXPECT_EQ(singlePass(unlikely, Backend::Recompiler),
            (Costs{{0, 1}, {10, 1}, {11, 1}, {12, 1}}));
  EXPECT_EQ(fullModelBlockCost(unlikely, 11), 37u);
}

// F: where the single-pass and full models disagree.
TEST(GasModelTest, ExampleF_SinglePassVersusFull) {
  blob::CodeBlob waw = codeFrom(
      "cb 32 09 33 02 05 00 00 00 95 24 01 00 00 00 01", "1001000001000001");
  expectBoth(waw, {{0, 57}});
  EXPECT_EQ(fullModelBlockCost(waw, 0), 58u);

  blob::CodeBlob move = codeFrom("82 12 00 00 00 00 64 23 95 34 01 00 00 00 01",
                                 "100000101000001");
  expectBoth(move, {{0, 23}});
  EXPECT_EQ(fullModelBlockCost(move, 0), 22u);

  blob::CodeBlob chain = codeFrom(repeat("95 22 01 00 00 00", 8) + "01",
                                  repeat("100000", 8) + "1");
  expectBoth(chain, {{0, 5}});
  EXPECT_EQ(fullModelBlockCost(chain, 0, FullModelVariant::Rust), 3u);
  EXPECT_EQ(fullModelBlockCost(chain, 0, FullModelVariant::Lean), 5u);
}

// G: the three-register role mismatch.
TEST(GasModelTest, ExampleG_ThreeRegisterRoles) {
  blob::CodeBlob fresh = codeFrom("cb 21 03 cb 53 04 01", "1001001");
  expectBoth(fresh, {{0, 58}});
  EXPECT_EQ(fullModelBlockCost(fresh, 0), 58u);
  blob::CodeBlob inPlace = codeFrom("cb 21 01 cb 51 01 01", "1001001");
  expectBoth(inPlace, {{0, 117}});
  EXPECT_EQ(fullModelBlockCost(inPlace, 0), 117u);

  blob::CodeBlob mulFresh =
      codeFrom("ca 21 03 ca 33 04 ca 44 05 01", "1001001001");
  expectBoth(mulFresh, {{0, 1}});
  EXPECT_EQ(fullModelBlockCost(mulFresh, 0), 2u);
  blob::CodeBlob mulInPlace =
      codeFrom("ca 21 01 ca 21 01 ca 21 01 01", "1001001001");
  expectBoth(mulInPlace, {{0, 6}});
}

// H: block splitting.
TEST(GasModelTest, ExampleH_BlockSplitting) {
  expectBoth(codeFrom(repeat("95 22 01 00 00 00", 4) + "01" +
                          repeat("95 22 01 00 00 00", 4) + "01",
                      "10000010000010000010000011000001000001000001000001"),
             {{0, 1}, {25, 1}});

  expectBoth(
      codeFrom(repeat("82 22 00 00 00 00", 3) + "01", "1000001000001000001"),
      {{0, 72}});
  expectBoth(
      codeFrom(repeat("82 22 00 00 00 00 01", 3), "100000110000011000001"),
      {{0, 22}, {7, 22}, {14, 22}});
  expectBoth(
      codeFrom("82 12 00 00 00 00 82 13 08 00 00 00 82 14 10 00 00 00 01",
               "1000001000001000001"),
      {{0, 22}});

  // H3: 44 in-place add_imm_64 over r0..r11.
  std::string oneBlock, split, oneBits, splitBits;
  for (unsigned k = 0; k < 44; ++k) {
    std::string inst =
        "95" + llvm::utohexstr(0x11 * (k % 12), true, 2) + "01000000";
    oneBlock += inst;
    split += inst;
    oneBits += "100000";
    splitBits += "100000";
    if (k % 11 == 10) {
      split += "01";
      splitBits += "1";
    }
  }
  expectBoth(codeFrom(oneBlock + "01", oneBits + "1"), {{0, 10}});
  Costs four = singlePass(codeFrom(split, splitBits), Backend::Recompiler);
  ASSERT_EQ(four.size(), 4u);
  uint64_t total = 0;
  for (auto [pc, cost] : four)
    total += cost;
  EXPECT_EQ(total, 4u);
}

// I: backend divergences.
TEST(GasModelTest, ExampleI_BackendDivergences) {
  blob::CodeBlob unlikely = codeFrom("02 00", "11");
  EXPECT_EQ(singlePass(unlikely, Backend::Interpreter),
            (Costs{{0, 37}, {1, 1}}));
  EXPECT_EQ(singlePass(unlikely, Backend::Recompiler), (Costs{{0, 1}, {1, 1}}));
  EXPECT_EQ(fullModelBlockCost(unlikely, 0), 37u);

  blob::CodeBlob nearMiss =
      codeFrom("c8 44 05 c8 55 05 c8 51 06 cb 98 08 01", "1001001001001");
  EXPECT_EQ(singlePass(nearMiss, Backend::Interpreter), (Costs{{0, 58}}));
  EXPECT_EQ(singlePass(nearMiss, Backend::Recompiler), (Costs{{0, 118}}));
}

// The same prefix completed by a zero-offset load through X fuses without
// feeding anything twice (gas-model.md §2.3, §7 #7).
TEST(GasModelTest, CompletedScaledIndexIsFedOnce) {
  // add_64 r5=r4+r4; add_64 r5=r5+r5; add_64 r6=r1+r5;
  // load_ind_u64 r8=[r6+0]; fallthrough.
  blob::CodeBlob fused =
      codeFrom("c8 44 05 c8 55 05 c8 51 06 82 68 01", "100100100101");
  EXPECT_EQ(singlePass(fused, Backend::Recompiler),
            singlePass(fused, Backend::Interpreter));
}

// J: the full model stalls beyond 32 reorder-buffer entries.
TEST(GasModelTest, ExampleJ_FullModelStall) {
  std::string hex, bits;
  for (unsigned i = 0; i < 33; ++i) {
    hex += "33" + llvm::utohexstr(i % 13, true, 2) +
           llvm::utohexstr(i, true, 2) + "000000";
    bits += "100000";
  }
  blob::CodeBlob code = codeFrom(hex + "01", bits + "1");
  expectBoth(code, {{0, 7}});
  EXPECT_EQ(fullModelBlockCost(code, 0), 99933u);
}

// K: `ecall` ends a block only in the interpreter.
TEST(GasModelTest, ExampleK_EcallBoundary) {
  blob::CodeBlob code = codeFrom("33 01 07 00 00 00 03 95 22 01 00 00 00 28 00",
                                 "100000110000010");
  EXPECT_EQ(singlePass(code, Backend::Interpreter), (Costs{{0, 1}, {7, 12}}));
  EXPECT_EQ(singlePass(code, Backend::Recompiler), (Costs{{0, 12}}));
}

TEST(GasModelTest, SinglePassCostOfADecodedSequence) {
  // Two independent divides overlap: the second decodes in cycle 1 (the
  // first took all 4 slots), done at 61.
  InstructionCost div =
      instructionCost(pvm::DivU64Op::kOpcode, RawOperands{1, 2, 3}, false, {});
  InstructionCost div2 =
      instructionCost(pvm::DivU64Op::kOpcode, RawOperands{4, 5, 6}, false, {});
  EXPECT_EQ(singlePassCost({div, div2}), 58u);
  // Chained through the model's written register (a) and read register (d).
  InstructionCost chained =
      instructionCost(pvm::DivU64Op::kOpcode, RawOperands{4, 5, 1}, false, {});
  EXPECT_EQ(singlePassCost({div, chained}), 117u);
  EXPECT_EQ(singlePassCost({}), 1u);
}

// The optimizer's view: instructions built in memory cost what their
// canonical encoding costs (the Fibonacci loop body of example B).
TEST(GasModelTest, UnencodedInstructionsCostLikeTheirEncoding) {
  auto make = [](uint8_t opcode, uint8_t a, uint8_t b, uint8_t d) {
    blob::Instruction inst;
    inst.opcode = opcode;
    inst.format = pvm::lookupOpcode(opcode).format;
    inst.regA = a;
    inst.regB = b;
    inst.regD = d;
    return inst;
  };
  CostOptions options;
  std::vector<InstructionCost> body = {
      instructionCost(make(pvm::Add64Op::kOpcode, 2, 3, 5), false, options),
      instructionCost(make(pvm::MoveRegOp::kOpcode, 3, 0, 2), false, options),
      instructionCost(make(pvm::MoveRegOp::kOpcode, 5, 0, 3), false, options),
      instructionCost(make(pvm::AddImm64Op::kOpcode, 4, 4, 0), false, options),
      instructionCost(make(pvm::BranchLtUOp::kOpcode, 4, 6, 0), false,
                      options)};
  EXPECT_EQ(singlePassCost(body), 19u);
  // With the branch aimed at a `trap` block it would cost 1.
  body.back() =
      instructionCost(make(pvm::BranchLtUOp::kOpcode, 4, 6, 0), true, options);
  EXPECT_EQ(singlePassCost(body), 1u);
}

} // namespace

// The consensus rule (gas-model.md §3) reads a three-register instruction's
// destination and writes its first source; the latency rule uses the real
// operands. Only the dependence registers differ, not cycles or slots.
TEST(GasModelTest, ThreeRegisterRules) {
  CostOptions consensus;
  CostOptions latency;
  latency.threeRegisterRule = ThreeRegisterRule::RealDestination;
  // add_64 with A = r1, B = r2, D = r3: D = A + B.
  InstructionCost c =
      instructionCost(pvm::Add64Op::kOpcode, RawOperands{1, 2, 3}, false,
                      consensus);
  InstructionCost l =
      instructionCost(pvm::Add64Op::kOpcode, RawOperands{1, 2, 3}, false,
                      latency);
  EXPECT_EQ(c.dst, 1);
  EXPECT_EQ(c.src[0], 2);
  EXPECT_EQ(c.src[1], 3);
  EXPECT_EQ(l.dst, 3);
  EXPECT_EQ(l.src[0], 1);
  EXPECT_EQ(l.src[1], 2);
  EXPECT_EQ(c.cycles, l.cycles);
  EXPECT_EQ(c.slots, l.slots);

  // A load into A feeding the add's first source: the consensus model does
  // not wait for it, the latency model does.
  InstructionCost load = instructionCost(pvm::LoadIndU64Op::kOpcode,
                                         RawOperands{1, 4, 0}, false, {});
  EXPECT_EQ(singlePassCost({load, c}), 22u);
  EXPECT_EQ(singlePassCost({load, l}), 23u);
}
