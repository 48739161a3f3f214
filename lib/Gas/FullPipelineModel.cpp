//===- FullPipelineModel.cpp - the reorder-buffer gas model ---------------===//
//
// gas-model.md §6: 4 decode slots, 5 dispatches and per-class unit limits per
// cycle, a 32-entry reorder buffer whose entries never retire.
//
//===----------------------------------------------------------------------===//

#include "grey/Gas/FullPipelineModel.h"

#include "grey/Gas/BlockCost.h"
#include "grey/Target/Blob/InstructionDecoder.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <array>
#include <optional>

using namespace grey;
using namespace grey::gas;

namespace {
enum class EntryState : uint8_t { Wait, Exe, Fin };

struct RobEntry {
  EntryState state = EntryState::Wait;
  uint64_t left = 0;
  llvm::SmallVector<unsigned, 4> deps;
  uint8_t dst = kNoReg;
  ExecUnit unit = ExecUnit::None;
};

/// Per-cycle dispatch capacity: ALU, LOAD, STORE, MUL, DIV.
struct Units {
  std::array<unsigned, 5> free = {4, 4, 4, 1, 1};

  /// The extra unit a class needs besides one ALU, if any.
  static std::optional<unsigned> extraUnit(ExecUnit unit) {
    switch (unit) {
    case ExecUnit::Load:
      return 1;
    case ExecUnit::Store:
      return 2;
    case ExecUnit::Mul:
      return 3;
    case ExecUnit::Div:
      return 4;
    default:
      return std::nullopt;
    }
  }
  bool fits(ExecUnit unit) const {
    if (unit == ExecUnit::None)
      return true;
    std::optional<unsigned> extra = extraUnit(unit);
    return free[0] >= 1 && (!extra || free[*extra] >= 1);
  }
  void take(ExecUnit unit) {
    if (unit == ExecUnit::None)
      return;
    --free[0];
    if (std::optional<unsigned> extra = extraUnit(unit))
      --free[*extra];
  }
};
} // namespace

uint64_t gas::fullModelBlockCost(const blob::CodeBlob &code, uint32_t start,
                                 FullModelVariant variant) {
  // Memory latency is fixed at 25 here; `unlikely` keeps its 40 cycles.
  const CostOptions options{25, Backend::Interpreter};
  const bool lean = variant == FullModelVariant::Lean;
  auto reg = [&](uint8_t nibble) -> uint8_t {
    if (nibble == kNoReg || !lean)
      return nibble;
    return std::min<uint8_t>(nibble, 12);
  };

  std::optional<uint64_t> ip = start;
  uint64_t cycles = 0;
  unsigned decLeft = 4, dispLeft = 5;
  Units units;
  std::vector<RobEntry> rob;

  for (unsigned step = 0; step < kFullModelStepBudget; ++step) {
    // 1. Decode.
    if (ip && decLeft > 0 && rob.size() < 32) {
      uint32_t pc = uint32_t(*ip);
      blob::Instruction inst;
      InstructionCost cost;
      uint64_t next = pc + 1 + blob::skipLength(code.bitmask, pc);
      // Invalid instructions keep the default row. Operand bytes past the
      // end read as register 0.
      if (blob::decodeInstruction(code.code, code.bitmask, pc, inst) ==
          blob::DecodeStatus::Ok) {
        bool cold = inst.hasTarget() && isColdBranchTarget(code, inst.target);
        cost = instructionCost(
            inst.opcode, readRawOperands(code.code, pc, Backend::Recompiler),
            cold, options);
      }
      RobEntry entry;
      for (unsigned i = 0; i < rob.size(); ++i) {
        const RobEntry &other = rob[i];
        if (other.state == EntryState::Fin || other.dst == kNoReg)
          continue;
        bool shares = false;
        for (uint8_t src : cost.src)
          shares |= src != kNoReg && reg(src) == other.dst;
        if (!shares)
          continue;
        if (!lean && entry.deps.size() == 4)
          break;
        entry.deps.push_back(i);
      }
      decLeft = decLeft > cost.slots ? decLeft - cost.slots : 0;
      if (cost.isTerminator || next >= code.code.size())
        ip.reset();
      else
        ip = next;
      if (!cost.isMove) {
        entry.left = cost.cycles;
        entry.dst = reg(cost.dst);
        entry.unit = cost.unit;
        rob.push_back(std::move(entry));
      }
      continue;
    }
    // 2. Dispatch the lowest-index ready entry that fits.
    if (dispLeft > 0) {
      RobEntry *ready = nullptr;
      for (RobEntry &entry : rob) {
        if (entry.state != EntryState::Wait || !units.fits(entry.unit))
          continue;
        bool depsDone = llvm::all_of(entry.deps, [&](unsigned dep) {
          return rob[dep].state == EntryState::Fin;
        });
        if (depsDone) {
          ready = &entry;
          break;
        }
      }
      if (ready) {
        ready->state = EntryState::Exe;
        --dispLeft;
        units.take(ready->unit);
        continue;
      }
    }
    // 3. Stop when nothing is left to decode or run.
    if (!ip && llvm::all_of(rob, [](const RobEntry &entry) {
          return entry.state == EntryState::Fin;
        }))
      break;
    // 4. Advance one cycle.
    for (RobEntry &entry : rob) {
      if (entry.state != EntryState::Exe)
        continue;
      if (entry.left <= 1) {
        entry.state = EntryState::Fin;
        entry.left = 0;
      } else {
        --entry.left;
      }
    }
    ++cycles;
    decLeft = 4;
    dispLeft = 5;
    units = Units();
  }
  return cycles > 3 ? cycles - 3 : 1;
}
