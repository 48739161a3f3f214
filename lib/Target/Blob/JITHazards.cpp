//===- JITHazards.cpp - code javm's x86-64 recompiler miscompiles ---------===//
//
// A model of the state javm's recompiler keeps while it compiles a gas block
// (grey/crates/javm/src/recompiler/codegen.rs, jarchain/jar@4f0890c8), run
// over the same instruction stream, plus value numbering so the model can
// tell when something the recompiler recorded has stopped being true.
//
// What the recompiler does, and therefore what is reported:
//
// A  `emit_shift_by_reg32` loads the count into CL (RCX = φ12) over the
//    value when the destination is RCX; `emit_shift_by_reg64` copies the
//    destination to a scratch first, but its callers have already put the
//    value in RCX when the count was in RCX too. Reported exactly:
//    32-bit shifts and rotates by a register with rd = φ12 unless both
//    sources are φ12; the 32-bit `_imm_alt` forms with rd = φ12; 64-bit
//    ones with rd = rb = φ12 and ra ≠ φ12; 64-bit `_imm_alt` with both
//    registers φ12.
// B  `update_reg_defs` records `X = Y << s` (s = 1..3) for
//    `shlo_l_imm_64 X,Y,s` and `add_64 X,Y,Y` (X ≠ Y), doubles it on
//    `add_64 X,X,X`, copies it on `move_reg`, turns `add_64 D,B,X` into
//    `D = B + (Y << s)`, and clears a record when a register it names is
//    written, except the register that holds it. An indirect access with
//    offset 0 through D is compiled from the registers' current values.
//    Reported exactly: such an access when B or Y no longer holds the value
//    the record was made from (cause: the shift or add that started it).
// C  `try_fuse_scaled_index_raw` at each `add_64 D,A,A` followed by
//    `add_64 D,D,D` and `add_64 E,B,D` (or `E,D,B`, B ≠ D) and any valid
//    fourth instruction. Reported whenever the three adds match: if the
//    fourth is `load_ind_*`/`store_ind_*` with base E and offset 0 the
//    fusion never writes D and E (wrong if either is read later, which a
//    scan of one block cannot rule out: conservative); otherwise
//    instructions 2-4 are charged twice (a gas overcharge).
// D  after `add_64 D,A,B` the carry flag is remembered until any
//    instruction other than `add_64` or `set_lt_u`; `set_lt_u C,D,X`
//    (X ∈ {A,B}, X ≠ D, C ≠ X) then becomes `setb`. Reported exactly: such
//    a fused `set_lt_u` after an unfused one clobbered the flags, or after
//    D or X changed.
// E  `emit_div` tests the whole 64-bit divisor for zero and never tests
//    for MIN / -1. Reported per division from what the gas block shows
//    (values from earlier blocks are unknown): a 32-bit divisor not written
//    in this block by an instruction whose result is an extended 32-bit
//    value; a `rem_*_32` dividend not written by one whose result is
//    sign-extended; a signed division unless the operands are the same
//    value, a constant or a narrow result rules out MIN / -1, or the
//    divisor is the guard `cmov_iz_imm (t == 0 ? 1 : b)` with t = (b + 1)
//    for a remainder, or t = (b + 1) | (a << 1) for either (t is 0 only if
//    b = -1 and, in the second form, a ∈ {0, MIN}, where a / 1 = a / -1).
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/JITHazards.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Target/Blob/InstructionDecoder.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <optional>

using namespace grey;
using namespace grey::blob;
namespace ops = grey::pvm;
using pvm::Format;

char blob::hazardLetter(JITHazardKind kind) {
  return char('A' + static_cast<uint8_t>(kind));
}

llvm::StringRef blob::hazardName(JITHazardKind kind) {
  switch (kind) {
  case JITHazardKind::ShiftIntoCountRegister:
    return "shift-into-phi12";
  case JITHazardKind::StaleScaledAddress:
    return "stale-scaled-address";
  case JITHazardKind::ScaledIndexFusion:
    return "scaled-index-fusion";
  case JITHazardKind::StaleCarryFlag:
    return "stale-carry-flag";
  case JITHazardKind::Division:
    return "division";
  }
  llvm_unreachable("unknown hazard kind");
}

namespace {

/// φ12 is RCX in the recompiler: shift counts must pass through CL.
constexpr uint8_t kCountRegister = 12;
constexpr unsigned kRegs = pvm::kNumRegs;

template <typename... Ops> bool isOneOf(uint8_t opcode) {
  return ((opcode == Ops::kOpcode) || ...);
}

//===----------------------------------------------------------------------===//
// Instruction facts the model needs
//===----------------------------------------------------------------------===//

bool isIndirectLoad(uint8_t op) {
  return isOneOf<ops::LoadIndU8Op, ops::LoadIndI8Op, ops::LoadIndU16Op,
                 ops::LoadIndI16Op, ops::LoadIndU32Op, ops::LoadIndI32Op,
                 ops::LoadIndU64Op>(op);
}
bool isIndirectStore(uint8_t op) {
  return isOneOf<ops::StoreIndU8Op, ops::StoreIndU16Op, ops::StoreIndU32Op,
                 ops::StoreIndU64Op>(op);
}
bool isIndirectImmStore(uint8_t op) {
  return isOneOf<ops::StoreImmIndU8Op, ops::StoreImmIndU16Op,
                 ops::StoreImmIndU32Op, ops::StoreImmIndU64Op>(op);
}
bool isAbsoluteStore(uint8_t op) {
  return isOneOf<ops::StoreU8Op, ops::StoreU16Op, ops::StoreU32Op,
                 ops::StoreU64Op>(op);
}

/// The register an instruction writes, if exactly one (host calls write
/// any; they are handled apart).
std::optional<uint8_t> writtenRegister(const Instruction &inst) {
  switch (inst.format) {
  case Format::NoArgs:
  case Format::OneImm:
  case Format::TwoImm:
  case Format::OneOffset:
  case Format::OneRegTwoImm:
  case Format::TwoRegOneOffset:
    return std::nullopt;
  case Format::OneRegExtImm:
  case Format::TwoRegTwoImm:
    return inst.regA;
  case Format::OneRegOneImm:
    if (isAbsoluteStore(inst.opcode) ||
        inst.opcode == ops::JumpIndOp::kOpcode)
      return std::nullopt;
    return inst.regA;
  case Format::OneRegImmOffset:
    if (inst.opcode == ops::LoadImmJumpOp::kOpcode)
      return inst.regA;
    return std::nullopt;
  case Format::TwoRegOneImm:
    if (isIndirectStore(inst.opcode))
      return std::nullopt;
    return inst.regA;
  case Format::TwoReg:
  case Format::ThreeReg:
    return inst.regD;
  }
  return std::nullopt;
}

/// Shifts and rotates by a register that compute a wrong value (A).
bool shiftsIntoCountRegister(const Instruction &inst) {
  const uint8_t c = kCountRegister;
  uint8_t op = inst.opcode;
  if (isOneOf<ops::ShloL32Op, ops::ShloR32Op, ops::SharR32Op, ops::RotL32Op,
              ops::RotR32Op>(op))
    return inst.regD == c && !(inst.regA == c && inst.regB == c);
  if (isOneOf<ops::ShloLImmAlt32Op, ops::ShloRImmAlt32Op, ops::SharRImmAlt32Op,
              ops::RotR32ImmAltOp>(op))
    return inst.regA == c;
  if (isOneOf<ops::ShloL64Op, ops::ShloR64Op, ops::SharR64Op, ops::RotL64Op,
              ops::RotR64Op>(op))
    return inst.regD == c && inst.regB == c && inst.regA != c;
  if (isOneOf<ops::ShloLImmAlt64Op, ops::ShloRImmAlt64Op, ops::SharRImmAlt64Op,
              ops::RotR64ImmAltOp>(op))
    return inst.regA == c && inst.regB == c;
  return false;
}

//===----------------------------------------------------------------------===//
// What a value is known to be
//===----------------------------------------------------------------------===//

enum ValueFact : uint8_t {
  /// v == sx32(lo32(v)).
  SignExtended = 1,
  /// v == zx32(lo32(v)).
  ZeroExtended = 2,
  /// Bit 63 clear: v is neither INT64_MIN nor -1.
  NonNegative64 = 4,
  /// Bit 31 clear: lo32(v) is neither INT32_MIN nor -1.
  NonNegative32 = 8,
};
/// A value in [0, 2^31).
constexpr uint8_t kSmallNonNegative =
    SignExtended | ZeroExtended | NonNegative64 | NonNegative32;

uint8_t factsOfConstant(uint64_t k) {
  uint8_t facts = 0;
  if (k == uint64_t(int64_t(int32_t(uint32_t(k)))))
    facts |= SignExtended;
  if (k == uint64_t(uint32_t(k)))
    facts |= ZeroExtended;
  if (int64_t(k) >= 0)
    facts |= NonNegative64;
  if (!(k & 0x80000000u))
    facts |= NonNegative32;
  return facts;
}

/// One value the model has seen: live into the gas block (no `def`) or
/// written by instruction `def`, whose opcode, immediate and operand values
/// are kept for recognizing the division guard.
struct ValueInfo {
  uint8_t facts = 0;
  std::optional<uint64_t> constant;
  std::optional<size_t> def;
  uint8_t opcode = 0;
  uint64_t imm = 0;
  std::array<uint32_t, 3> operands{};
};

/// The recompiler's RegDef, reduced to the kinds that can go stale
/// (constants are always folded correctly).
struct AddressRecord {
  enum Kind : uint8_t { None, Shifted, ScaledAdd } kind = None;
  uint8_t shift = 0;
  /// Shifted: the register shifted; ScaledAdd: the index register.
  uint8_t index = 0;
  /// ScaledAdd: the base register.
  uint8_t base = 0;
  /// The values `index` and `base` held when the record was made.
  uint32_t indexValue = 0, baseValue = 0;
  /// The shlo_l_imm_64 / add_64 that made the first Shifted record.
  size_t root = 0;

  bool names(uint8_t reg) const {
    return (kind == Shifted && index == reg) ||
           (kind == ScaledAdd && (index == reg || base == reg));
  }
};

/// The recompiler's `last_add_cf`, plus what the model needs to judge it.
struct CarryRecord {
  uint8_t sum, lhs, rhs;
  uint32_t sumValue, lhsValue, rhsValue;
  /// No unfused set_lt_u (a `cmp`) ran since the add.
  bool flagsIntact = true;
};

class RecompilerModel {
public:
  explicit RecompilerModel(llvm::ArrayRef<Instruction> insts) : insts(insts) {}
  std::vector<JITHazard> run();

private:
  void startGasBlock();
  uint32_t newValue(ValueInfo info) {
    values.push_back(info);
    return uint32_t(values.size() - 1);
  }
  const ValueInfo &info(uint32_t value) const { return values[value]; }

  void report(JITHazardKind kind, size_t index, size_t cause,
              std::string detail, uint8_t issues = 0) {
    hazards.push_back({kind, index, cause, issues, std::move(detail)});
  }

  /// C; returns how many instructions a completed fusion consumed.
  unsigned checkScaledIndex(size_t i);
  void checkShift(size_t i);
  void checkCarry(size_t i);
  void checkAddress(size_t i);
  void checkDivision(size_t i);

  void updateAddressRecords(size_t i);
  void defineResult(size_t i);
  void updateCarry(size_t i, uint32_t lhsValue, uint32_t rhsValue);

  void clearRecordsNaming(uint8_t reg);
  void invalidate(uint8_t reg) {
    records[reg] = {};
    clearRecordsNaming(reg);
  }

  bool notMinusOne(uint32_t v, bool is32) const;
  bool notMinimum(uint32_t v, bool is32) const;
  bool sameLow32(uint32_t u, uint32_t v) const;
  bool isGuardedDivisor(uint32_t divisor, uint32_t dividend, bool is32,
                        bool isRemainder) const;

  llvm::ArrayRef<Instruction> insts;
  std::vector<ValueInfo> values;
  std::array<uint32_t, kRegs> regValue{};
  std::array<AddressRecord, kRegs> records{};
  std::optional<CarryRecord> carry;
  std::vector<JITHazard> hazards;
};

void RecompilerModel::startGasBlock() {
  for (uint32_t &value : regValue)
    value = newValue({});
  records = {};
  carry.reset();
}

std::vector<JITHazard> RecompilerModel::run() {
  bool blockStart = true;
  for (size_t i = 0; i < insts.size();) {
    if (blockStart)
      startGasBlock();
    const Instruction &inst = insts[i];
    const pvm::OpcodeInfo &opcode = pvm::lookupOpcode(inst.opcode);
    if (!opcode.isValid()) {
      blockStart = true;
      ++i;
      continue;
    }
    if (unsigned consumed = checkScaledIndex(i)) {
      blockStart = pvm::lookupOpcode(insts[i + consumed - 1].opcode)
                       .isGasTerminator;
      i += consumed;
      continue;
    }
    checkShift(i);
    checkCarry(i);
    checkAddress(i);
    checkDivision(i);
    uint32_t lhsValue = regValue[inst.regA], rhsValue = regValue[inst.regB];
    updateAddressRecords(i);
    defineResult(i);
    updateCarry(i, lhsValue, rhsValue);
    blockStart = opcode.isGasTerminator;
    ++i;
  }
  return std::move(hazards);
}

//===----------------------------------------------------------------------===//
// The checks
//===----------------------------------------------------------------------===//

unsigned RecompilerModel::checkScaledIndex(size_t i) {
  auto isAdd = [&](size_t k) {
    return k < insts.size() && insts[k].opcode == ops::Add64Op::kOpcode;
  };
  if (!isAdd(i) || !isAdd(i + 1) || !isAdd(i + 2) || i + 3 >= insts.size())
    return 0;
  const Instruction &first = insts[i], &second = insts[i + 1],
                    &third = insts[i + 2], &fourth = insts[i + 3];
  uint8_t d = first.regD;
  if (first.regA != first.regB)
    return 0;
  if (second.regA != d || second.regB != d || second.regD != d)
    return 0;
  uint8_t base;
  if (third.regB == d && third.regA != d)
    base = third.regA;
  else if (third.regA == d && third.regB != d)
    base = third.regB;
  else
    return 0;
  uint8_t e = third.regD;
  // The peephole gives up without effect on an invalid fourth opcode.
  if (!pvm::lookupOpcode(fourth.opcode).isValid())
    return 0;
  bool completes =
      (isIndirectLoad(fourth.opcode) || isIndirectStore(fourth.opcode)) &&
      fourth.regB == e && int32_t(uint32_t(fourth.immX)) == 0;
  if (!completes) {
    report(JITHazardKind::ScaledIndexFusion, i, i,
           llvm::formatv("scaled-index near miss (add_64 r{0}, r{1}, r{1}; "
                         "add_64 r{0}, r{0}, r{0}; add_64 r{2}, …): the next "
                         "three instructions are charged gas twice",
                         d, first.regA, e)
               .str());
    return 0;
  }
  report(JITHazardKind::ScaledIndexFusion, i, i,
         llvm::formatv("fused with the access at PC {0} into [r{1} + r{2}*4]: "
                       "r{3} and r{4} are never written, so a later read "
                       "sees stale values",
                       fourth.pc, base, first.regA, d, e)
             .str());
  // The fused code writes only the access's own destination; the model
  // gives D, E and that register fresh unknown values and forgets the rest.
  for (uint8_t reg : {d, e})
    regValue[reg] = newValue({});
  if (std::optional<uint8_t> dest = writtenRegister(fourth))
    regValue[*dest] = newValue({});
  records = {};
  carry.reset();
  return 4;
}

void RecompilerModel::checkShift(size_t i) {
  if (!shiftsIntoCountRegister(insts[i]))
    return;
  report(JITHazardKind::ShiftIntoCountRegister, i, i,
         "shift by a register into r12: the recompiler moves the count into "
         "CL (r12) over the value and computes count OP count");
}

void RecompilerModel::checkCarry(size_t i) {
  const Instruction &inst = insts[i];
  if (inst.opcode != ops::SetLtUOp::kOpcode || !carry)
    return;
  CarryRecord &c = *carry;
  bool fused = inst.regA == c.sum && inst.regB != c.sum &&
               (inst.regB == c.lhs || inst.regB == c.rhs) &&
               inst.regD != inst.regB;
  if (!fused) {
    c.flagsIntact = false; // an unfused set_lt_u compiles to `cmp`
    return;
  }
  uint32_t addendValue = inst.regB == c.lhs ? c.lhsValue : c.rhsValue;
  if (c.flagsIntact && regValue[c.sum] == c.sumValue &&
      regValue[inst.regB] == addendValue)
    return;
  report(JITHazardKind::StaleCarryFlag, i, i,
         llvm::formatv("compiled as `setb` from the carry of an earlier "
                       "add_64 r{0}, r{1}, r{2}, but {3} since",
                       c.sum, c.lhs, c.rhs,
                       c.flagsIntact ? "a compared register was written"
                                     : "an unfused set_lt_u set the flags")
             .str());
}

void RecompilerModel::checkAddress(size_t i) {
  const Instruction &inst = insts[i];
  uint8_t base;
  if (isIndirectLoad(inst.opcode) || isIndirectStore(inst.opcode))
    base = inst.regB;
  else if (isIndirectImmStore(inst.opcode))
    base = inst.regA;
  else
    return;
  const AddressRecord &record = records[base];
  if (int32_t(uint32_t(inst.immX)) != 0 ||
      record.kind != AddressRecord::ScaledAdd)
    return;
  bool baseStale = regValue[record.base] != record.baseValue;
  bool indexStale = regValue[record.index] != record.indexValue;
  if (!baseStale && !indexStale)
    return;
  report(JITHazardKind::StaleScaledAddress, i, record.root,
         llvm::formatv("address compiled as [r{0} + r{1}*{2}] from a record "
                       "made at PC {3}, but r{4} was written since",
                       record.base, record.index, 1u << record.shift,
                       insts[record.root].pc,
                       baseStale ? record.base : record.index)
             .str());
}

bool RecompilerModel::notMinusOne(uint32_t v, bool is32) const {
  const ValueInfo &value = info(v);
  if (value.constant)
    return is32 ? uint32_t(*value.constant) != 0xFFFFFFFFu
                : *value.constant != ~uint64_t(0);
  return value.facts & (is32 ? NonNegative32 : NonNegative64);
}

bool RecompilerModel::notMinimum(uint32_t v, bool is32) const {
  const ValueInfo &value = info(v);
  if (value.constant)
    return is32 ? uint32_t(*value.constant) != 0x80000000u
                : *value.constant != uint64_t(1) << 63;
  return value.facts & (is32 ? NonNegative32 : NonNegative64);
}

/// Whether `u` and `v` have the same low 32 bits by construction (one is
/// the other, or a sign extension `add_imm_32 x, 0` of it).
bool RecompilerModel::sameLow32(uint32_t u, uint32_t v) const {
  auto strip = [&](uint32_t x) {
    const ValueInfo &value = info(x);
    if (value.def && value.opcode == ops::AddImm32Op::kOpcode &&
        value.imm == 0)
      return value.operands[0];
    return x;
  };
  return u == v || strip(u) == strip(v);
}

bool RecompilerModel::isGuardedDivisor(uint32_t divisor, uint32_t dividend,
                                       bool is32, bool isRemainder) const {
  const ValueInfo &guard = info(divisor);
  // The divisor becomes 1 in the overflow case: a / 1 = a / -1 for a in
  // {0, MIN}, and a % 1 = a % -1 = 0 for every a.
  if (!guard.def || guard.opcode != ops::CmovIzImmOp::kOpcode ||
      guard.imm != 1)
    return false;
  uint32_t condition = guard.operands[0], previous = guard.operands[1];
  auto same = [&](uint32_t u, uint32_t v) {
    return is32 ? sameLow32(u, v) : u == v;
  };
  // x = b + 1: zero exactly when the divisor is -1.
  auto isDivisorPlusOne = [&](uint32_t x) {
    const ValueInfo &value = info(x);
    uint8_t add = is32 ? ops::AddImm32Op::kOpcode : ops::AddImm64Op::kOpcode;
    return value.def && value.opcode == add && value.imm == 1 &&
           same(value.operands[0], previous);
  };
  // y = a << 1: zero exactly when the dividend is 0 or MIN.
  auto isDividendTimesTwo = [&](uint32_t y) {
    const ValueInfo &value = info(y);
    uint8_t shift =
        is32 ? ops::ShloLImm32Op::kOpcode : ops::ShloLImm64Op::kOpcode;
    return value.def && value.opcode == shift && value.imm == 1 &&
           same(value.operands[0], dividend);
  };
  if (isRemainder && isDivisorPlusOne(condition))
    return true;
  const ValueInfo &either = info(condition);
  if (!either.def || either.opcode != ops::OrOp::kOpcode)
    return false;
  uint32_t x = either.operands[0], y = either.operands[1];
  return (isDivisorPlusOne(x) && isDividendTimesTwo(y)) ||
         (isDivisorPlusOne(y) && isDividendTimesTwo(x));
}

void RecompilerModel::checkDivision(size_t i) {
  const Instruction &inst = insts[i];
  uint8_t op = inst.opcode;
  bool is32 = isOneOf<ops::DivU32Op, ops::DivS32Op, ops::RemU32Op,
                      ops::RemS32Op>(op);
  bool is64 = isOneOf<ops::DivU64Op, ops::DivS64Op, ops::RemU64Op,
                      ops::RemS64Op>(op);
  if (!is32 && !is64)
    return;
  bool isSigned =
      isOneOf<ops::DivS32Op, ops::RemS32Op, ops::DivS64Op, ops::RemS64Op>(op);
  bool isRemainder =
      isOneOf<ops::RemU32Op, ops::RemS32Op, ops::RemU64Op, ops::RemS64Op>(op);
  uint32_t dividend = regValue[inst.regA], divisor = regValue[inst.regB];
  uint8_t issues = 0;
  if (is32 && !(info(divisor).facts & (SignExtended | ZeroExtended)))
    issues |= UnextendedDivisor;
  if (is32 && isRemainder && !(info(dividend).facts & SignExtended))
    issues |= UnextendedDividend;
  if (isSigned && dividend != divisor && !notMinusOne(divisor, is32) &&
      !notMinimum(dividend, is32) &&
      !isGuardedDivisor(divisor, dividend, is32, isRemainder))
    issues |= SignedOverflow;
  if (!issues)
    return;
  std::string detail;
  llvm::raw_string_ostream os(detail);
  const char *separator = "";
  if (issues & UnextendedDivisor) {
    os << "divisor r" << unsigned(inst.regB)
       << " is not visibly an extended 32-bit value (x86 divides by zero "
          "when only its high half is nonzero)";
    separator = "; ";
  }
  if (issues & UnextendedDividend) {
    os << separator << "dividend r" << unsigned(inst.regA)
       << " is not visibly sign-extended (by zero the recompiler returns it "
          "whole)";
    separator = "; ";
  }
  if (issues & SignedOverflow)
    os << separator << "nothing rules out MIN / -1 (x86 idiv traps)";
  report(JITHazardKind::Division, i, i, std::move(detail), issues);
}

//===----------------------------------------------------------------------===//
// State updates
//===----------------------------------------------------------------------===//

void RecompilerModel::clearRecordsNaming(uint8_t reg) {
  for (unsigned r = 0; r < kRegs; ++r)
    if (r != reg && records[r].names(reg))
      records[r] = {};
}

void RecompilerModel::updateAddressRecords(size_t i) {
  const Instruction &inst = insts[i];
  switch (inst.opcode) {
  case ops::Add64Op::kOpcode: {
    uint8_t a = inst.regA, b = inst.regB, d = inst.regD;
    AddressRecord next;
    if (a == b && b == d) {
      // Doubling in place: Y << s becomes Y << (s + 1) up to s = 3.
      if (records[d].kind == AddressRecord::Shifted && records[d].shift < 3) {
        next = records[d];
        ++next.shift;
      }
    } else if (a == b) {
      if (d != a) {
        next.kind = AddressRecord::Shifted;
        next.shift = 1;
        next.index = a;
        next.indexValue = regValue[a];
        next.root = i;
      }
    } else {
      const AddressRecord *shifted = nullptr;
      uint8_t base = 0;
      if (records[b].kind == AddressRecord::Shifted) {
        shifted = &records[b];
        base = a;
      } else if (records[a].kind == AddressRecord::Shifted) {
        shifted = &records[a];
        base = b;
      }
      if (shifted) {
        next = *shifted;
        next.kind = AddressRecord::ScaledAdd;
        next.base = base;
        next.baseValue = regValue[base];
      }
    }
    records[d] = next;
    clearRecordsNaming(d);
    return;
  }
  case ops::LoadImmOp::kOpcode:
  case ops::LoadImm64Op::kOpcode:
    records[inst.regA] = {};
    clearRecordsNaming(inst.regA);
    return;
  case ops::ShloLImm64Op::kOpcode: {
    unsigned shift = uint32_t(inst.immX) % 64;
    AddressRecord next;
    if (shift >= 1 && shift <= 3 && inst.regA != inst.regB) {
      next.kind = AddressRecord::Shifted;
      next.shift = uint8_t(shift);
      next.index = inst.regB;
      next.indexValue = regValue[inst.regB];
      next.root = i;
    }
    records[inst.regA] = next;
    clearRecordsNaming(inst.regA);
    return;
  }
  case ops::MoveRegOp::kOpcode:
    if (inst.regD != inst.regA) {
      records[inst.regD] = records[inst.regA];
      clearRecordsNaming(inst.regD);
    }
    return;
  default:
    break;
  }
  // Everything else invalidates the first register field of its format,
  // which is not always the one written (a store's value register).
  switch (inst.format) {
  case Format::ThreeReg:
  case Format::TwoReg:
    invalidate(inst.regD);
    return;
  case Format::TwoRegOneImm:
  case Format::OneRegOneImm:
  case Format::OneRegExtImm:
  case Format::OneRegTwoImm:
  case Format::OneRegImmOffset:
    invalidate(inst.regA);
    return;
  default:
    if (pvm::lookupOpcode(inst.opcode).isGasTerminator)
      records = {};
    return;
  }
}

void RecompilerModel::defineResult(size_t i) {
  const Instruction &inst = insts[i];
  uint8_t op = inst.opcode;
  if (isOneOf<ops::EcallOp, ops::EcalliOp>(op)) {
    // The host may write any register.
    for (uint32_t &value : regValue)
      value = newValue({});
    return;
  }
  std::optional<uint8_t> dest = writtenRegister(inst);
  if (!dest)
    return;
  if (op == ops::MoveRegOp::kOpcode) {
    regValue[*dest] = regValue[inst.regA];
    return;
  }
  ValueInfo value;
  value.def = i;
  value.opcode = op;
  value.imm = inst.immX;
  switch (inst.format) {
  case Format::ThreeReg:
    value.operands = {regValue[inst.regA], regValue[inst.regB],
                      regValue[inst.regD]};
    break;
  case Format::TwoReg:
    value.operands[0] = regValue[inst.regA];
    break;
  case Format::TwoRegOneImm:
    // Operand, then the previous destination (a conditional move's `prev`).
    value.operands = {regValue[inst.regB], regValue[inst.regA], 0};
    break;
  default:
    break;
  }

  using namespace ops;
  // Constants, through the adds that move them between registers.
  std::optional<uint64_t> operandConstant =
      inst.format == Format::TwoRegOneImm ? info(value.operands[0]).constant
                                          : std::nullopt;
  if (isOneOf<LoadImmOp, LoadImm64Op>(op))
    value.constant = inst.immX;
  else if (op == AddImm64Op::kOpcode && operandConstant)
    value.constant = *operandConstant + inst.immX;
  else if (op == AddImm32Op::kOpcode && operandConstant)
    value.constant =
        uint64_t(int64_t(int32_t(uint32_t(*operandConstant + inst.immX))));
  if (value.constant) {
    value.facts = factsOfConstant(*value.constant);
  } else if (isOneOf<Add32Op, Sub32Op, Mul32Op, DivU32Op, DivS32Op, RemU32Op,
                     RemS32Op, ShloL32Op, ShloR32Op, SharR32Op, RotL32Op,
                     RotR32Op, AddImm32Op, MulImm32Op, ShloLImm32Op,
                     ShloRImm32Op, SharRImm32Op, NegAddImm32Op,
                     ShloLImmAlt32Op, ShloRImmAlt32Op, SharRImmAlt32Op,
                     RotR32ImmOp, RotR32ImmAltOp, SignExtend8Op,
                     SignExtend16Op, LoadI8Op, LoadI16Op, LoadI32Op,
                     LoadIndI8Op, LoadIndI16Op, LoadIndI32Op>(op)) {
    value.facts = SignExtended;
  } else if (isOneOf<CountSetBits64Op, CountSetBits32Op, LeadingZeroBits64Op,
                     LeadingZeroBits32Op, TrailingZeroBits64Op,
                     TrailingZeroBits32Op, SetLtUOp, SetLtSOp, SetLtUImmOp,
                     SetLtSImmOp, SetGtUImmOp, SetGtSImmOp, ZeroExtend16Op,
                     LoadU8Op, LoadU16Op, LoadIndU8Op, LoadIndU16Op>(op)) {
    value.facts = kSmallNonNegative;
  } else if (isOneOf<LoadU32Op, LoadIndU32Op>(op)) {
    value.facts = ZeroExtended | NonNegative64;
  } else if (op == AndImmOp::kOpcode) {
    // A non-negative mask (immediates are sign-extended from 32 bits).
    if (int64_t(inst.immX) >= 0)
      value.facts = kSmallNonNegative;
  } else if (op == ShloRImm64Op::kOpcode) {
    unsigned shift = uint32_t(inst.immX) % 64;
    if (shift >= 33)
      value.facts = kSmallNonNegative;
    else if (shift == 32)
      value.facts = ZeroExtended | NonNegative64;
    else if (shift >= 1)
      value.facts = NonNegative64;
  } else if (isOneOf<CmovIzImmOp, CmovNzImmOp>(op)) {
    value.facts = factsOfConstant(inst.immX) & info(value.operands[1]).facts;
  } else if (isOneOf<CmovIzOp, CmovNzOp>(op)) {
    value.facts =
        info(value.operands[0]).facts & info(value.operands[2]).facts;
  }
  regValue[*dest] = newValue(value);
}

void RecompilerModel::updateCarry(size_t i, uint32_t lhsValue,
                                  uint32_t rhsValue) {
  const Instruction &inst = insts[i];
  if (inst.opcode == ops::Add64Op::kOpcode) {
    carry = CarryRecord{inst.regD, inst.regA,         inst.regB,
                        regValue[inst.regD], lhsValue, rhsValue};
    return;
  }
  if (inst.opcode != ops::SetLtUOp::kOpcode)
    carry.reset();
}

} // namespace

std::vector<JITHazard> blob::findJITHazards(llvm::ArrayRef<Instruction> insts) {
  return RecompilerModel(insts).run();
}

CodeHazards blob::findJITHazards(const CodeBlob &code) {
  CodeHazards result;
  for (uint32_t pc = 0; pc < code.code.size(); ++pc) {
    if (pc >= code.bitmask.size() || !code.bitmask[pc])
      continue;
    Instruction inst;
    if (decodeInstruction(code.code, code.bitmask, pc, inst) !=
        DecodeStatus::Ok) {
      inst = Instruction();
      inst.pc = pc;
      inst.opcode = code.code[pc];
    }
    result.insts.push_back(inst);
  }
  result.hazards = findJITHazards(result.insts);
  return result;
}
