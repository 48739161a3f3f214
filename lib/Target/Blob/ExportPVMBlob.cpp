//===- ExportPVMBlob.cpp - pvm IR to a JAR v2 blob ------------------------===//
//
// Lays out the program's blocks, encodes each instruction, checks the
// encoder obligations (pvm-isa.md §6) and builds the capability manifest
// (jar-blob.md, kernel-abi.md §2). Registers `--export-pvm-blob`.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/ExportPVMBlob.h"

#include "grey/Target/Blob/CapLayout.h"
#include "grey/Target/Blob/InstructionDecoder.h"
#include "grey/Target/Blob/InstructionEncoder.h"
#include "grey/Target/Blob/OpInstruction.h"
#include "grey/Target/Blob/JITHazards.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace grey;
using blob::Instruction;

namespace {

/// One instruction op with its place in the code.
struct PlacedInst {
  Operation *op;
  Instruction inst;
  unsigned length = 0;
};

/// Whether execution can continue past `opcode` to the next instruction.
bool canFallThrough(unsigned opcode) {
  return opcode != pvm::TrapOp::kOpcode && opcode != pvm::JumpOp::kOpcode &&
         opcode != pvm::JumpIndOp::kOpcode &&
         opcode != pvm::LoadImmJumpOp::kOpcode &&
         opcode != pvm::LoadImmJumpIndOp::kOpcode;
}

/// The successor that must be laid out next, if `op` has one. A call's
/// continuation is its return site: the jump-table entry the callee returns
/// through must be the instruction right after the call.
Block *fallthroughSuccessor(Operation *op) {
  if (isa<pvm::FallthroughOp, pvm::UnlikelyOp, pvm::CallOp,
          pvm::CallIndirectOp>(op))
    return op->getSuccessor(0);
  if (op->getNumSuccessors() == 2 &&
      isa<pvm::InstructionOpInterface>(op)) // branch: (target, next)
    return op->getSuccessor(1);
  return nullptr;
}

/// The first block of the function a call or tail call enters.
Block *calleeEntry(Operation *op, FlatSymbolRefAttr callee) {
  auto func = SymbolTable::lookupNearestSymbolFrom<pvm::FuncOp>(op, callee);
  return func ? &func.getBody().front() : nullptr;
}

/// The block whose PC the instruction encodes.
Block *encodedTarget(Operation *op) {
  if (isa<pvm::JumpOp, pvm::LoadImmJumpOp>(op))
    return op->getSuccessor(0);
  if (auto call = dyn_cast<pvm::CallOp>(op))
    return calleeEntry(op, call.getCalleeAttr());
  if (auto call = dyn_cast<pvm::TailCallOp>(op))
    return calleeEntry(op, call.getCalleeAttr());
  if (op->getNumSuccessors() == 2 && isa<pvm::InstructionOpInterface>(op))
    return op->getSuccessor(0);
  return nullptr;
}

} // namespace

/// Refuses code that javm's recompiler miscompiles: the pipeline's last
/// pass removes every such pattern, so one here means something after it
/// brought one back (or hand-written IR skipped it).
static LogicalResult refuseJITHazards(const blob::CodeBlob &code,
                                      ArrayRef<PlacedInst> insts) {
  blob::CodeHazards found = blob::findJITHazards(code);
  if (found.hazards.empty())
    return success();
  llvm::DenseMap<uint32_t, Operation *> opAt;
  for (const PlacedInst &placed : insts)
    opAt[placed.inst.pc] = placed.op;
  for (const blob::JITHazard &hazard : found.hazards) {
    const Instruction &inst = found.insts[hazard.index];
    std::string text;
    llvm::raw_string_ostream os(text);
    blob::printInstruction(os, inst);
    InFlightDiagnostic diag =
        opAt.lookup(inst.pc)->emitError()
        << "internal error: javm's recompiler miscompiles this (JIT hazard "
        << blob::hazardLetter(hazard.kind) << ", "
        << blob::hazardName(hazard.kind) << ", at PC " << inst.pc << ": "
        << text << "): " << hazard.detail;
    if (hazard.cause != hazard.index)
      diag.attachNote(opAt.lookup(found.insts[hazard.cause].pc)->getLoc())
          << "the pattern starts here";
    diag.attachNote() << "the pass --pvm-legalize-jit-hazards rewrites it";
  }
  return failure();
}

FailureOr<blob::CodeBlob> grey::encodeProgramCode(
    pvm::ProgramOp program, pvm::CapLayout layoutKind, bool allowJITHazards,
    std::vector<std::pair<uint32_t, Operation *>> *placement) {
  const blob::CapLayout &layout = blob::getCapLayout(layoutKind);
  auto entry = dyn_cast_or_null<pvm::FuncOp>(
      SymbolTable::lookupSymbolIn(program, program.getEntryAttr()));
  if (!entry)
    return program.emitError("entry '")
           << program.getEntry() << "' is not a pvm.func";

  // Layout order: the entry function first, then the others in IR order.
  SmallVector<pvm::FuncOp> funcs{entry};
  for (Operation &op : program.getBody().front()) {
    if (auto func = dyn_cast<pvm::FuncOp>(op)) {
      if (func != entry)
        funcs.push_back(func);
    } else if (!isa<pvm::SegmentOp>(op)) {
      return op.emitError("cannot be exported: a program holds only "
                          "pvm.func and pvm.segment ops");
    }
  }

  SmallVector<Block *> blocks;
  for (pvm::FuncOp func : funcs)
    for (Block &block : func.getBody())
      blocks.push_back(&block);

  // Pass 1: fields and lengths (an offset takes 4 bytes or its recorded
  // width, so lengths do not depend on where targets end up).
  std::vector<PlacedInst> insts;
  llvm::DenseMap<Block *, uint32_t> blockPc;
  llvm::DenseMap<Block *, unsigned> blockIndex;
  SmallVector<std::pair<pvm::JumpTableEntryOp, Block *>> tableEntries;
  uint64_t pc = 0;
  for (auto [index, block] : llvm::enumerate(blocks)) {
    blockPc[block] = uint32_t(pc);
    blockIndex[block] = index;
    for (Operation &op : *block) {
      if (auto entryOp = dyn_cast<pvm::JumpTableEntryOp>(op)) {
        tableEntries.push_back({entryOp, block});
        continue;
      }
      if (blob::emitsNoCode(&op))
        continue; // reads machine state, emits no code
      if (!isa<pvm::InstructionOpInterface, pvm::CallOp, pvm::TailCallOp,
               pvm::CallIndirectOp>(op))
        return op.emitError("cannot be encoded: not a PVM instruction");
      if (isa<pvm::SbrkOp>(op))
        return op.emitError("sbrk panics on the current machine and must "
                            "not be emitted (pvm-isa.md §6.2)");
      if (auto ecalli = dyn_cast<pvm::EcalliOp>(op);
          ecalli && !layout.isValidEcalli(uint64_t(ecalli.getSlot())))
        return op.emitError("ecalli ")
               << int64_t(ecalli.getSlot()) << " is not a CALL the "
               << stringifyCapLayout(layoutKind) << " kernel accepts (slots 0-"
               << layout.maxEcalliSlot
               << (layout.replyEcalli > layout.maxEcalliSlot
                       ? " and " + std::to_string(layout.replyEcalli)
                       : std::string())
               << ")";
      llvm::Expected<Instruction> described = blob::instructionFor(&op);
      if (!described)
        return op.emitError(llvm::toString(described.takeError()));
      PlacedInst placed{&op, *described, 0};
      placed.inst.pc = uint32_t(pc);
      // Placeholder target so the length computation accepts the offset.
      placed.inst.target = pc;
      llvm::Expected<unsigned> length = blob::encodedLength(placed.inst);
      if (!length)
        return op.emitError(llvm::toString(length.takeError()));
      placed.length = *length;
      pc += *length;
      if (pc > UINT32_MAX)
        return op.emitError("code exceeds 4 GiB");
      insts.push_back(std::move(placed));
    }
  }
  if (insts.empty())
    return program.emitError("the program has no instructions");

  // The last instruction must not fall off the end (pvm-isa.md §5.4, §6.4).
  PlacedInst &last = insts.back();
  if (canFallThrough(last.inst.opcode))
    return last.op->emitError("the code ends with ")
           << last.op->getName()
           << ", which can fall off the end; end it with pvm.trap";

  // Pass 2: successors and targets.
  for (PlacedInst &placed : insts) {
    Operation *op = placed.op;
    if (Block *next = fallthroughSuccessor(op)) {
      unsigned expected = blockIndex[op->getBlock()] + 1;
      if (expected >= blocks.size() || blocks[expected] != next)
        return op->emitError("its fall-through successor must be the block "
                             "laid out next");
    }
    if (Block *target = encodedTarget(op))
      placed.inst.target = blockPc[target];
    else if (isa<pvm::CallOp, pvm::TailCallOp>(op))
      return op->emitError("calls a function that is not in the program");
  }

  blob::CodeBlob code;
  code.code.reserve(pc);
  code.bitmask.assign(pc, 0);
  for (PlacedInst &placed : insts) {
    llvm::SmallVector<uint8_t, 16> bytes;
    if (llvm::Error error = blob::encodeInstruction(placed.inst, bytes))
      return placed.op->emitError(llvm::toString(std::move(error)));
    code.bitmask[placed.inst.pc] = 1;
    code.code.insert(code.code.end(), bytes.begin(), bytes.end());
  }

  // Every target and table entry must start a gas block (pvm-isa.md §5.3).
  std::vector<uint8_t> starts = blob::gasBlockStarts(code.code, code.bitmask);
  auto checkStart = [&](Operation *op, Block *block,
                        StringRef what) -> LogicalResult {
    uint32_t target = blockPc[block];
    if (target >= starts.size() || !starts[target])
      return op->emitError()
             << what << " at PC " << target << " does not start a gas block";
    return success();
  };
  for (PlacedInst &placed : insts) {
    for (Block *succ : placed.op->getSuccessors())
      if (failed(checkStart(placed.op, succ, "successor")))
        return failure();
    if (Block *target = encodedTarget(placed.op))
      if (failed(checkStart(placed.op, target, "target")))
        return failure();
  }

  code.jumpTable.assign(tableEntries.size(), 0);
  for (auto [entryOp, block] : tableEntries) {
    uint32_t target = blockPc[block];
    if (target == 0)
      return entryOp.emitError("jump-table entry ")
             << entryOp.getIndex()
             << " points at PC 0, which a jump table must never hold "
                "(pvm-isa.md §6.3)";
    if (failed(checkStart(entryOp, block, "jump-table entry")))
      return failure();
    code.jumpTable[entryOp.getIndex()] = target;
  }
  code.entrySize = blob::minimalEntrySize(
      code.jumpTable.empty()
          ? 0
          : *std::max_element(code.jumpTable.begin(), code.jumpTable.end()));
  if (!allowJITHazards && failed(refuseJITHazards(code, insts)))
    return failure();
  if (placement)
    for (const PlacedInst &placed : insts)
      placement->push_back({placed.inst.pc, placed.op});
  return code;
}

namespace {
/// Pages needed to cover `size` bytes starting `offset` bytes into a page.
uint64_t pagesFor(uint64_t offset, uint64_t size) {
  return (offset + size + blob::kPageSize - 1) / blob::kPageSize;
}

/// A DATA cap before it is placed in the manifest.
struct DataCap {
  Operation *owner;
  std::string what;
  blob::CapEntry entry;
};
} // namespace

FailureOr<blob::Blob> grey::buildPVMBlob(pvm::ProgramOp program,
                                         const ExportPVMBlobOptions &options) {
  pvm::CapLayout layoutKind =
      options.capLayout.value_or(program.getCapLayout());
  const blob::CapLayout &layout = blob::getCapLayout(layoutKind);
  FailureOr<blob::CodeBlob> code =
      encodeProgramCode(program, layoutKind, options.allowJITHazards);
  if (failed(code))
    return failure();

  blob::Blob result;
  uint8_t codeSlot =
      program.getCodeSlot() ? uint8_t(*program.getCodeSlot()) : layout.codeSlot;
  if (layout.isProtocolSlot(codeSlot) || codeSlot == layout.untypedSlot)
    return program.emitError("code_slot ")
           << unsigned(codeSlot) << " is reserved for kernel caps";
  result.invokeCap = codeSlot;
  blob::CapEntry codeCap;
  codeCap.slot = codeSlot;
  codeCap.kind = blob::CapKind::Code;
  codeCap.bytes = blob::writeCodeBlob(*code);
  result.caps.push_back(std::move(codeCap));

  std::vector<DataCap> dataCaps;
  auto addData = [&](Operation *owner, std::string what, uint8_t slot,
                     uint64_t basePage, uint64_t pages, blob::Access access,
                     std::vector<uint8_t> bytes) {
    blob::CapEntry entry;
    entry.slot = slot;
    entry.kind = blob::CapKind::Data;
    entry.basePage = uint32_t(basePage);
    entry.pageCount = uint32_t(pages);
    entry.access = access;
    entry.bytes = std::move(bytes);
    dataCaps.push_back({owner, std::move(what), std::move(entry)});
  };

  // Stack at page 0, growing down from the first data page.
  uint64_t stackPages = pagesFor(0, program.getStackSize());
  uint64_t nextPage = stackPages;
  if (stackPages > 0)
    addData(program, "the stack", layout.stackSlot, 0, stackPages,
            blob::Access::ReadWrite, {});

  // Segments keep their guest addresses. Unset slots: the first RO and RW
  // segment get the layout's data slots, later ones the next free slot.
  SmallVector<pvm::SegmentOp> segments(
      program.getBody().front().getOps<pvm::SegmentOp>());
  llvm::SmallDenseSet<unsigned> explicitSlots;
  for (pvm::SegmentOp segment : segments)
    if (std::optional<uint64_t> slot = segment.getSlot())
      explicitSlots.insert(unsigned(*slot));
  bool roTaken = explicitSlots.contains(layout.roDataSlot);
  bool rwTaken = explicitSlots.contains(layout.rwDataSlot);
  unsigned nextExtraSlot = blob::kFirstExtraSegmentSlot;
  for (pvm::SegmentOp segment : segments) {
    unsigned slot;
    if (std::optional<uint64_t> explicitSlot = segment.getSlot()) {
      slot = unsigned(*explicitSlot);
    } else if (segment.getAccess() == pvm::Access::RO && !roTaken) {
      slot = layout.roDataSlot;
      roTaken = true;
    } else if (segment.getAccess() == pvm::Access::RW && !rwTaken) {
      slot = layout.rwDataSlot;
      rwTaken = true;
    } else {
      while (nextExtraSlot < 256 && explicitSlots.contains(nextExtraSlot))
        ++nextExtraSlot;
      if (nextExtraSlot >= layout.untypedSlot)
        return segment.emitError("no free cap slot left for this segment");
      slot = nextExtraSlot++;
    }
    uint64_t base = uint64_t(segment.getBase());
    uint64_t offsetInPage = base % blob::kPageSize;
    uint64_t pages = pagesFor(offsetInPage, uint64_t(segment.getSize()));
    std::vector<uint8_t> bytes;
    StringRef init = segment.getInit();
    if (!init.empty()) {
      bytes.assign(offsetInPage, 0);
      bytes.insert(bytes.end(), init.begin(), init.end());
    }
    addData(segment, "segment @" + segment.getSymName().str(), uint8_t(slot),
            base / blob::kPageSize, pages,
            segment.getAccess() == pvm::Access::RW ? blob::Access::ReadWrite
                                                   : blob::Access::ReadOnly,
            std::move(bytes));
    nextPage = std::max(nextPage, base / blob::kPageSize + pages);
  }

  uint64_t heapPages = pagesFor(0, program.getHeapSize());
  if (heapPages > 0) {
    addData(program, "the heap", layout.heapSlot, nextPage, heapPages,
            blob::Access::ReadWrite, {});
    nextPage += heapPages;
  }
  uint64_t argsPages = program.getArgsPages() ? *program.getArgsPages()
                                              : uint64_t(blob::kArgsPages);
  if (argsPages > 0)
    addData(program, "the argument buffer", layout.argsSlot, nextPage,
            argsPages, blob::Access::ReadWrite, {});

  // Loader and writer checks on the manifest (jar-blob.md §4).
  llvm::DenseMap<unsigned, std::string> slotOwner;
  slotOwner[codeSlot] = "the CODE cap";
  uint64_t totalPages = 0;
  for (DataCap &cap : dataCaps) {
    const blob::CapEntry &entry = cap.entry;
    auto error = [&]() { return cap.owner->emitError() << cap.what << ": "; };
    if (layout.isProtocolSlot(entry.slot) || entry.slot == layout.untypedSlot)
      return error() << "cap slot " << unsigned(entry.slot)
                     << " is reserved for kernel caps";
    auto [it, inserted] = slotOwner.try_emplace(entry.slot, cap.what);
    if (!inserted)
      return error() << "cap slot " << unsigned(entry.slot)
                     << " is already used by " << it->second;
    if (uint64_t(entry.basePage) + entry.pageCount > blob::kAddressSpacePages)
      return error() << "pages [" << entry.basePage << ", "
                     << entry.basePage + uint64_t(entry.pageCount)
                     << ") extend past the 4 GiB address space";
    if (entry.bytes.size() > uint64_t(entry.pageCount) * blob::kPageSize)
      return error() << "initial bytes exceed its pages";
    totalPages += entry.pageCount;
  }
  for (size_t i = 0; i < dataCaps.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const blob::CapEntry &a = dataCaps[i].entry, &b = dataCaps[j].entry;
      if (a.pageCount && b.pageCount && a.basePage < b.basePage + b.pageCount &&
          b.basePage < a.basePage + a.pageCount)
        return dataCaps[i].owner->emitError()
               << dataCaps[i].what << ": pages [" << a.basePage << ", "
               << a.basePage + a.pageCount << ") overlap " << dataCaps[j].what
               << " at pages [" << b.basePage << ", "
               << b.basePage + b.pageCount << ")";
    }
  if (dataCaps.size() + 1 > blob::kMaxCapCount)
    return program.emitError("the manifest would hold ")
           << dataCaps.size() + 1 << " caps, more than " << blob::kMaxCapCount;

  uint64_t memoryPages = program.getMemoryPages()
                             ? uint64_t(*program.getMemoryPages())
                             : totalPages + blob::kSparePages;
  if (memoryPages < totalPages)
    return program.emitError("memory_pages ")
           << memoryPages << " is less than the " << totalPages
           << " pages its DATA caps need";
  if (memoryPages > UINT32_MAX)
    return program.emitError("memory_pages ")
           << memoryPages << " does not fit 32 bits";
  result.memoryPages = uint32_t(memoryPages);

  uint64_t dataBytes = result.caps.front().bytes.size();
  for (DataCap &cap : dataCaps) {
    dataBytes += cap.entry.bytes.size();
    result.caps.push_back(std::move(cap.entry));
  }
  if (dataBytes > UINT32_MAX)
    return program.emitError("the data section exceeds 4 GiB");
  return result;
}

LogicalResult grey::exportPVMBlob(Operation *op, llvm::raw_ostream &os,
                                  const ExportPVMBlobOptions &options) {
  pvm::ProgramOp program = dyn_cast<pvm::ProgramOp>(op);
  if (!program) {
    SmallVector<pvm::ProgramOp> programs;
    op->walk([&](pvm::ProgramOp found) { programs.push_back(found); });
    if (programs.size() != 1)
      return op->emitError("expected exactly one pvm.program, found ")
             << programs.size();
    program = programs.front();
  }
  FailureOr<blob::Blob> result = buildPVMBlob(program, options);
  if (failed(result))
    return failure();
  std::vector<uint8_t> bytes = blob::writeBlob(*result);
  // The loader's own checks, as a last line of defence.
  if (llvm::Expected<blob::Blob> reread = blob::parseBlob(bytes); !reread)
    return program.emitError("internal error: the written blob does not "
                             "parse: ")
           << llvm::toString(reread.takeError());
  os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
  return success();
}

void grey::registerExportPVMBlobTranslation() {
  static llvm::cl::opt<std::string> capLayout(
      "pvm-cap-layout",
      llvm::cl::desc("Cap layout for --export-pvm-blob: 'current' or "
                     "'legacy' (default: the program's cap_layout)"),
      llvm::cl::init(""));
  static llvm::cl::opt<bool> allowJITHazards(
      "pvm-allow-jit-hazards",
      llvm::cl::desc("Let --export-pvm-blob write code that javm's x86-64 "
                     "recompiler miscompiles (refused by default)"));
  TranslateFromMLIRRegistration registration(
      "export-pvm-blob", "encode a pvm.program as a JAR v2 blob",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        ExportPVMBlobOptions options;
        options.allowJITHazards = allowJITHazards;
        if (!capLayout.empty()) {
          options.capLayout = pvm::symbolizeCapLayout(capLayout);
          if (!options.capLayout)
            return op->emitError("unknown --pvm-cap-layout '")
                   << capLayout << "'";
        }
        return exportPVMBlob(op, os, options);
      },
      [](DialectRegistry &registry) { registry.insert<pvm::PVMDialect>(); });
}
