//===- FunctionRecovery.h - functions and blocks of an ELF ------*- C++ -*-===//
//
// Finds functions, basic blocks, edges, calls and switch tables in the code
// of an ELFImage, and what each instruction becomes (private to the importer).
//
//===----------------------------------------------------------------------===//

#ifndef LIB_TARGET_ELF_FUNCTIONRECOVERY_H
#define LIB_TARGET_ELF_FUNCTIONRECOVERY_H

#include "grey/Target/ELF/Decoder.h"
#include "grey/Target/ELF/ELFReader.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace grey::elf {

/// A set of registers x0..x15, bit N for xN (bit 0 is never set).
using RegSet = uint16_t;

/// What one instruction becomes in the IR.
enum class Action : uint8_t {
  Instruction,  // its own op (dropped if it only writes x0)
  Constant,     // riscv.constant `value` into rd (a resolved auipc/lui pair)
  CodeAddress,  // riscv.code_addr of `value` into rd
  Call,         // riscv.call of the function at `value`, linking rd
  CallIndirect, // riscv.call_indirect through rs1, linking rd
  Terminator,   // the block's terminator (see BlockExit)
};

/// How a block ends.
enum class BlockExit : uint8_t {
  FallThrough,      // into the block at `next` (no instruction)
  FallIntoFunction, // into the function at `next`: a tail call
  Branch,           // conditional branch: `target` or `next`
  Jump,             // jal x0 / resolved jalr x0 within the function
  Tail,             // to the function at `target`
  Return,           // jalr x0, 0(ra)
  Switch,           // jalr x0 through a switch table: `targets`
  IndirectJump,     // jalr x0 to an unknown address
  Trap,             // ebreak, unimp
  NoInstruction,    // nothing can run at `next`: a trap there
};

struct DecodedStep {
  Instruction inst;
  Action action = Action::Instruction;
  uint64_t value = 0;
};

/// A block. One that ends in NoInstruction runs into an address where no
/// instruction of the target can run (past the end of the code, outside
/// it, misaligned, or a word the target cannot execute): a path that gets
/// there traps, and only running the program tells whether one does. A
/// block with no steps stands for such an address that a jump, a branch or
/// the table of code addresses leads to.
struct RecoveredBlock {
  uint64_t start = 0;
  std::vector<DecodedStep> steps; // the terminator, if any, is last
  BlockExit exit = BlockExit::FallThrough;
  uint64_t next = 0, target = 0;
  std::vector<uint64_t> targets; // Switch (distinct, in table order)
  /// The block's address is stored in data or materialized in a register.
  bool addressTaken = false;
};

struct RecoveredFunction {
  std::string name;
  uint64_t entry = 0;
  std::map<uint64_t, RecoveredBlock> blocks; // by start address
};

/// The calling-convention model of LP64E: which registers calls, returns and
/// host calls read and write. sp, s0, s1 are preserved by callees; ra, t0-t2
/// and a0-a5 are not. gp and tp have no PVM register and no compiler for the
/// target uses them, so no implicit use names them; an instruction that
/// names one becomes a trap, or is dropped if it only writes it.
namespace abi {
constexpr RegSet reg(unsigned x) { return RegSet(1u << x); }
constexpr RegSet kRA = reg(1), kSP = reg(2);
constexpr RegSet kTemps = reg(5) | reg(6) | reg(7);
constexpr RegSet kSaved = reg(8) | reg(9);
constexpr RegSet kArgs =
    reg(10) | reg(11) | reg(12) | reg(13) | reg(14) | reg(15);
/// A callee reads its arguments and sp.
constexpr RegSet kCallUses = kArgs | kSP;
/// A callee may write every caller-saved register (the link register too).
constexpr RegSet kCallDefs = kRA | kTemps | kArgs;
/// A tail callee also returns to our caller, so it reads ra and s0/s1.
constexpr RegSet kTailUses = kCallUses | kRA | kSaved;
/// A return hands back a0/a1 and every callee-saved register.
constexpr RegSet kReturnUses = reg(10) | reg(11) | kSP | kSaved;
/// A jump to an unknown place may read any register the target has.
constexpr RegSet kAll = kRA | kSP | kTemps | kSaved | kArgs;
/// `li t0, N; ecall`: slot N in t0, arguments in a0-a5; results in a0, a1.
constexpr RegSet kEcallUses = reg(5) | kArgs;
constexpr RegSet kEcallDefs = reg(10) | reg(11);
/// gp and tp have no PVM register: an instruction reading one traps, so a
/// write to one can never be seen and is dropped, as a write to x0 is.
constexpr bool isDiscardedDestination(unsigned rd) {
  return rd == 0 || rd == 3 || rd == 4;
}
} // namespace abi

/// A place where the translation differs from what the instruction would do
/// on RISC-V (it traps instead, or a write nothing can read is dropped).
struct RecoveryNote {
  enum class Severity : uint8_t { Remark, Warning };
  uint64_t address;
  Severity severity;
  std::string message;
  bool operator<(const RecoveryNote &other) const {
    return std::tie(address, message) < std::tie(other.address, other.message);
  }
};

/// Everything recovered from the code.
struct RecoveredProgram {
  std::map<uint64_t, RecoveredFunction> functions; // by entry address
  /// Which function dispatches the switch table with each key (relative:
  /// the base; absolute: the first slot's address).
  std::unordered_map<uint64_t, uint64_t> tableDispatcher;
  /// The key of the switch table holding each code pointer (by address).
  std::unordered_map<uint64_t, uint64_t> tableOfPointer;
  /// What the importer should say about the translation, by address.
  std::set<RecoveryNote> notes;
};

/// An error located at a guest address.
struct RecoveryError {
  uint64_t address;
  std::string message;
};

/// Recovers every function reachable from the entry point, the symbols and
/// the code addresses the program stores or computes. On failure, returns
/// nothing and fills `error`.
std::optional<RecoveredProgram> recoverFunctions(const ELFImage &image,
                                                 const Decoder &decoder,
                                                 RecoveryError &error);

} // namespace grey::elf

#endif // LIB_TARGET_ELF_FUNCTIONRECOVERY_H
