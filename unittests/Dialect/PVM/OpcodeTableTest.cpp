//===- OpcodeTableTest.cpp - ODS opcodes against the ISA spec -------------===//
//
// Checks the opcode facts written in PVMOps.td against pvm-isa.md §3 (numbers
// and names), §2.3 (format classes) and gas-model.md §1 (terminators).
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOpcodeTable.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

#include <set>
#include <string>

using namespace grey::pvm;

namespace {

struct SpecOpcode {
  unsigned number;
  const char *name;
};

// pvm-isa.md §3, transcribed: opcode number and the Rust name.
const SpecOpcode kSpecOpcodes[] = {
    {0, "trap"}, {1, "fallthrough"}, {2, "unlikely"}, {3, "ecall"},
    {10, "ecalli"}, {20, "load_imm64"}, {30, "store_imm_u8"},
    {31, "store_imm_u16"}, {32, "store_imm_u32"}, {33, "store_imm_u64"},
    {40, "jump"}, {50, "jump_ind"}, {51, "load_imm"}, {52, "load_u8"},
    {53, "load_i8"}, {54, "load_u16"}, {55, "load_i16"}, {56, "load_u32"},
    {57, "load_i32"}, {58, "load_u64"}, {59, "store_u8"}, {60, "store_u16"},
    {61, "store_u32"}, {62, "store_u64"}, {70, "store_imm_ind_u8"},
    {71, "store_imm_ind_u16"}, {72, "store_imm_ind_u32"},
    {73, "store_imm_ind_u64"}, {80, "load_imm_jump"}, {81, "branch_eq_imm"},
    {82, "branch_ne_imm"}, {83, "branch_lt_u_imm"}, {84, "branch_le_u_imm"},
    {85, "branch_ge_u_imm"}, {86, "branch_gt_u_imm"}, {87, "branch_lt_s_imm"},
    {88, "branch_le_s_imm"}, {89, "branch_ge_s_imm"}, {90, "branch_gt_s_imm"},
    {100, "move_reg"}, {101, "sbrk"}, {102, "count_set_bits64"},
    {103, "count_set_bits32"}, {104, "leading_zero_bits64"},
    {105, "leading_zero_bits32"}, {106, "trailing_zero_bits64"},
    {107, "trailing_zero_bits32"}, {108, "sign_extend8"},
    {109, "sign_extend16"}, {110, "zero_extend16"}, {111, "reverse_bytes"},
    {120, "store_ind_u8"}, {121, "store_ind_u16"}, {122, "store_ind_u32"},
    {123, "store_ind_u64"}, {124, "load_ind_u8"}, {125, "load_ind_i8"},
    {126, "load_ind_u16"}, {127, "load_ind_i16"}, {128, "load_ind_u32"},
    {129, "load_ind_i32"}, {130, "load_ind_u64"}, {131, "add_imm32"},
    {132, "and_imm"}, {133, "xor_imm"}, {134, "or_imm"}, {135, "mul_imm32"},
    {136, "set_lt_u_imm"}, {137, "set_lt_s_imm"}, {138, "shlo_l_imm32"},
    {139, "shlo_r_imm32"}, {140, "shar_r_imm32"}, {141, "neg_add_imm32"},
    {142, "set_gt_u_imm"}, {143, "set_gt_s_imm"}, {144, "shlo_l_imm_alt32"},
    {145, "shlo_r_imm_alt32"}, {146, "shar_r_imm_alt32"}, {147, "cmov_iz_imm"},
    {148, "cmov_nz_imm"}, {149, "add_imm64"}, {150, "mul_imm64"},
    {151, "shlo_l_imm64"}, {152, "shlo_r_imm64"}, {153, "shar_r_imm64"},
    {154, "neg_add_imm64"}, {155, "shlo_l_imm_alt64"},
    {156, "shlo_r_imm_alt64"}, {157, "shar_r_imm_alt64"}, {158, "rot_r64_imm"},
    {159, "rot_r64_imm_alt"}, {160, "rot_r32_imm"}, {161, "rot_r32_imm_alt"},
    {170, "branch_eq"}, {171, "branch_ne"}, {172, "branch_lt_u"},
    {173, "branch_lt_s"}, {174, "branch_ge_u"}, {175, "branch_ge_s"},
    {180, "load_imm_jump_ind"}, {190, "add32"}, {191, "sub32"}, {192, "mul32"},
    {193, "div_u32"}, {194, "div_s32"}, {195, "rem_u32"}, {196, "rem_s32"},
    {197, "shlo_l32"}, {198, "shlo_r32"}, {199, "shar_r32"}, {200, "add64"},
    {201, "sub64"}, {202, "mul64"}, {203, "div_u64"}, {204, "div_s64"},
    {205, "rem_u64"}, {206, "rem_s64"}, {207, "shlo_l64"}, {208, "shlo_r64"},
    {209, "shar_r64"}, {210, "and"}, {211, "xor"}, {212, "or"},
    {213, "mul_upper_s_s"}, {214, "mul_upper_u_u"}, {215, "mul_upper_s_u"},
    {216, "set_lt_u"}, {217, "set_lt_s"}, {218, "cmov_iz"}, {219, "cmov_nz"},
    {220, "rot_l64"}, {221, "rot_l32"}, {222, "rot_r64"}, {223, "rot_r32"},
    {224, "and_inv"}, {225, "or_inv"}, {226, "xnor"}, {227, "max"},
    {228, "max_u"}, {229, "min"}, {230, "min_u"},
};

// Our mnemonics put an underscore before the width (`add_64` for `add64`);
// the spec writes none. Compare with underscores removed.
std::string withoutUnderscores(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '_')
      out += c;
  return out;
}

TEST(OpcodeTableTest, MatchesTheSpecTable) {
  std::set<unsigned> specNumbers;
  for (const SpecOpcode &op : kSpecOpcodes) {
    EXPECT_TRUE(specNumbers.insert(op.number).second) << op.number;
    const OpcodeInfo &info = lookupOpcode(op.number);
    ASSERT_TRUE(info.isValid()) << "no op has opcode " << op.number;
    EXPECT_EQ(withoutUnderscores(info.name), withoutUnderscores(op.name))
        << "opcode " << op.number;
  }
  EXPECT_EQ(specNumbers.size(), 141u);
  for (unsigned byte = 0; byte < 256; ++byte)
    EXPECT_EQ(lookupOpcode(byte).isValid(), specNumbers.count(byte) == 1)
        << "opcode " << byte;
}

TEST(OpcodeTableTest, NoTwoOpsClaimTheSameOpcode) {
  unsigned valid = 0;
  for (unsigned byte = 0; byte < 256; ++byte)
    valid += lookupOpcode(byte).isValid();
  EXPECT_EQ(valid, kNumInstructionOps);
  EXPECT_EQ(kNumInstructionOps, 141u);
}

TEST(OpcodeTableTest, TerminatorsAreTheGasModelList) {
  // gas-model.md §1: trap, fallthrough, unlikely, ecalli, jump, jump_ind,
  // load_imm_jump, branch_*_imm (81-90), branch_* (170-175),
  // load_imm_jump_ind. Not ecall (3).
  std::set<unsigned> expected = {0, 1, 2, 10, 40, 50, 80, 180};
  for (unsigned op = 81; op <= 90; ++op)
    expected.insert(op);
  for (unsigned op = 170; op <= 175; ++op)
    expected.insert(op);
  std::set<unsigned> actual;
  for (unsigned byte = 0; byte < 256; ++byte)
    if (lookupOpcode(byte).isGasTerminator)
      actual.insert(byte);
  EXPECT_EQ(actual, expected);
}

TEST(OpcodeTableTest, FormatsFollowTheOpcodeRanges) {
  // pvm-isa.md §2.3: each format class owns a contiguous opcode range.
  struct Range {
    unsigned first, last;
    Format format;
  };
  const Range ranges[] = {
      {0, 3, Format::NoArgs},
      {10, 10, Format::OneImm},
      {20, 20, Format::OneRegExtImm},
      {30, 33, Format::TwoImm},
      {40, 40, Format::OneOffset},
      {50, 62, Format::OneRegOneImm},
      {70, 73, Format::OneRegTwoImm},
      {80, 90, Format::OneRegImmOffset},
      {100, 111, Format::TwoReg},
      {120, 161, Format::TwoRegOneImm},
      {170, 175, Format::TwoRegOneOffset},
      {180, 180, Format::TwoRegTwoImm},
      {190, 230, Format::ThreeReg},
  };
  for (const Range &range : ranges)
    for (unsigned op = range.first; op <= range.last; ++op)
      EXPECT_EQ(lookupOpcode(op).format, range.format) << "opcode " << op;
}

TEST(OpcodeTableTest, InterfaceReportsTheTableFacts) {
  // The op interface and the byte table read the same ODS constants.
  mlir::MLIRContext context;
  context.loadDialect<PVMDialect>();
  mlir::OpBuilder builder(&context);
  mlir::Location loc = builder.getUnknownLoc();
  auto r7 = RegType::get(&context, Reg::R7);
  auto imm = LoadImmOp::create(builder, loc, r7, builder.getI64IntegerAttr(1));
  auto add = Add64Op::create(builder, loc, r7, imm, imm);
  for (mlir::Operation *op : {add.getOperation(), imm.getOperation()}) {
    auto inst = mlir::cast<InstructionOpInterface>(op);
    const OpcodeInfo &info = lookupOpcode(inst.getOpcode());
    EXPECT_EQ(op->getName().getStringRef(), "pvm." + std::string(info.name));
    EXPECT_EQ(inst.getFormat(), info.format);
    EXPECT_EQ(inst.isGasTerminator(), info.isGasTerminator);
  }
  add->erase();
  imm->erase();
}

} // namespace
