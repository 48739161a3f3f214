//===- ImportPVMBlob.cpp - a JAR v2 blob to pvm IR ------------------------===//
//
// Parses the container, decodes the code into one `pvm.func @code` with a
// block at PC 0, at every static target and jump-table entry and after
// every IR terminator, and turns DATA caps into the program's stack, heap
// and segments. Registers `--import-pvm-blob`.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/ImportPVMBlob.h"

#include "OpFields.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Interpreter/KernelConstants.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/CapLayout.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/Blob/InstructionDecoder.h"
#include "grey/Target/Blob/InstructionEncoder.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <variant>

using namespace mlir;
using namespace grey;
using blob::Instruction;

namespace {

/// The first offset where two byte strings differ.
size_t firstDifference(ArrayRef<uint8_t> a, ArrayRef<uint8_t> b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i])
      return i;
  return n;
}

/// Decodes the code of one CODE cap into a pvm.func.
///
/// SSA scheme: a register the block has not written yet is read through a
/// `pvm.get_register` placed right before the reading instruction; values
/// written inside the block are used directly. Host calls (`ecall`,
/// `ecalli`) may change any register, so values are forgotten after them.
/// Blocks therefore take no arguments and edges pass no operands. Block
/// arguments cannot work here: the edge of `load_imm_jump` would have to
/// pass the register that very op defines. Host calls are imported without
/// `uses`/`defs` (the encoding does not record them).
class CodeImporter {
public:
  CodeImporter(Location loc, const blob::CodeBlob &code, uint64_t codeOffset)
      : loc(loc), ctx(loc.getContext()), code(code), codeOffset(codeOffset) {}

  /// Fills `func` (which must be empty) or reports an error.
  LogicalResult run(pvm::FuncOp func);

private:
  InFlightDiagnostic error(uint32_t pc) {
    return emitError(loc) << llvm::formatv(
               "byte offset {0} (code offset {1}): ", codeOffset + pc, pc);
  }
  std::string nameOf(const Instruction &inst) const {
    return std::string(pvm::lookupOpcode(inst.opcode).name);
  }
  RegisteredOperationName opName(const Instruction &inst) const {
    return *OperationName("pvm." + nameOf(inst), ctx).getRegisteredInfo();
  }
  bool endsBlock(const Instruction &inst) const {
    return opName(inst).hasTrait<OpTrait::IsTerminator>();
  }

  LogicalResult decodeAll();
  LogicalResult findBlockStarts();
  LogicalResult buildBlock(uint32_t start, size_t first, size_t end);
  Operation *buildInstruction(const Instruction &inst);
  Value read(uint8_t reg);

  Location loc;
  MLIRContext *ctx;
  const blob::CodeBlob &code;
  uint64_t codeOffset;

  std::vector<Instruction> insts;
  std::set<uint32_t> starts;
  std::map<uint32_t, Block *> blocks;
  /// Jump-table indices by target PC, in index order.
  std::map<uint32_t, std::vector<unsigned>> tableEntriesAt;
  std::vector<uint8_t> gasStarts;

  // Per-block state while building.
  OpBuilder builder{loc.getContext()};
  Block *block = nullptr;
  llvm::DenseMap<uint8_t, Value> current;
};

LogicalResult CodeImporter::decodeAll() {
  const auto &bytes = code.code;
  if (bytes.empty())
    return emitError(loc) << "byte offset " << codeOffset
                          << ": the code is empty";
  if (!code.bitmask[0])
    return error(0) << "PC 0 is not an instruction start (bitmask bit 0 is 0)";
  for (uint32_t pc = 0; pc < bytes.size();) {
    llvm::Expected<Instruction> inst =
        blob::decodeInstructionAt(bytes, code.bitmask, pc);
    if (!inst)
      return error(pc) << llvm::toString(inst.takeError());
    uint64_t next = inst->nextPc();
    if (next < bytes.size() && !code.bitmask[next])
      return error(pc) << nameOf(*inst)
                       << " is followed by more than 24 bytes without an "
                          "instruction start";
    // Field widths other than the canonical ones are kept (pvm.widths), so
    // the instruction exports to the same bytes; any other difference
    // (ignored bytes or bits, a register nibble above 12) cannot be.
    ArrayRef<uint8_t> actual(bytes.data() + pc, next - pc);
    Instruction canonicalInst = *inst;
    canonicalInst.immXWidth = canonicalInst.immYWidth =
        canonicalInst.offsetWidth = std::nullopt;
    llvm::SmallVector<uint8_t, 16> canonical, reproduced;
    if (llvm::Error err = blob::encodeInstruction(canonicalInst, canonical))
      return error(pc) << llvm::toString(std::move(err));
    if (ArrayRef<uint8_t>(canonical) == actual) {
      *inst = canonicalInst;
    } else if (llvm::Error err = blob::encodeInstruction(*inst, reproduced)) {
      return error(pc) << llvm::toString(std::move(err));
    } else if (ArrayRef<uint8_t>(reproduced) != actual) {
      auto hexBytes = [](ArrayRef<uint8_t> bytes) {
        std::string text;
        for (uint8_t b : bytes)
          text += " " + llvm::utohexstr(b, /*LowerCase=*/true, /*Width=*/2);
        return text;
      };
      return error(pc) << nameOf(*inst) << " is encoded as"
                       << hexBytes(actual)
                       << ", which grey cannot write back (it writes"
                       << hexBytes(reproduced) << ")";
    }
    // Lean and Rust disagree on this form (pvm-isa.md §6.6); the op
    // verifier rejects it.
    if (inst->opcode == pvm::LoadImmJumpIndOp::kOpcode &&
        inst->regA == inst->regB)
      return error(pc) << "load_imm_jump_ind writes r" << int(inst->regA)
                       << " before jumping through it";
    insts.push_back(*inst);
    pc = uint32_t(next);
  }
  return success();
}

LogicalResult CodeImporter::findBlockStarts() {
  gasStarts = blob::gasBlockStarts(code.code, code.bitmask);
  starts = {0};
  // `report` starts the diagnostic at the place that names the target.
  auto checkTarget = [&](llvm::function_ref<InFlightDiagnostic()> report,
                         uint64_t target,
                         const std::string &what) -> LogicalResult {
    if (target >= code.code.size() || !gasStarts[target])
      return report() << what << " targets " << int64_t(target)
                      << ", which is not a gas-block start";
    if (target == 0)
      return report() << what
                      << " targets PC 0, the entry block, which grey's IR "
                         "cannot branch to";
    starts.insert(uint32_t(target));
    return success();
  };
  for (const Instruction &inst : insts) {
    if (inst.hasTarget() && failed(checkTarget([&] { return error(inst.pc); },
                                               inst.target, nameOf(inst))))
      return failure();
    if (endsBlock(inst) && inst.nextPc() < code.code.size())
      starts.insert(uint32_t(inst.nextPc()));
  }
  for (auto [index, target] : llvm::enumerate(code.jumpTable)) {
    uint64_t entryOffset = codeOffset - code.jumpTable.size() * code.entrySize +
                           index * code.entrySize;
    auto report = [&] {
      return emitError(loc) << "byte offset " << entryOffset << ": ";
    };
    if (failed(checkTarget(report, target,
                           "jump-table entry " + std::to_string(index))))
      return failure();
    tableEntriesAt[target].push_back(unsigned(index));
  }

  const Instruction &last = insts.back();
  bool fallsOff = !endsBlock(last) ||
                  last.opcode == pvm::FallthroughOp::kOpcode ||
                  last.opcode == pvm::UnlikelyOp::kOpcode ||
                  opName(last).hasTrait<OpTrait::NSuccessors<2>::Impl>();
  if (fallsOff)
    return error(last.pc) << "the code ends with " << nameOf(last)
                          << ", which can fall off the end";

  // A block may only start after an instruction that ends an IR block.
  size_t i = 0;
  for (uint32_t start : starts) {
    while (i < insts.size() && insts[i].pc < start)
      ++i;
    if (i == insts.size() || insts[i].pc != start)
      return error(start) << "internal error: block start is not an "
                             "instruction";
    if (i > 0 && !endsBlock(insts[i - 1]))
      return error(start) << "is a jump target directly after "
                          << nameOf(insts[i - 1])
                          << ", which does not end an IR block";
  }
  return success();
}

Value CodeImporter::read(uint8_t reg) {
  if (Value value = current.lookup(reg))
    return value;
  auto type = pvm::RegType::get(ctx, pvm::Reg(reg));
  Value value = pvm::GetRegisterOp::create(builder, loc, type);
  current[reg] = value;
  return value;
}

Operation *CodeImporter::buildInstruction(const Instruction &inst) {
  using pvm::Format;
  RegisteredOperationName name = opName(inst);
  Location instLoc =
      NameLoc::get(StringAttr::get(ctx, llvm::formatv("pc {0}", inst.pc)), loc);
  OperationState state(instLoc, name);
  auto [xName, yName] = blob::detail::immediateAttrNames(name, inst.format);
  auto setImmediate = [&](StringRef attr, uint64_t value) {
    int64_t shown = int64_t(value);
    if (attr == "address") // an address reads best unsigned
      shown = int64_t(uint32_t(value));
    state.addAttribute(attr, builder.getI64IntegerAttr(shown));
  };
  if (!xName.empty())
    setImmediate(xName, inst.immX);
  if (!yName.empty())
    setImmediate(yName, inst.immY);
  // decodeAll left widths only on instructions with non-canonical ones.
  if (inst.immXWidth || inst.immYWidth || inst.offsetWidth) {
    SmallVector<int32_t, 2> widths;
    for (pvm::WidthField field : pvm::variableWidthFields(inst.format))
      widths.push_back(*(field == pvm::WidthField::ImmX   ? inst.immXWidth
                         : field == pvm::WidthField::ImmY ? inst.immYWidth
                                                          : inst.offsetWidth));
    state.addAttribute(pvm::kWidthsAttrName,
                       builder.getDenseI32ArrayAttr(widths));
  }

  auto regType = [&](uint8_t reg) {
    return pvm::RegType::get(ctx, pvm::Reg(reg));
  };
  bool hasResult = !name.hasTrait<OpTrait::ZeroResults>();
  bool readsDest = blob::detail::readsDestination(inst.opcode);
  Block *next = blocks.count(uint32_t(inst.nextPc()))
                    ? blocks[uint32_t(inst.nextPc())]
                    : nullptr;
  Block *target = inst.hasTarget() ? blocks[uint32_t(inst.target)] : nullptr;
  std::optional<uint8_t> result;

  switch (inst.format) {
  case Format::NoArgs:
    if (inst.opcode == pvm::FallthroughOp::kOpcode ||
        inst.opcode == pvm::UnlikelyOp::kOpcode)
      state.addSuccessors(next);
    break;
  case Format::OneImm:
  case Format::TwoImm:
    break;
  case Format::OneOffset:
    state.addSuccessors(target);
    break;
  case Format::OneRegExtImm:
  case Format::OneRegOneImm:
  case Format::OneRegTwoImm:
    if (hasResult)
      result = inst.regA;
    else
      state.addOperands(read(inst.regA));
    break;
  case Format::OneRegImmOffset:
    if (hasResult) { // load_imm_jump
      result = inst.regA;
      state.addSuccessors(target);
    } else {
      state.addOperands(read(inst.regA));
      state.addSuccessors({target, next});
      state.addAttribute("operandSegmentSizes",
                         builder.getDenseI32ArrayAttr({1, 0, 0}));
    }
    break;
  case Format::TwoReg:
    state.addOperands(read(inst.regA));
    result = inst.regD;
    break;
  case Format::TwoRegOneImm:
    if (hasResult) {
      state.addOperands(read(inst.regB));
      if (readsDest)
        state.addOperands(read(inst.regA));
      result = inst.regA;
    } else {
      state.addOperands({read(inst.regA), read(inst.regB)});
    }
    break;
  case Format::TwoRegOneOffset:
    state.addOperands({read(inst.regA), read(inst.regB)});
    state.addSuccessors({target, next});
    state.addAttribute("operandSegmentSizes",
                       builder.getDenseI32ArrayAttr({1, 1, 0, 0}));
    break;
  case Format::TwoRegTwoImm:
    state.addOperands(read(inst.regB));
    result = inst.regA;
    break;
  case Format::ThreeReg:
    state.addOperands({read(inst.regA), read(inst.regB)});
    if (readsDest)
      state.addOperands(read(inst.regD));
    result = inst.regD;
    break;
  }
  if (result)
    state.addTypes(regType(*result));
  Operation *op = builder.create(state);
  if (isa<pvm::EcallOp, pvm::EcalliOp>(op))
    current.clear();
  if (result)
    current[*result] = op->getResult(0);
  return op;
}

LogicalResult CodeImporter::buildBlock(uint32_t start, size_t first,
                                       size_t end) {
  block = blocks[start];
  current.clear();
  builder.setInsertionPointToEnd(block);
  for (unsigned index : tableEntriesAt[start])
    pvm::JumpTableEntryOp::create(builder, loc, index);
  for (size_t i = first; i < end; ++i)
    buildInstruction(insts[i]);
  return success();
}

LogicalResult CodeImporter::run(pvm::FuncOp func) {
  if (failed(decodeAll()) || failed(findBlockStarts()))
    return failure();
  Region &body = func.getBody();
  for (uint32_t start : starts) {
    body.push_back(new Block());
    blocks[start] = &body.back();
  }
  size_t first = 0;
  for (auto it = starts.begin(); it != starts.end(); ++it) {
    auto nextStart = std::next(it);
    size_t end = first;
    while (end < insts.size() &&
           (nextStart == starts.end() || insts[end].pc < *nextStart))
      ++end;
    if (failed(buildBlock(*it, first, end)))
      return failure();
    first = end;
  }
  return success();
}

} // namespace

namespace {
/// How the DATA caps of a blob map onto the program op.
enum class DataStyle {
  /// Recognize the stack, heap and argument caps the writer makes.
  Standard,
  /// Every DATA cap becomes a segment with an explicit slot.
  AllSegments,
};

/// Sets the program's stack, heap and segments from `caps` (DATA caps in
/// manifest order) in the given style.
void importData(pvm::ProgramOp program, ArrayRef<blob::CapEntry> caps,
                const blob::CapLayout &layout, DataStyle style) {
  OpBuilder builder(program.getContext());
  Block &body = program.getBody().front();
  for (pvm::SegmentOp segment :
       llvm::make_early_inc_range(body.getOps<pvm::SegmentOp>()))
    segment.erase();
  program.setStackSize(0);
  program.setHeapSize(0);
  program.setArgsPages(0);

  size_t first = 0, end = caps.size();
  auto isZeroRW = [](const blob::CapEntry &cap) {
    return cap.access == blob::Access::ReadWrite && cap.bytes.empty();
  };
  const blob::CapEntry *heap = nullptr;
  if (style == DataStyle::Standard) {
    if (first < end && caps[first].slot == layout.stackSlot &&
        caps[first].basePage == 0 && isZeroRW(caps[first]))
      program.setStackSize(uint64_t(caps[first++].pageCount) * blob::kPageSize);
    // A trailing argument cap is added back by the writer.
    if (end > first && caps[end - 1].slot == layout.argsSlot &&
        isZeroRW(caps[end - 1])) {
      uint32_t pages = caps[--end].pageCount;
      if (pages == blob::kArgsPages)
        program.removeArgsPagesAttr();
      else
        program.setArgsPages(pages);
    }
    if (end > first && caps[end - 1].slot == layout.heapSlot &&
        isZeroRW(caps[end - 1]))
      heap = &caps[--end];
    if (heap)
      program.setHeapSize(uint64_t(heap->pageCount) * blob::kPageSize);
  }

  builder.setInsertionPointToEnd(&body);
  llvm::SmallDenseMap<unsigned, unsigned> slotUses;
  for (const blob::CapEntry &cap : caps.slice(first, end - first)) {
    std::string name = "cap" + std::to_string(cap.slot);
    if (unsigned uses = slotUses[cap.slot]++)
      name += "_" + std::to_string(uses);
    StringRef init(reinterpret_cast<const char *>(cap.bytes.data()),
                   cap.bytes.size());
    pvm::SegmentOp::create(builder, program.getLoc(), name,
                           uint64_t(cap.basePage) * blob::kPageSize,
                           uint64_t(cap.pageCount) * blob::kPageSize,
                           cap.access == blob::Access::ReadWrite
                               ? pvm::Access::RW
                               : pvm::Access::RO,
                           init, builder.getI64IntegerAttr(cap.slot));
  }
}

/// Sets `memory_pages` only where it differs from what the writer derives.
void importMemoryPages(pvm::ProgramOp program, ArrayRef<blob::CapEntry> caps,
                       uint32_t memoryPages) {
  uint64_t total = 0;
  for (const blob::CapEntry &cap : caps)
    total += cap.pageCount;
  if (memoryPages == total + blob::kSparePages)
    program.removeMemoryPagesAttr();
  else
    program.setMemoryPages(memoryPages);
}

/// Records what the blob charges at load, for the reader: the pages of each
/// DATA cap by slot (`pvm.data_pages`) and their load gas (`pvm.load_gas`,
/// 1500 a page). Informational; nothing reads them back.
void annotateLoadCharge(ModuleOp module, ArrayRef<blob::CapEntry> caps) {
  llvm::SmallDenseMap<unsigned, uint64_t> pagesBySlot;
  uint64_t total = 0;
  for (const blob::CapEntry &cap : caps) {
    pagesBySlot[cap.slot] += cap.pageCount;
    total += cap.pageCount;
  }
  Builder builder(module.getContext());
  SmallVector<NamedAttribute> pages;
  for (auto [slot, count] : pagesBySlot)
    pages.push_back(builder.getNamedAttr("slot" + std::to_string(slot),
                                         builder.getI64IntegerAttr(count)));
  module->setAttr("pvm.data_pages", builder.getDictionaryAttr(pages));
  module->setAttr("pvm.load_gas",
                  builder.getI64IntegerAttr(total * interp::kGasPerDataPage));
}

/// Exports `program` quietly; the bytes, or the first error message.
std::variant<std::vector<uint8_t>, std::string>
reExport(pvm::ProgramOp program) {
  std::string message;
  ScopedDiagnosticHandler quiet(program.getContext(), [&](Diagnostic &diag) {
    if (message.empty())
      message = diag.str();
    return success();
  });
  // Other translators' code may hold recompiler hazards; it must still
  // come back byte for byte.
  ExportPVMBlobOptions options;
  options.allowJITHazards = true;
  FailureOr<blob::Blob> rebuilt = buildPVMBlob(program, options);
  if (failed(rebuilt))
    return message;
  return blob::writeBlob(*rebuilt);
}
} // namespace

OwningOpRef<ModuleOp> grey::importPVMBlob(ArrayRef<uint8_t> bytes,
                                          Location loc) {
  MLIRContext *ctx = loc.getContext();
  ctx->getOrLoadDialect<pvm::PVMDialect>();
  llvm::Expected<blob::Blob> parsed = blob::parseBlob(bytes);
  if (!parsed) {
    emitError(loc) << llvm::toString(parsed.takeError());
    return nullptr;
  }
  // grey writes one layout of the container; anything else cannot come back.
  std::vector<uint8_t> canonical = blob::writeBlob(*parsed);
  if (ArrayRef<uint8_t>(canonical) != bytes) {
    emitError(loc) << "byte offset " << firstDifference(canonical, bytes)
                   << ": the blob's data section is not laid out as grey "
                      "writes it (entries' data in manifest order, no gaps, "
                      "no trailing bytes, zero-filled caps at offset 0)";
    return nullptr;
  }
  const std::vector<blob::CapEntry> &caps = parsed->caps;
  size_t codeCaps = llvm::count_if(caps, [](const blob::CapEntry &cap) {
    return cap.kind == blob::CapKind::Code;
  });
  if (codeCaps != 1 || caps.front().kind != blob::CapKind::Code) {
    emitError(loc) << "byte offset " << blob::kHeaderSize
                   << ": grey imports blobs with exactly one CODE cap, as "
                      "the first manifest entry (this one has "
                   << codeCaps << ")";
    return nullptr;
  }

  uint64_t dataStart =
      blob::kHeaderSize + uint64_t(blob::kCapEntrySize) * caps.size();
  const blob::CapEntry &codeCap = caps.front();
  llvm::Expected<blob::CodeBlob> code =
      blob::parseCodeBlob(codeCap.bytes, dataStart);
  if (!code) {
    emitError(loc) << llvm::toString(code.takeError());
    return nullptr;
  }
  std::vector<uint8_t> canonicalCode = blob::writeCodeBlob(*code);
  if (canonicalCode != codeCap.bytes) {
    size_t at = firstDifference(canonicalCode, codeCap.bytes);
    emitError(loc) << "byte offset " << dataStart + at
                   << ": the code sub-blob is not in canonical form (grey "
                      "writes the minimal jump-table entry size, zero "
                      "bitmask padding and no trailing bytes)";
    return nullptr;
  }

  bool legacy =
      llvm::any_of(caps,
                   [](const blob::CapEntry &cap) {
                     return cap.kind == blob::CapKind::Data &&
                            cap.slot == blob::kLegacyCapLayout.argsSlot;
                   }) &&
      llvm::none_of(caps, [](const blob::CapEntry &cap) {
        return cap.kind == blob::CapKind::Data &&
               cap.slot == blob::kCurrentCapLayout.argsSlot;
      });
  pvm::CapLayout layoutKind =
      legacy ? pvm::CapLayout::Legacy : pvm::CapLayout::Current;
  const blob::CapLayout &layout = blob::getCapLayout(layoutKind);

  OpBuilder builder(ctx);
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  auto program = pvm::ProgramOp::create(
      builder, loc, "code", 0, 0, layoutKind, IntegerAttr(),
      codeCap.slot == layout.codeSlot ? IntegerAttr()
                                      : builder.getI64IntegerAttr(codeCap.slot),
      IntegerAttr());
  builder.createBlock(&program.getBody());
  auto func = pvm::FuncOp::create(builder, loc, "code");
  uint64_t codeOffset = dataStart + blob::kCodeHeaderSize +
                        uint64_t(code->jumpTable.size()) * code->entrySize;
  if (failed(CodeImporter(loc, *code, codeOffset).run(func)))
    return nullptr;

  ArrayRef<blob::CapEntry> dataCaps = ArrayRef(caps).drop_front();
  importMemoryPages(program, dataCaps, parsed->memoryPages);

  // Prefer the readable form; fall back to explicit segments when the
  // writer's standard stack/heap/argument placement does not match.
  std::string lastProblem;
  for (DataStyle style : {DataStyle::Standard, DataStyle::AllSegments}) {
    importData(program, dataCaps, layout, style);
    auto result = reExport(program);
    if (auto *rebuilt = std::get_if<std::vector<uint8_t>>(&result)) {
      if (*rebuilt == ArrayRef<uint8_t>(bytes).vec()) {
        if (failed(verify(*module))) {
          emitError(loc) << "the imported IR does not verify";
          return nullptr;
        }
        annotateLoadCharge(*module, dataCaps);
        return module;
      }
      lastProblem = llvm::formatv("re-exporting differs at byte offset {0}",
                                  firstDifference(*rebuilt, bytes));
    } else {
      lastProblem = std::get<std::string>(result);
    }
  }
  emitError(loc) << "grey cannot write this blob back byte for byte: "
                 << lastProblem;
  return nullptr;
}

void grey::registerImportPVMBlobTranslation() {
  TranslateToMLIRRegistration registration(
      "import-pvm-blob", "decode a JAR v2 blob into a pvm.program",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *ctx) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        ArrayRef<uint8_t> bytes(
            reinterpret_cast<const uint8_t *>(buffer->getBufferStart()),
            buffer->getBufferSize());
        Location loc =
            FileLineColLoc::get(ctx, buffer->getBufferIdentifier(), 0, 0);
        OwningOpRef<ModuleOp> module = importPVMBlob(bytes, loc);
        return OwningOpRef<Operation *>(module.release());
      },
      [](DialectRegistry &registry) { registry.insert<pvm::PVMDialect>(); });
}
