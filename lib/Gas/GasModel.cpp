//===- GasModel.cpp - per-instruction gas costs and the single-pass model -===//
//
// The cost table of gas-model.md §4, keyed by the ODS opcode constants, and
// the single-pass simulator of §5.
//
//===----------------------------------------------------------------------===//

#include "grey/Gas/GasModel.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include <algorithm>

using namespace grey;
using namespace grey::gas;
namespace ops = grey::pvm;

unsigned gas::memoryCycles(uint32_t memoryPages) {
  if (memoryPages <= 2048)
    return 25;
  if (memoryPages <= 8192)
    return 50;
  if (memoryPages <= 65536)
    return 75;
  return 100;
}

static uint8_t clampReg(uint8_t nibble) {
  return std::min<uint8_t>(nibble, 12);
}

namespace {
/// Builds one row of the table from the raw nibbles.
struct RowBuilder {
  RawOperands raw;
  InstructionCost cost;
  ThreeRegisterRule threeRegisterRule = ThreeRegisterRule::Consensus;

  RowBuilder &lat(unsigned cycles, unsigned slots, ExecUnit unit) {
    cost.cycles = cycles;
    cost.slots = slots;
    cost.unit = unit;
    return *this;
  }
  RowBuilder &dstA() {
    cost.dst = raw.a;
    return *this;
  }
  RowBuilder &srcs(uint8_t first, uint8_t second = kNoReg) {
    cost.src[0] = first;
    cost.src[1] = second;
    return *this;
  }
  // Decode-slot rules of §4: R1 in-place, R3 overlap (clamped compares), RS
  // shift (raw compare, as Rust does).
  unsigned r1(unsigned x) const {
    return clampReg(raw.a) == clampReg(raw.b) ? x : x + 1;
  }
  unsigned r3(unsigned x) const {
    uint8_t a = clampReg(raw.a);
    return a == clampReg(raw.b) || a == clampReg(raw.d) ? x : x + 1;
  }
  unsigned rs(unsigned x) const { return raw.b == raw.a ? x : x + 1; }

  // Common shapes.
  RowBuilder &twoRegImm(unsigned cycles, unsigned slots,
                        ExecUnit unit = ExecUnit::Alu) {
    return lat(cycles, slots, unit).dstA().srcs(raw.b);
  }
  RowBuilder &threeReg(unsigned cycles, unsigned slots,
                       ExecUnit unit = ExecUnit::Alu) {
    // The consensus model treats the low nibble of b1 as written and b, d as
    // read (gas-model.md §3), whatever the semantic roles are.
    lat(cycles, slots, unit);
    if (threeRegisterRule == ThreeRegisterRule::RealDestination) {
      cost.dst = raw.d;
      return srcs(raw.a, raw.b);
    }
    return dstA().srcs(raw.b, raw.d);
  }
};
} // namespace

InstructionCost gas::instructionCost(uint8_t opcode, RawOperands raw,
                                     bool coldTarget,
                                     const CostOptions &options) {
  RowBuilder row{raw, {}, options.threeRegisterRule};
  const unsigned mem = options.memCycles;
  const unsigned br = coldTarget ? kColdBranchCycles : kBranchCycles;
  InstructionCost &c = row.cost;

  switch (opcode) {
  case ops::TrapOp::kOpcode:
  case ops::FallthroughOp::kOpcode:
    row.lat(2, 1, ExecUnit::None);
    c.isTerminator = true;
    break;
  case ops::UnlikelyOp::kOpcode:
    // The recompiler's fast path feeds 2 cycles (gas-model.md §7 #1).
    row.lat(options.backend == Backend::Recompiler ? 2 : 40, 1, ExecUnit::None);
    c.isTerminator = true;
    break;
  case ops::EcallOp::kOpcode:
    // No cost-table entry: default row, and not a cost-table terminator.
    break;
  case ops::EcalliOp::kOpcode:
    row.lat(100, 4, ExecUnit::Alu);
    c.isTerminator = true;
    break;
  case ops::LoadImm64Op::kOpcode:
    row.lat(1, 2, ExecUnit::None).dstA();
    break;
  case ops::StoreImmU8Op::kOpcode:
  case ops::StoreImmU16Op::kOpcode:
  case ops::StoreImmU32Op::kOpcode:
  case ops::StoreImmU64Op::kOpcode:
    row.lat(mem, 1, ExecUnit::Store);
    break;
  case ops::JumpOp::kOpcode:
    row.lat(15, 1, ExecUnit::Alu);
    c.isTerminator = true;
    break;
  case ops::JumpIndOp::kOpcode:
    // Its base register is not a model source.
    row.lat(22, 1, ExecUnit::Alu);
    c.isTerminator = true;
    break;
  case ops::LoadImmOp::kOpcode:
    row.lat(1, 1, ExecUnit::None).dstA();
    break;
  case ops::LoadU8Op::kOpcode:
  case ops::LoadI8Op::kOpcode:
  case ops::LoadU16Op::kOpcode:
  case ops::LoadI16Op::kOpcode:
  case ops::LoadU32Op::kOpcode:
  case ops::LoadI32Op::kOpcode:
  case ops::LoadU64Op::kOpcode:
    // `b` is the semantically unused high nibble.
    row.lat(mem, 1, ExecUnit::Load).dstA().srcs(raw.b);
    break;
  case ops::StoreU8Op::kOpcode:
  case ops::StoreU16Op::kOpcode:
  case ops::StoreU32Op::kOpcode:
  case ops::StoreU64Op::kOpcode:
    row.lat(mem, 1, ExecUnit::Store).srcs(raw.a, raw.b);
    break;
  case ops::StoreImmIndU8Op::kOpcode:
  case ops::StoreImmIndU16Op::kOpcode:
  case ops::StoreImmIndU32Op::kOpcode:
  case ops::StoreImmIndU64Op::kOpcode:
    row.lat(mem, 1, ExecUnit::Store).srcs(raw.a);
    break;
  case ops::LoadImmJumpOp::kOpcode:
    row.lat(15, 1, ExecUnit::Alu).dstA();
    c.isTerminator = true;
    break;
  case ops::BranchEqImmOp::kOpcode:
  case ops::BranchNeImmOp::kOpcode:
  case ops::BranchLtUImmOp::kOpcode:
  case ops::BranchLeUImmOp::kOpcode:
  case ops::BranchGeUImmOp::kOpcode:
  case ops::BranchGtUImmOp::kOpcode:
  case ops::BranchLtSImmOp::kOpcode:
  case ops::BranchLeSImmOp::kOpcode:
  case ops::BranchGeSImmOp::kOpcode:
  case ops::BranchGtSImmOp::kOpcode:
    row.lat(br, 1, ExecUnit::Alu).srcs(raw.a);
    c.isTerminator = true;
    break;
  case ops::MoveRegOp::kOpcode:
    row.lat(0, 1, ExecUnit::None).dstA().srcs(raw.b);
    c.isMove = true;
    break;
  case ops::SbrkOp::kOpcode:
    row.lat(2, 1, ExecUnit::None); // Rust value (Lean: 1)
    break;
  case ops::CountSetBits64Op::kOpcode:
  case ops::CountSetBits32Op::kOpcode:
  case ops::LeadingZeroBits64Op::kOpcode:
  case ops::LeadingZeroBits32Op::kOpcode:
  case ops::SignExtend8Op::kOpcode:
  case ops::SignExtend16Op::kOpcode:
  case ops::ReverseBytesOp::kOpcode: // Rust row (Lean has none)
    row.twoRegImm(1, 1);
    break;
  case ops::TrailingZeroBits64Op::kOpcode:
  case ops::TrailingZeroBits32Op::kOpcode:
    row.twoRegImm(2, 1);
    break;
  case ops::ZeroExtend16Op::kOpcode:
    row.twoRegImm(1, row.r1(1));
    break;
  case ops::StoreIndU8Op::kOpcode:
  case ops::StoreIndU16Op::kOpcode:
  case ops::StoreIndU32Op::kOpcode:
  case ops::StoreIndU64Op::kOpcode:
    row.lat(mem, 1, ExecUnit::Store).srcs(raw.a, raw.b);
    break;
  case ops::LoadIndU8Op::kOpcode:
  case ops::LoadIndI8Op::kOpcode:
  case ops::LoadIndU16Op::kOpcode:
  case ops::LoadIndI16Op::kOpcode:
  case ops::LoadIndU32Op::kOpcode:
  case ops::LoadIndI32Op::kOpcode:
  case ops::LoadIndU64Op::kOpcode:
    row.twoRegImm(mem, 1, ExecUnit::Load);
    break;
  case ops::AddImm32Op::kOpcode:
    row.twoRegImm(2, row.r1(2));
    break;
  case ops::AndImmOp::kOpcode:
  case ops::XorImmOp::kOpcode:
  case ops::OrImmOp::kOpcode:
  case ops::AddImm64Op::kOpcode:
  case ops::ShloLImm64Op::kOpcode:
  case ops::ShloRImm64Op::kOpcode:
  case ops::SharRImm64Op::kOpcode:
  case ops::RotR64ImmOp::kOpcode:
    row.twoRegImm(1, row.r1(1));
    break;
  case ops::MulImm32Op::kOpcode:
    row.twoRegImm(4, row.r1(2), ExecUnit::Mul);
    break;
  case ops::SetLtUImmOp::kOpcode:
  case ops::SetLtSImmOp::kOpcode:
  case ops::SetGtUImmOp::kOpcode:
  case ops::SetGtSImmOp::kOpcode:
    row.twoRegImm(3, 3);
    break;
  case ops::ShloLImm32Op::kOpcode:
  case ops::ShloRImm32Op::kOpcode:
  case ops::SharRImm32Op::kOpcode:
  case ops::RotR32ImmOp::kOpcode:
    row.twoRegImm(2, row.r1(2));
    break;
  case ops::NegAddImm32Op::kOpcode:
    row.twoRegImm(3, 4);
    break;
  case ops::ShloLImmAlt32Op::kOpcode:
  case ops::ShloRImmAlt32Op::kOpcode:
  case ops::SharRImmAlt32Op::kOpcode:
  case ops::RotR32ImmAltOp::kOpcode:
    row.twoRegImm(2, 4);
    break;
  case ops::CmovIzImmOp::kOpcode:
  case ops::CmovNzImmOp::kOpcode:
    row.twoRegImm(2, 3);
    break;
  case ops::MulImm64Op::kOpcode:
    row.twoRegImm(3, row.r1(1), ExecUnit::Mul);
    break;
  case ops::NegAddImm64Op::kOpcode:
    row.twoRegImm(2, 3);
    break;
  case ops::ShloLImmAlt64Op::kOpcode:
  case ops::ShloRImmAlt64Op::kOpcode:
  case ops::SharRImmAlt64Op::kOpcode:
  case ops::RotR64ImmAltOp::kOpcode:
    row.twoRegImm(1, 3);
    break;
  case ops::BranchEqOp::kOpcode:
  case ops::BranchNeOp::kOpcode:
  case ops::BranchLtUOp::kOpcode:
  case ops::BranchLtSOp::kOpcode:
  case ops::BranchGeUOp::kOpcode:
  case ops::BranchGeSOp::kOpcode:
    row.lat(br, 1, ExecUnit::Alu).srcs(raw.a, raw.b);
    c.isTerminator = true;
    break;
  case ops::LoadImmJumpIndOp::kOpcode:
    row.lat(22, 1, ExecUnit::Alu).dstA().srcs(raw.b);
    c.isTerminator = true;
    break;
  case ops::Add32Op::kOpcode:
  case ops::Sub32Op::kOpcode:
    row.threeReg(2, row.r3(2));
    break;
  case ops::Mul32Op::kOpcode:
    row.threeReg(4, row.r3(2), ExecUnit::Mul);
    break;
  case ops::DivU32Op::kOpcode:
  case ops::DivS32Op::kOpcode:
  case ops::RemU32Op::kOpcode:
  case ops::RemS32Op::kOpcode:
  case ops::DivU64Op::kOpcode:
  case ops::DivS64Op::kOpcode:
  case ops::RemU64Op::kOpcode:
  case ops::RemS64Op::kOpcode:
    row.threeReg(60, 4, ExecUnit::Div);
    break;
  case ops::ShloL32Op::kOpcode:
  case ops::ShloR32Op::kOpcode:
  case ops::SharR32Op::kOpcode:
  case ops::RotL32Op::kOpcode:
  case ops::RotR32Op::kOpcode:
    row.threeReg(2, row.rs(3));
    break;
  case ops::Add64Op::kOpcode:
  case ops::Sub64Op::kOpcode:
  case ops::AndOp::kOpcode:
  case ops::XorOp::kOpcode:
  case ops::OrOp::kOpcode:
    row.threeReg(1, row.r3(1));
    break;
  case ops::Mul64Op::kOpcode:
    row.threeReg(3, row.r3(1), ExecUnit::Mul);
    break;
  case ops::ShloL64Op::kOpcode:
  case ops::ShloR64Op::kOpcode:
  case ops::SharR64Op::kOpcode:
  case ops::RotL64Op::kOpcode:
  case ops::RotR64Op::kOpcode:
    row.threeReg(1, row.rs(2));
    break;
  case ops::MulUpperSSOp::kOpcode:
  case ops::MulUpperUUOp::kOpcode:
    row.threeReg(4, 4, ExecUnit::Mul);
    break;
  case ops::MulUpperSUOp::kOpcode:
    row.threeReg(6, 4, ExecUnit::Mul);
    break;
  case ops::SetLtUOp::kOpcode:
  case ops::SetLtSOp::kOpcode:
    row.threeReg(3, 3);
    break;
  case ops::CmovIzOp::kOpcode:
  case ops::CmovNzOp::kOpcode:
    row.threeReg(2, 2);
    break;
  case ops::AndInvOp::kOpcode:
  case ops::OrInvOp::kOpcode:
    row.threeReg(2, 3);
    break;
  case ops::XnorOp::kOpcode:
    row.threeReg(2, row.r3(2));
    break;
  case ops::MaxOp::kOpcode:
  case ops::MaxUOp::kOpcode:
  case ops::MinOp::kOpcode:
  case ops::MinUOp::kOpcode:
    row.threeReg(3, row.r3(2));
    break;
  default:
    // Invalid opcode: default row.
    break;
  }
  return c;
}

void SinglePassSimulator::reset() { *this = SinglePassSimulator(); }

uint64_t SinglePassSimulator::feed(const InstructionCost &cost) {
  // 1. Decode throughput: an instruction enters the current cycle if a slot
  // was free before it; the excess is not carried over.
  if (used >= 4) {
    ++cycle;
    used = cost.slots;
  } else {
    used += cost.slots;
  }
  // 2. move_reg only forwards readiness.
  if (cost.isMove) {
    ready[clampReg(cost.dst)] = ready[clampReg(cost.src[0])];
    return ready[clampReg(cost.dst)];
  }
  // 3-6. Start when the decode cycle and every model source allow.
  uint64_t start = cycle;
  for (uint8_t src : cost.src)
    if (src != kNoReg)
      start = std::max(start, ready[clampReg(src)]);
  uint64_t done = start + cost.cycles;
  if (cost.dst != kNoReg)
    ready[clampReg(cost.dst)] = done;
  maxDone = std::max(maxDone, done);
  return done;
}
