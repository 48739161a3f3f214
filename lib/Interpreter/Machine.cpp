//===- Machine.cpp - the PVM interpreter loop -----------------------------===//
//
// One switch over the opcode byte per instruction, with the semantics of
// pvm-isa.md §3-§4 (Rust reference behaviour where Lean differs, §9).
//
//===----------------------------------------------------------------------===//

#include "grey/Interpreter/Machine.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include <bit>

using namespace grey;
using namespace grey::interp;
namespace ops = grey::pvm;

namespace {
inline uint64_t sx32(uint64_t v) {
  return uint64_t(int64_t(int32_t(uint32_t(v))));
}
inline uint64_t sx16(uint64_t v) {
  return uint64_t(int64_t(int16_t(uint16_t(v))));
}
inline uint64_t sx8(uint64_t v) {
  return uint64_t(int64_t(int8_t(uint8_t(v))));
}
inline int64_t s64(uint64_t v) { return int64_t(v); }
inline uint32_t lo32(uint64_t v) { return uint32_t(v); }

uint64_t divU32(uint64_t a, uint64_t b) {
  if (lo32(b) == 0)
    return ~uint64_t(0);
  return sx32(lo32(a) / lo32(b));
}
uint64_t divS32(uint64_t a, uint64_t b) {
  int32_t x = int32_t(lo32(a)), y = int32_t(lo32(b));
  if (y == 0)
    return ~uint64_t(0);
  if (x == INT32_MIN && y == -1)
    return sx32(lo32(a)); // the dividend, sign-extended
  return uint64_t(int64_t(x / y));
}
uint64_t remU32(uint64_t a, uint64_t b) {
  if (lo32(b) == 0)
    return sx32(a);
  return sx32(lo32(a) % lo32(b));
}
uint64_t remS32(uint64_t a, uint64_t b) {
  int32_t x = int32_t(lo32(a)), y = int32_t(lo32(b));
  if (y == 0)
    return sx32(a);
  if (x == INT32_MIN && y == -1)
    return 0;
  return uint64_t(int64_t(x % y));
}
uint64_t divU64(uint64_t a, uint64_t b) {
  return b == 0 ? ~uint64_t(0) : a / b;
}
uint64_t divS64(uint64_t a, uint64_t b) {
  if (b == 0)
    return ~uint64_t(0);
  if (s64(a) == INT64_MIN && s64(b) == -1)
    return a;
  return uint64_t(s64(a) / s64(b));
}
uint64_t remU64(uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }
uint64_t remS64(uint64_t a, uint64_t b) {
  if (b == 0)
    return a;
  if (s64(a) == INT64_MIN && s64(b) == -1)
    return 0;
  return uint64_t(s64(a) % s64(b));
}
uint64_t mulUpperSS(uint64_t a, uint64_t b) {
  return uint64_t((__int128(s64(a)) * __int128(s64(b))) >> 64);
}
uint64_t mulUpperUU(uint64_t a, uint64_t b) {
  return uint64_t((unsigned __int128)a * b >> 64);
}
uint64_t mulUpperSU(uint64_t a, uint64_t b) {
  return uint64_t((__int128(s64(a)) * __int128(b)) >> 64);
}
uint64_t rotr32(uint64_t v, uint64_t amount) {
  return sx32(std::rotr(lo32(v), int(amount % 32)));
}
uint64_t rotl32(uint64_t v, uint64_t amount) {
  return sx32(std::rotl(lo32(v), int(amount % 32)));
}
} // namespace

std::vector<std::pair<uint32_t, uint64_t>> Machine::blockProfile() const {
  std::vector<std::pair<uint32_t, uint64_t>> result;
  const std::vector<DecodedInst> &insts = program.instructions();
  for (size_t i = 0; i < profile.size(); ++i)
    if (profile[i])
      result.emplace_back(insts[i].pc, profile[i]);
  return result;
}

Stop Machine::run() {
  const DecodedInst *insts = program.instructions().data();
  const uint32_t *jumpTable = program.jumpTargets().data();
  const uint64_t jumpTableSize = program.jumpTargets().size();
  const bool recompiler = program.options().backend == gas::Backend::Recompiler;
  uint64_t *counts = profile.empty() ? nullptr : profile.data();

  // Work on locals; write back when stopping.
  uint64_t r[13];
  std::copy(regs.begin(), regs.end(), r);
  uint64_t gasLeft = gas;
  uint64_t executed = 0, blocks = 0, calls = 0, loads = 0, stores = 0;
  uint32_t i = position;
  Stop stop;

  auto finish = [&](StopReason reason, uint32_t at) {
    stop.reason = reason;
    stop.pc = insts[at].pc;
    position = at;
  };

  for (;;) {
    const DecodedInst &in = insts[i];
    if (in.gasCost) {
      if (gasLeft < in.gasCost) [[unlikely]] {
        // The interpreter leaves the counter alone; the recompiler has
        // already subtracted and the kernel reads 0 (gas-model.md §2.3).
        if (recompiler)
          gasLeft = 0;
        finish(StopReason::OutOfGas, i);
        break;
      }
      gasLeft -= in.gasCost;
      ++blocks;
      if (counts)
        ++counts[i];
    }
    ++executed;

    const uint8_t a = in.regA, b = in.regB, d = in.regD;
    const uint64_t x = in.immX, y = in.immY;

// Memory access helpers: on a fault, stop with the PC on this instruction.
#define FAULT(addr)                                                            \
  do {                                                                         \
    stop.address = recompiler ? (addr) : ((addr) & ~uint32_t(0xFFF));          \
    finish(StopReason::PageFault, i);                                          \
    goto done;                                                                 \
  } while (0)
#define LOAD(T, dst, addr, ext)                                                \
  do {                                                                         \
    uint32_t at_ = (addr);                                                     \
    T v_;                                                                      \
    ++loads;                                                                   \
    if (!memory.load<T>(at_, v_)) [[unlikely]]                                 \
      FAULT(at_);                                                              \
    r[dst] = ext(v_);                                                          \
  } while (0)
#define STORE(T, addr, value)                                                  \
  do {                                                                         \
    uint32_t at_ = (addr);                                                     \
    ++stores;                                                                  \
    if (!memory.store<T>(at_, T(value))) [[unlikely]]                          \
      FAULT(at_);                                                              \
  } while (0)
// Not wrapped in do/while: `continue` must reach the dispatch loop.
#define BRANCH(cond)                                                           \
  if (cond) {                                                                  \
    if (in.target == kPanicTarget) [[unlikely]] {                              \
      finish(StopReason::Panic, i);                                            \
      goto done;                                                               \
    }                                                                          \
    i = in.target;                                                             \
    continue;                                                                  \
  }
#define DYNAMIC_JUMP(address)                                                  \
  {                                                                            \
    uint64_t addr_ = lo32(address);                                            \
    uint32_t to_ = kPanicTarget;                                               \
    if (addr_ != 0 && addr_ % 2 == 0 && addr_ / 2 <= jumpTableSize)            \
      to_ = jumpTable[addr_ / 2 - 1];                                          \
    if (to_ == kPanicTarget) [[unlikely]] {                                    \
      finish(StopReason::Panic, i);                                            \
      goto done;                                                               \
    }                                                                          \
    i = to_;                                                                   \
    continue;                                                                  \
  }
#define ZX(v) uint64_t(v)

    switch (in.opcode) {
    // NoArgs, OneImm.
    case ops::TrapOp::kOpcode:
      finish(StopReason::Trap, i);
      goto done;
    case ops::FallthroughOp::kOpcode:
    case ops::UnlikelyOp::kOpcode:
      break;
    case ops::EcallOp::kOpcode:
      finish(StopReason::Ecall, i + 1);
      goto done;
    case ops::EcalliOp::kOpcode:
      stop.hostCallId = lo32(x);
      finish(StopReason::HostCall, i + 1);
      goto done;

    // OneRegExtImm, TwoImm, OneOffset.
    case ops::LoadImm64Op::kOpcode:
      r[a] = x;
      break;
    case ops::StoreImmU8Op::kOpcode:
      STORE(uint8_t, lo32(x), y);
      break;
    case ops::StoreImmU16Op::kOpcode:
      STORE(uint16_t, lo32(x), y);
      break;
    case ops::StoreImmU32Op::kOpcode:
      STORE(uint32_t, lo32(x), y);
      break;
    case ops::StoreImmU64Op::kOpcode:
      STORE(uint64_t, lo32(x), y);
      break;
    case ops::JumpOp::kOpcode:
      BRANCH(true);
      break;

    // OneRegOneImm.
    case ops::JumpIndOp::kOpcode:
      DYNAMIC_JUMP(r[a] + x);
      break;
    case ops::LoadImmOp::kOpcode:
      r[a] = x;
      break;
    case ops::LoadU8Op::kOpcode:
      LOAD(uint8_t, a, lo32(x), ZX);
      break;
    case ops::LoadI8Op::kOpcode:
      LOAD(uint8_t, a, lo32(x), sx8);
      break;
    case ops::LoadU16Op::kOpcode:
      LOAD(uint16_t, a, lo32(x), ZX);
      break;
    case ops::LoadI16Op::kOpcode:
      LOAD(uint16_t, a, lo32(x), sx16);
      break;
    case ops::LoadU32Op::kOpcode:
      LOAD(uint32_t, a, lo32(x), ZX);
      break;
    case ops::LoadI32Op::kOpcode:
      LOAD(uint32_t, a, lo32(x), sx32);
      break;
    case ops::LoadU64Op::kOpcode:
      LOAD(uint64_t, a, lo32(x), ZX);
      break;
    case ops::StoreU8Op::kOpcode:
      STORE(uint8_t, lo32(x), r[a]);
      break;
    case ops::StoreU16Op::kOpcode:
      STORE(uint16_t, lo32(x), r[a]);
      break;
    case ops::StoreU32Op::kOpcode:
      STORE(uint32_t, lo32(x), r[a]);
      break;
    case ops::StoreU64Op::kOpcode:
      STORE(uint64_t, lo32(x), r[a]);
      break;

    // OneRegTwoImm.
    case ops::StoreImmIndU8Op::kOpcode:
      STORE(uint8_t, lo32(r[a] + x), y);
      break;
    case ops::StoreImmIndU16Op::kOpcode:
      STORE(uint16_t, lo32(r[a] + x), y);
      break;
    case ops::StoreImmIndU32Op::kOpcode:
      STORE(uint32_t, lo32(r[a] + x), y);
      break;
    case ops::StoreImmIndU64Op::kOpcode:
      STORE(uint64_t, lo32(r[a] + x), y);
      break;

    // OneRegImmOffset.
    case ops::LoadImmJumpOp::kOpcode:
      r[a] = x;
      ++calls;
      BRANCH(true);
      break;
    case ops::BranchEqImmOp::kOpcode:
      BRANCH(r[a] == x);
      break;
    case ops::BranchNeImmOp::kOpcode:
      BRANCH(r[a] != x);
      break;
    case ops::BranchLtUImmOp::kOpcode:
      BRANCH(r[a] < x);
      break;
    case ops::BranchLeUImmOp::kOpcode:
      BRANCH(r[a] <= x);
      break;
    case ops::BranchGeUImmOp::kOpcode:
      BRANCH(r[a] >= x);
      break;
    case ops::BranchGtUImmOp::kOpcode:
      BRANCH(r[a] > x);
      break;
    case ops::BranchLtSImmOp::kOpcode:
      BRANCH(s64(r[a]) < s64(x));
      break;
    case ops::BranchLeSImmOp::kOpcode:
      BRANCH(s64(r[a]) <= s64(x));
      break;
    case ops::BranchGeSImmOp::kOpcode:
      BRANCH(s64(r[a]) >= s64(x));
      break;
    case ops::BranchGtSImmOp::kOpcode:
      BRANCH(s64(r[a]) > s64(x));
      break;

    // TwoReg: regD is the destination, regA the source.
    case ops::MoveRegOp::kOpcode:
      r[d] = r[a];
      break;
    case ops::SbrkOp::kOpcode:
      // Removed from the machine: panics in Rust (pvm-isa.md §3.5).
      finish(StopReason::Panic, i);
      goto done;
    case ops::CountSetBits64Op::kOpcode:
      r[d] = std::popcount(r[a]);
      break;
    case ops::CountSetBits32Op::kOpcode:
      r[d] = std::popcount(lo32(r[a]));
      break;
    case ops::LeadingZeroBits64Op::kOpcode:
      r[d] = std::countl_zero(r[a]);
      break;
    case ops::LeadingZeroBits32Op::kOpcode:
      r[d] = std::countl_zero(lo32(r[a]));
      break;
    case ops::TrailingZeroBits64Op::kOpcode:
      r[d] = std::countr_zero(r[a]);
      break;
    case ops::TrailingZeroBits32Op::kOpcode:
      r[d] = std::countr_zero(lo32(r[a]));
      break;
    case ops::SignExtend8Op::kOpcode:
      r[d] = sx8(r[a]);
      break;
    case ops::SignExtend16Op::kOpcode:
      r[d] = sx16(r[a]);
      break;
    case ops::ZeroExtend16Op::kOpcode:
      r[d] = uint16_t(r[a]);
      break;
    case ops::ReverseBytesOp::kOpcode:
      r[d] = __builtin_bswap64(r[a]);
      break;

    // TwoRegOneImm: stores take the value from regA and the base from regB;
    // everything else writes regA from regB.
    case ops::StoreIndU8Op::kOpcode:
      STORE(uint8_t, lo32(r[b] + x), r[a]);
      break;
    case ops::StoreIndU16Op::kOpcode:
      STORE(uint16_t, lo32(r[b] + x), r[a]);
      break;
    case ops::StoreIndU32Op::kOpcode:
      STORE(uint32_t, lo32(r[b] + x), r[a]);
      break;
    case ops::StoreIndU64Op::kOpcode:
      STORE(uint64_t, lo32(r[b] + x), r[a]);
      break;
    case ops::LoadIndU8Op::kOpcode:
      LOAD(uint8_t, a, lo32(r[b] + x), ZX);
      break;
    case ops::LoadIndI8Op::kOpcode:
      LOAD(uint8_t, a, lo32(r[b] + x), sx8);
      break;
    case ops::LoadIndU16Op::kOpcode:
      LOAD(uint16_t, a, lo32(r[b] + x), ZX);
      break;
    case ops::LoadIndI16Op::kOpcode:
      LOAD(uint16_t, a, lo32(r[b] + x), sx16);
      break;
    case ops::LoadIndU32Op::kOpcode:
      LOAD(uint32_t, a, lo32(r[b] + x), ZX);
      break;
    case ops::LoadIndI32Op::kOpcode:
      LOAD(uint32_t, a, lo32(r[b] + x), sx32);
      break;
    case ops::LoadIndU64Op::kOpcode:
      LOAD(uint64_t, a, lo32(r[b] + x), ZX);
      break;
    case ops::AddImm32Op::kOpcode:
      r[a] = sx32(r[b] + x);
      break;
    case ops::AndImmOp::kOpcode:
      r[a] = r[b] & x;
      break;
    case ops::XorImmOp::kOpcode:
      r[a] = r[b] ^ x;
      break;
    case ops::OrImmOp::kOpcode:
      r[a] = r[b] | x;
      break;
    case ops::MulImm32Op::kOpcode:
      r[a] = sx32(r[b] * x);
      break;
    case ops::SetLtUImmOp::kOpcode:
      r[a] = r[b] < x;
      break;
    case ops::SetLtSImmOp::kOpcode:
      r[a] = s64(r[b]) < s64(x);
      break;
    case ops::ShloLImm32Op::kOpcode:
      r[a] = sx32(lo32(r[b]) << (x % 32));
      break;
    case ops::ShloRImm32Op::kOpcode:
      r[a] = sx32(lo32(r[b]) >> (x % 32));
      break;
    case ops::SharRImm32Op::kOpcode:
      r[a] = sx32(uint32_t(int32_t(lo32(r[b])) >> (x % 32)));
      break;
    case ops::NegAddImm32Op::kOpcode:
      r[a] = sx32(x - r[b]);
      break;
    case ops::SetGtUImmOp::kOpcode:
      r[a] = r[b] > x;
      break;
    case ops::SetGtSImmOp::kOpcode:
      r[a] = s64(r[b]) > s64(x);
      break;
    case ops::ShloLImmAlt32Op::kOpcode:
      r[a] = sx32(lo32(x) << (r[b] % 32));
      break;
    case ops::ShloRImmAlt32Op::kOpcode:
      r[a] = sx32(lo32(x) >> (r[b] % 32));
      break;
    case ops::SharRImmAlt32Op::kOpcode:
      r[a] = sx32(uint32_t(int32_t(lo32(x)) >> (r[b] % 32)));
      break;
    case ops::CmovIzImmOp::kOpcode:
      if (r[b] == 0)
        r[a] = x;
      break;
    case ops::CmovNzImmOp::kOpcode:
      if (r[b] != 0)
        r[a] = x;
      break;
    case ops::AddImm64Op::kOpcode:
      r[a] = r[b] + x;
      break;
    case ops::MulImm64Op::kOpcode:
      r[a] = r[b] * x;
      break;
    case ops::ShloLImm64Op::kOpcode:
      r[a] = r[b] << (x % 64);
      break;
    case ops::ShloRImm64Op::kOpcode:
      r[a] = r[b] >> (x % 64);
      break;
    case ops::SharRImm64Op::kOpcode:
      r[a] = uint64_t(s64(r[b]) >> (x % 64));
      break;
    case ops::NegAddImm64Op::kOpcode:
      r[a] = x - r[b];
      break;
    case ops::ShloLImmAlt64Op::kOpcode:
      r[a] = x << (r[b] % 64);
      break;
    case ops::ShloRImmAlt64Op::kOpcode:
      r[a] = x >> (r[b] % 64);
      break;
    case ops::SharRImmAlt64Op::kOpcode:
      r[a] = uint64_t(s64(x) >> (r[b] % 64));
      break;
    case ops::RotR64ImmOp::kOpcode:
      r[a] = std::rotr(r[b], int(x % 64));
      break;
    case ops::RotR64ImmAltOp::kOpcode:
      r[a] = std::rotr(x, int(r[b] % 64));
      break;
    case ops::RotR32ImmOp::kOpcode:
      r[a] = rotr32(r[b], x);
      break;
    case ops::RotR32ImmAltOp::kOpcode:
      r[a] = rotr32(x, r[b]);
      break;

    // TwoRegOneOffset.
    case ops::BranchEqOp::kOpcode:
      BRANCH(r[a] == r[b]);
      break;
    case ops::BranchNeOp::kOpcode:
      BRANCH(r[a] != r[b]);
      break;
    case ops::BranchLtUOp::kOpcode:
      BRANCH(r[a] < r[b]);
      break;
    case ops::BranchLtSOp::kOpcode:
      BRANCH(s64(r[a]) < s64(r[b]));
      break;
    case ops::BranchGeUOp::kOpcode:
      BRANCH(r[a] >= r[b]);
      break;
    case ops::BranchGeSOp::kOpcode:
      BRANCH(s64(r[a]) >= s64(r[b]));
      break;

    // TwoRegTwoImm: the jump reads regB after regA was written (Rust,
    // pvm-isa.md §3.8).
    case ops::LoadImmJumpIndOp::kOpcode:
      r[a] = x;
      ++calls;
      DYNAMIC_JUMP(r[b] + y);
      break;

    // ThreeReg: regD = regA op regB.
    case ops::Add32Op::kOpcode:
      r[d] = sx32(r[a] + r[b]);
      break;
    case ops::Sub32Op::kOpcode:
      r[d] = sx32(r[a] - r[b]);
      break;
    case ops::Mul32Op::kOpcode:
      r[d] = sx32(r[a] * r[b]);
      break;
    case ops::DivU32Op::kOpcode:
      r[d] = divU32(r[a], r[b]);
      break;
    case ops::DivS32Op::kOpcode:
      r[d] = divS32(r[a], r[b]);
      break;
    case ops::RemU32Op::kOpcode:
      r[d] = remU32(r[a], r[b]);
      break;
    case ops::RemS32Op::kOpcode:
      r[d] = remS32(r[a], r[b]);
      break;
    case ops::ShloL32Op::kOpcode:
      r[d] = sx32(lo32(r[a]) << (r[b] % 32));
      break;
    case ops::ShloR32Op::kOpcode:
      r[d] = sx32(lo32(r[a]) >> (r[b] % 32));
      break;
    case ops::SharR32Op::kOpcode:
      r[d] = sx32(uint32_t(int32_t(lo32(r[a])) >> (r[b] % 32)));
      break;
    case ops::Add64Op::kOpcode:
      r[d] = r[a] + r[b];
      break;
    case ops::Sub64Op::kOpcode:
      r[d] = r[a] - r[b];
      break;
    case ops::Mul64Op::kOpcode:
      r[d] = r[a] * r[b];
      break;
    case ops::DivU64Op::kOpcode:
      r[d] = divU64(r[a], r[b]);
      break;
    case ops::DivS64Op::kOpcode:
      r[d] = divS64(r[a], r[b]);
      break;
    case ops::RemU64Op::kOpcode:
      r[d] = remU64(r[a], r[b]);
      break;
    case ops::RemS64Op::kOpcode:
      r[d] = remS64(r[a], r[b]);
      break;
    case ops::ShloL64Op::kOpcode:
      r[d] = r[a] << (r[b] % 64);
      break;
    case ops::ShloR64Op::kOpcode:
      r[d] = r[a] >> (r[b] % 64);
      break;
    case ops::SharR64Op::kOpcode:
      r[d] = uint64_t(s64(r[a]) >> (r[b] % 64));
      break;
    case ops::AndOp::kOpcode:
      r[d] = r[a] & r[b];
      break;
    case ops::XorOp::kOpcode:
      r[d] = r[a] ^ r[b];
      break;
    case ops::OrOp::kOpcode:
      r[d] = r[a] | r[b];
      break;
    case ops::MulUpperSSOp::kOpcode:
      r[d] = mulUpperSS(r[a], r[b]);
      break;
    case ops::MulUpperUUOp::kOpcode:
      r[d] = mulUpperUU(r[a], r[b]);
      break;
    case ops::MulUpperSUOp::kOpcode:
      r[d] = mulUpperSU(r[a], r[b]);
      break;
    case ops::SetLtUOp::kOpcode:
      r[d] = r[a] < r[b];
      break;
    case ops::SetLtSOp::kOpcode:
      r[d] = s64(r[a]) < s64(r[b]);
      break;
    case ops::CmovIzOp::kOpcode:
      if (r[b] == 0)
        r[d] = r[a];
      break;
    case ops::CmovNzOp::kOpcode:
      if (r[b] != 0)
        r[d] = r[a];
      break;
    case ops::RotL64Op::kOpcode:
      r[d] = std::rotl(r[a], int(r[b] % 64));
      break;
    case ops::RotL32Op::kOpcode:
      r[d] = rotl32(r[a], r[b]);
      break;
    case ops::RotR64Op::kOpcode:
      r[d] = std::rotr(r[a], int(r[b] % 64));
      break;
    case ops::RotR32Op::kOpcode:
      r[d] = rotr32(r[a], r[b]);
      break;
    case ops::AndInvOp::kOpcode:
      r[d] = r[a] & ~r[b];
      break;
    case ops::OrInvOp::kOpcode:
      r[d] = r[a] | ~r[b];
      break;
    case ops::XnorOp::kOpcode:
      r[d] = ~(r[a] ^ r[b]);
      break;
    case ops::MaxOp::kOpcode:
      r[d] = s64(r[a]) > s64(r[b]) ? r[a] : r[b];
      break;
    case ops::MaxUOp::kOpcode:
      r[d] = r[a] > r[b] ? r[a] : r[b];
      break;
    case ops::MinOp::kOpcode:
      r[d] = s64(r[a]) < s64(r[b]) ? r[a] : r[b];
      break;
    case ops::MinUOp::kOpcode:
      r[d] = r[a] < r[b] ? r[a] : r[b];
      break;

    // Pseudo-ops.
    case uint8_t(PseudoOp::Skip):
      break;
    case uint8_t(PseudoOp::EndOfCode):
      if (recompiler) {
        // The native code runs into the shared out-of-gas exit.
        --executed;
        stop.fellOffEnd = true;
        finish(StopReason::OutOfGas, i);
      } else {
        finish(StopReason::Trap, i); // the charged sentinel trap
      }
      goto done;
    case uint8_t(PseudoOp::Panic):
    default:
      finish(StopReason::Panic, i);
      goto done;
    }
    ++i;
  }
done:
#undef FAULT
#undef LOAD
#undef STORE
#undef BRANCH
#undef DYNAMIC_JUMP
#undef ZX
  std::copy(r, r + 13, regs.begin());
  gas = gasLeft;
  instructionsExecuted += executed;
  blocksExecuted += blocks;
  callsExecuted += calls;
  loadsExecuted += loads;
  storesExecuted += stores;
  return stop;
}
