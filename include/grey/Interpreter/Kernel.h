//===- Kernel.h - run a JAR v2 blob as the root VM ------------*- C++ -*-===//
//
// Loads a parsed blob the way the kernel loads VM 0 (jar-blob.md §5,
// kernel-abi.md §2-§4), runs it, and serves the kernel calls a standard
// service makes (REPLY, GAS, calls on empty or DATA slots). Calls it cannot
// serve stop the run and are reported.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INTERPRETER_KERNEL_H
#define GREY_INTERPRETER_KERNEL_H

#include "grey/Dialect/PVM/PVMTypes.h"
#include "grey/Gas/GasModel.h"
#include "grey/Interpreter/KernelConstants.h"
#include "grey/Target/Blob/BlobFormat.h"

#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace grey::interp {

/// How a run ended, as the host sees it.
enum class ExitKind : uint8_t {
  /// REPLY at the root: Halt(φ7).
  Halt,
  /// `trap` (the host sees Panic).
  Trap,
  /// Invalid instruction, bad jump or `sbrk`.
  Panic,
  PageFault,
  OutOfGas,
  /// A protocol call (slots 1–28) the run was told not to answer.
  HostCall,
  /// A kernel operation this executor does not model (CREATE, CALL of a
  /// VM, RETYPE, `ecall` management operations).
  Unsupported,
};

/// Lower-case name of an exit ("halt", "page-fault", ...).
const char *exitKindName(ExitKind kind);

/// How to run a blob.
struct RunOptions {
  /// Gas supplied to the invocation (before the load charge).
  uint64_t gas = uint64_t(INT64_MAX);
  gas::Backend backend = gas::Backend::Recompiler;
  pvm::CapLayout layout = pvm::CapLayout::Current;
  /// Argument bytes for the slot-0 DATA cap (φ8/φ9).
  std::vector<uint8_t> args;
  /// φ7 at entry (the host writes 1 for accumulate).
  uint64_t initialR7 = 0;
  /// Answer protocol calls other than GAS with φ7 = value, φ8 = 0 and
  /// continue, instead of stopping.
  std::optional<uint64_t> hostCallResult;
  /// Count executions per gas block.
  bool profile = false;
};

/// What happened.
struct RunResult {
  ExitKind exit = ExitKind::Halt;
  /// Where execution stopped (host calls: the resume PC).
  uint32_t pc = 0;
  /// PageFault: the reported address.
  uint32_t faultAddress = 0;
  /// HostCall / Unsupported: the slot called.
  uint32_t slot = 0;
  /// A human-readable note (why an operation is unsupported, ...).
  std::string detail;
  std::array<uint64_t, 13> regs = {};
  /// Gas charged for mapping the DATA pages.
  uint64_t loadGas = 0;
  /// Gas supplied minus gas remaining at the end.
  uint64_t gasUsed = 0;
  uint64_t gasRemaining = 0;
  uint64_t instructions = 0;
  uint64_t blocks = 0;
  /// `load_imm_jump`/`load_imm_jump_ind` (calls) executed.
  uint64_t calls = 0;
  /// Loads and stores executed (a faulting one included).
  uint64_t loads = 0;
  uint64_t stores = 0;
  /// `ecalli`/`ecall` instructions the kernel handled or reported.
  uint64_t hostCalls = 0;
  /// (gas-block start PC, entries), when profiling.
  std::vector<std::pair<uint32_t, uint64_t>> blockProfile;
};

/// Loads and runs `blob`. Load failures the kernel reports as errors (bad
/// code blob, no CODE cap at invoke_cap, too many pages, arguments larger
/// than the slot-0 cap) are returned as an llvm::Error; a budget too small
/// for the load charge is an OutOfGas result with no instruction run.
llvm::Expected<RunResult> runBlob(const blob::Blob &blob,
                                  const RunOptions &options);

} // namespace grey::interp

#endif // GREY_INTERPRETER_KERNEL_H
