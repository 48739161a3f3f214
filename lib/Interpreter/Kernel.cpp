//===- Kernel.cpp - run a JAR v2 blob as the root VM ----------------------===//
//
// The load sequence of jar-blob.md §5 and the `ecalli`/`ecall` dispatch of
// kernel-abi.md §5 for the operations a standard service uses.
//
//===----------------------------------------------------------------------===//

#include "grey/Interpreter/Kernel.h"

#include "grey/Interpreter/Machine.h"
#include "grey/Interpreter/Memory.h"
#include "grey/Interpreter/Program.h"
#include "grey/Target/Blob/CapLayout.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace grey;
using namespace grey::interp;

const char *interp::exitKindName(ExitKind kind) {
  switch (kind) {
  case ExitKind::Halt:
    return "halt";
  case ExitKind::Trap:
    return "trap";
  case ExitKind::Panic:
    return "panic";
  case ExitKind::PageFault:
    return "page-fault";
  case ExitKind::OutOfGas:
    return "out-of-gas";
  case ExitKind::HostCall:
    return "host-call";
  case ExitKind::Unsupported:
    return "unsupported";
  }
  return "unknown";
}

const char *interp::protocolServiceName(unsigned id) {
  static const char *const names[kProtocolCapCount + 1] = {"",
                                                           "GAS",
                                                           "FETCH",
                                                           "PREIMAGE_LOOKUP",
                                                           "STORAGE_R",
                                                           "STORAGE_W",
                                                           "INFO",
                                                           "HISTORICAL",
                                                           "EXPORT",
                                                           "COMPILE",
                                                           "",
                                                           "",
                                                           "",
                                                           "",
                                                           "",
                                                           "BLESS",
                                                           "ASSIGN",
                                                           "DESIGNATE",
                                                           "CHECKPOINT",
                                                           "SERVICE_NEW",
                                                           "SERVICE_UPGRADE",
                                                           "TRANSFER",
                                                           "SERVICE_EJECT",
                                                           "PREIMAGE_QUERY",
                                                           "PREIMAGE_SOLICIT",
                                                           "PREIMAGE_FORGET",
                                                           "OUTPUT",
                                                           "PREIMAGE_PROVIDE",
                                                           "QUOTA"};
  return id <= kProtocolCapCount ? names[id] : "";
}

namespace {
/// What VM 0's cap table holds in one slot.
struct Slot {
  enum Kind : uint8_t { Empty, Code, Data, Protocol, Untyped } kind = Empty;
  /// Protocol: the service id. Code/Data: the manifest index.
  unsigned index = 0;
};

/// The root VM while it runs: cap table, machine and the result so far.
class RootVM {
public:
  RootVM(const RunOptions &options, const blob::CapLayout &layout,
         Machine &machine, RunResult &result)
      : options(options), layout(layout), machine(machine), result(result) {}

  std::array<Slot, 256> slots;

  /// Runs to the end; fills `result`.
  void run();

private:
  /// Takes the kernel's 10 gas for a call; false when too little is left
  /// (Rust then skips the operation and continues, kernel-abi.md §5.1).
  bool chargeCall() {
    if (machine.gas < kHostCallGas)
      return false;
    machine.gas -= kHostCallGas;
    return true;
  }
  /// CALLs `slot`; returns true when the VM continues.
  bool callSlot(uint32_t slot);
  void stopWith(ExitKind kind, uint32_t slot = 0, std::string detail = "") {
    result.exit = kind;
    result.slot = slot;
    result.detail = std::move(detail);
  }

  const RunOptions &options;
  const blob::CapLayout &layout;
  Machine &machine;
  RunResult &result;
};
} // namespace

bool RootVM::callSlot(uint32_t slotNumber) {
  if (slotNumber == layout.replyEcalli) {
    // REPLY with no caller ends the invocation: Halt(φ7).
    stopWith(ExitKind::Halt);
    return false;
  }
  const Slot &slot = slots[slotNumber & 0xFF];
  switch (slot.kind) {
  case Slot::Empty:
  case Slot::Data:
    machine.regs[7] = kResultWhat;
    return true;
  case Slot::Protocol:
    if (slot.index == kGasProtocolId) {
      // The recompiler answers GAS inline and leaves φ8 alone; the host path
      // (interpreter backend, accumulate) also clears φ8.
      machine.regs[7] = machine.gas;
      if (options.backend == gas::Backend::Interpreter)
        machine.regs[8] = 0;
      return true;
    }
    if (options.hostCallResult) {
      machine.regs[7] = *options.hostCallResult;
      machine.regs[8] = 0;
      return true;
    }
    stopWith(ExitKind::HostCall, slotNumber,
             llvm::formatv("protocol call {0} ({1})", slot.index,
                           protocolServiceName(slot.index))
                 .str());
    return false;
  case Slot::Code:
    stopWith(ExitKind::Unsupported, slotNumber,
             "CREATE (CALL on a CODE cap) is not modelled");
    return false;
  case Slot::Untyped:
    stopWith(ExitKind::Unsupported, slotNumber,
             "RETYPE (CALL on UNTYPED) is not modelled");
    return false;
  }
  return false;
}

void RootVM::run() {
  for (;;) {
    Stop stop = machine.run();
    result.pc = stop.pc;
    switch (stop.reason) {
    case StopReason::Trap:
      return stopWith(ExitKind::Trap);
    case StopReason::Panic:
      return stopWith(ExitKind::Panic);
    case StopReason::PageFault:
      result.faultAddress = stop.address;
      return stopWith(ExitKind::PageFault);
    case StopReason::OutOfGas:
      return stopWith(ExitKind::OutOfGas, 0,
                      stop.fellOffEnd ? "ran past the end of the code" : "");
    case StopReason::HostCall: {
      ++result.hostCalls;
      uint32_t id = stop.hostCallId;
      // A one-byte `ecalli 0xFF` sign-extends to 0xFFFFFFFF; the legacy
      // REPLY accepts both spellings.
      bool isReply = id == layout.replyEcalli ||
                     (layout.replyEcalli == 0xFF && id == 0xFFFFFFFF);
      if (!isReply && id > layout.maxEcalliSlot) {
        // Not a CALL: Rust writes the immediate to φ7 and continues.
        machine.regs[7] = id;
        continue;
      }
      if (!chargeCall())
        continue;
      if (!callSlot(isReply ? layout.replyEcalli : id))
        return;
      continue;
    }
    case StopReason::Ecall: {
      ++result.hostCalls;
      if (!chargeCall())
        continue;
      uint64_t op = machine.regs[11];
      uint32_t subject = uint32_t(machine.regs[12] >> 32);
      if (op != 0)
        return stopWith(
            ExitKind::Unsupported, subject & 0xFF,
            llvm::formatv("ecall operation {0} is not modelled", op).str());
      if (subject > 0xFF)
        return stopWith(ExitKind::Unsupported, subject & 0xFF,
                        "ecall through a HANDLE hop is not modelled");
      if (!callSlot(subject))
        return;
      continue;
    }
    }
  }
}

llvm::Expected<RunResult> interp::runBlob(const blob::Blob &blob,
                                          const RunOptions &options) {
  const blob::CapLayout &layout = blob::getCapLayout(options.layout);
  RunResult result;

  // Protocol caps first; manifest entries may replace them (jar-blob.md W4).
  std::array<Slot, 256> slots;
  for (unsigned id = 1; id <= kProtocolCapCount; ++id)
    slots[layout.firstProtocolSlot + id - 1] = {Slot::Protocol, id};

  // Manifest entries in order (jar-blob.md §5 step 4).
  unsigned codeCaps = 0;
  uint64_t dataPages = 0;
  for (unsigned i = 0; i < blob.caps.size(); ++i) {
    const blob::CapEntry &cap = blob.caps[i];
    if (cap.kind == blob::CapKind::Code) {
      if (++codeCaps > blob::kMaxCodeCaps)
        return llvm::createStringError("cap entry %u: more than %u CODE caps",
                                       i, blob::kMaxCodeCaps);
      slots[cap.slot] = {Slot::Code, i};
      continue;
    }
    dataPages += cap.pageCount;
    if (dataPages > blob.memoryPages)
      return llvm::createStringError(
          "cap entry %u: DATA caps need %llu pages but memory_pages is %u", i,
          (unsigned long long)dataPages, blob.memoryPages);
    slots[cap.slot] = {Slot::Data, i};
  }

  // The load charge (jar-blob.md R11).
  result.loadGas = kGasPerDataPage * dataPages;
  if (options.gas < result.loadGas) {
    result.exit = ExitKind::OutOfGas;
    result.detail = "the gas supplied does not cover the load charge";
    result.gasUsed = options.gas;
    return result;
  }

  const Slot &invoke = slots[blob.invokeCap];
  if (invoke.kind != Slot::Code)
    return llvm::createStringError("invoke_cap slot %u holds no CODE cap",
                                   unsigned(blob.invokeCap));
  llvm::Expected<blob::CodeBlob> code =
      blob::parseCodeBlob(blob.caps[invoke.index].bytes);
  if (!code)
    return code.takeError();
  llvm::Expected<Program> program = Program::build(
      *code, {options.backend, gas::memoryCycles(blob.memoryPages)});
  if (!program)
    return program.takeError();

  // The argument buffer goes to the first manifest entry in the args slot.
  std::optional<unsigned> argsEntry;
  for (unsigned i = 0; i < blob.caps.size() && !argsEntry; ++i)
    if (blob.caps[i].slot == layout.argsSlot)
      argsEntry = i;
  uint64_t argsAddress = 0;
  if (!options.args.empty() && argsEntry) {
    const blob::CapEntry &cap = blob.caps[*argsEntry];
    if (cap.kind != blob::CapKind::Data)
      return llvm::createStringError("slot %u holds no DATA cap for the "
                                     "arguments",
                                     unsigned(layout.argsSlot));
    if (options.args.size() > uint64_t(cap.pageCount) * blob::kPageSize)
      return llvm::createStringError(
          "%zu argument bytes do not fit in the %u-page argument cap",
          options.args.size(), cap.pageCount);
    argsAddress = uint64_t(cap.basePage) * blob::kPageSize;
  }

  // Map the DATA caps still in the table, in manifest order.
  Memory memory;
  for (unsigned i = 0; i < blob.caps.size(); ++i) {
    const blob::CapEntry &cap = blob.caps[i];
    const Slot &slot = slots[cap.slot];
    if (cap.kind != blob::CapKind::Data || slot.kind != Slot::Data ||
        slot.index != i)
      continue;
    std::vector<uint8_t> init = cap.bytes;
    if (argsEntry == i && !options.args.empty()) {
      if (init.size() < options.args.size())
        init.resize(options.args.size());
      std::copy(options.args.begin(), options.args.end(), init.begin());
    }
    if (llvm::Error err =
            memory.map(cap.basePage, cap.pageCount,
                       cap.access == blob::Access::ReadWrite, init))
      return llvm::createStringError("cap entry %u: %s", i,
                                     llvm::toString(std::move(err)).c_str());
  }
  if (blob.memoryPages > 0)
    slots[layout.untypedSlot] = {Slot::Untyped, 0};

  Machine machine(*program, memory);
  if (options.profile)
    machine.enableProfile();
  machine.regs[7] = options.initialR7;
  machine.regs[8] = argsAddress;
  machine.regs[9] = options.args.size();
  machine.gas = options.gas - result.loadGas;

  RootVM root(options, layout, machine, result);
  root.slots = slots;
  root.run();

  result.regs = machine.regs;
  result.gasRemaining = machine.gas;
  result.gasUsed = options.gas - machine.gas;
  result.instructions = machine.instructionsExecuted;
  result.blocks = machine.blocksExecuted;
  result.calls = machine.callsExecuted;
  result.loads = machine.loadsExecuted;
  result.stores = machine.storesExecuted;
  if (options.profile)
    result.blockProfile = machine.blockProfile();
  return result;
}
