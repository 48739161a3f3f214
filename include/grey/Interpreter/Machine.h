//===- Machine.h - one PVM instance executing a program -------*- C++ -*-===//
//
// Registers, gas and a program counter over a predecoded Program and a
// Memory. run() executes until the machine stops: trap, panic, page fault,
// out of gas, or a host call (`ecalli`/`ecall`) for the kernel to serve.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INTERPRETER_MACHINE_H
#define GREY_INTERPRETER_MACHINE_H

#include "grey/Interpreter/Memory.h"
#include "grey/Interpreter/Program.h"

#include <array>
#include <cstdint>
#include <vector>

namespace grey::interp {

/// Why run() returned (pvm-isa.md §8.1).
enum class StopReason : uint8_t {
  Trap,
  Panic,
  PageFault,
  OutOfGas,
  /// `ecalli`: `hostCallId` is lo32 of the immediate; PC is past it.
  HostCall,
  /// `ecall`: the kernel reads φ11/φ12; PC is past it.
  Ecall,
};

/// What stopped the machine.
struct Stop {
  StopReason reason = StopReason::Trap;
  /// PC of the instruction that stopped (host calls: the resume PC).
  uint32_t pc = 0;
  /// PageFault: the reported address (recompiler: the access address;
  /// interpreter: its page base, pvm-isa.md §4.2).
  uint32_t address = 0;
  uint32_t hostCallId = 0;
  /// OutOfGas because execution ran past the last instruction.
  bool fellOffEnd = false;
};

/// A PVM instance: registers φ0..φ12, gas, position and counters.
class Machine {
public:
  Machine(const Program &program, Memory &memory)
      : program(program), memory(memory), position(program.entryIndex()) {}

  /// Runs until the machine stops. After a host call, call run() again to
  /// resume past it.
  Stop run();

  std::array<uint64_t, 13> regs = {};
  uint64_t gas = 0;
  /// Instructions started (including the one that stopped the machine).
  uint64_t instructionsExecuted = 0;
  /// Gas blocks charged.
  uint64_t blocksExecuted = 0;
  /// `load_imm_jump` and `load_imm_jump_ind` executed: the ABI's direct and
  /// indirect calls.
  uint64_t callsExecuted = 0;
  /// Loads and stores started (including one that faulted).
  uint64_t loadsExecuted = 0;
  uint64_t storesExecuted = 0;

  /// Counts block entries per instruction index when enabled.
  void enableProfile() { profile.assign(program.instructions().size(), 0); }
  /// (block start PC, entries) for every block entered at least once.
  std::vector<std::pair<uint32_t, uint64_t>> blockProfile() const;

  /// The PC execution resumes at.
  uint32_t pc() const { return program.instructions()[position].pc; }

private:
  const Program &program;
  Memory &memory;
  uint32_t position;
  std::vector<uint64_t> profile;
};

} // namespace grey::interp

#endif // GREY_INTERPRETER_MACHINE_H
