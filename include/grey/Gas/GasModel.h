//===- GasModel.h - per-instruction gas costs and the single-pass model ---===//
//
// The JAVM cost of one instruction (gas-model.md §3, §4) and the single-pass
// block simulator that both Rust backends charge with (gas-model.md §5).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_GAS_GASMODEL_H
#define GREY_GAS_GASMODEL_H

#include <cstdint>

namespace grey::gas {

/// Which Rust backend's gas rules to reproduce (gas-model.md §7). The kernel
/// uses the recompiler by default on Linux x86-64.
enum class Backend : uint8_t { Recompiler, Interpreter };

/// Execution-unit class; only the full pipeline model reads it.
enum class ExecUnit : uint8_t { None, Alu, Load, Store, Mul, Div };

/// Branch cost when the target starts with `trap` or `unlikely` (§4.1).
inline constexpr unsigned kColdBranchCycles = 1;
/// Branch cost otherwise.
inline constexpr unsigned kBranchCycles = 20;
/// Marks "no register" in an InstructionCost.
inline constexpr uint8_t kNoReg = 0xFF;

/// Load/store latency for a blob's `memory_pages` (gas-model.md §4.2).
unsigned memoryCycles(uint32_t memoryPages);

/// The register fields the cost model reads (gas-model.md §3): the raw
/// nibbles `a` = low and `b` = high of byte pc+1, `d` = low of byte pc+2.
struct RawOperands {
  uint8_t a = 0, b = 0, d = 0;
};

/// What the model needs to know beyond the opcode and raw nibbles.
/// Which registers the model says a three-register instruction (opcodes
/// 190-230, `D = A op B`) writes and reads.
enum class ThreeRegisterRule : uint8_t {
  /// What the Lean spec and both Rust backends do today (gas-model.md §3):
  /// A is written, B and D are read. The kernel charges this.
  Consensus,
  /// The instruction's real operands: D written, A and B read. For
  /// optimizing code that stays good if the model is corrected upstream
  /// (`grey-compile --gas-model=latency`); never what the kernel charges.
  RealDestination,
};

struct CostOptions {
  /// Load/store latency M.
  unsigned memCycles = 25;
  Backend backend = Backend::Recompiler;
  ThreeRegisterRule threeRegisterRule = ThreeRegisterRule::Consensus;
};

/// The cost facts of one instruction (a row of gas-model.md §4). Register
/// fields hold raw nibbles (0-15, or kNoReg); the single-pass model clamps
/// them to 12, the Rust full model does not.
struct InstructionCost {
  uint8_t cycles = 1;
  uint8_t slots = 1;
  ExecUnit unit = ExecUnit::None;
  /// move_reg: handled in the front end, no latency.
  bool isMove = false;
  /// Ends the gas block in the cost table (not `ecall`).
  bool isTerminator = false;
  uint8_t dst = kNoReg;
  uint8_t src[2] = {kNoReg, kNoReg};
};

/// The cost of `opcode` with the given raw operand nibbles. `coldTarget` says
/// whether a branch's target starts with `trap`/`unlikely` (ignored for other
/// opcodes). Invalid opcodes get the default row (1 cycle, 1 slot).
InstructionCost instructionCost(uint8_t opcode, RawOperands operands,
                                bool coldTarget, const CostOptions &options);

/// The single-pass simulator of gas-model.md §5: feed a block's instructions
/// in order, then read its cost.
class SinglePassSimulator {
public:
  /// Forgets everything (block start).
  void reset();
  /// Accounts for one instruction; returns the cycle it completes (for
  /// `move_reg`, when its value is ready).
  uint64_t feed(const InstructionCost &cost);
  /// max(maxDone - 3, 1).
  uint64_t blockCost() const { return maxDone > 3 ? maxDone - 3 : 1; }

private:
  uint64_t ready[13] = {};
  uint64_t cycle = 0;
  unsigned used = 0;
  uint64_t maxDone = 0;
};

} // namespace grey::gas

#endif // GREY_GAS_GASMODEL_H
