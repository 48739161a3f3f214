//===- ImportRISCVELF.cpp - RISC-V ELF to the riscv dialect ---------------===//
//
// Builds register-typed SSA from the recovered functions: block arguments
// for exactly the registers live into each block, one op per instruction.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/ELF/ImportRISCVELF.h"

#include "FunctionRecovery.h"
#include "grey/Dialect/RISCV/RISCVDialect.h"
#include "grey/Dialect/RISCV/RISCVOps.h"
#include "grey/Target/ELF/Decoder.h"
#include "grey/Target/ELF/ELFReader.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"

#include <set>

using namespace mlir;
using namespace grey;
using namespace grey::elf;

static std::string hex(uint64_t value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex(value, 0);
  return text;
}

namespace {

/// Registers read and written by one step, as the SSA form will see them.
struct Effects {
  RegSet uses = 0, defs = 0;
};

/// The registers, ascending, in `set`.
static llvm::SmallVector<unsigned, 16> registersIn(RegSet set) {
  llvm::SmallVector<unsigned, 16> regs;
  for (unsigned r = 1; r < 16; ++r)
    if (set & abi::reg(r))
      regs.push_back(r);
  return regs;
}

/// True for an op that only writes rd, so it vanishes when rd is x0 (or gp,
/// tp: abi::isDiscardedDestination). A load into x0 is dropped too: its only
/// effect would be a possible fault.
static bool isDroppedWhenRdIsDiscarded(Format format) {
  switch (format) {
  case Format::RegReg:
  case Format::RegImm:
  case Format::Unary:
  case Format::Lui:
  case Format::Auipc:
  case Format::Load:
  case Format::CondMov:
    return true;
  default:
    return false;
  }
}

static Effects effectsOf(const DecodedStep &step, const RecoveredBlock &block) {
  const Instruction &inst = step.inst;
  auto reg = [](unsigned r) {
    return abi::isDiscardedDestination(r) ? RegSet(0) : abi::reg(r);
  };
  Effects effects;
  switch (step.action) {
  case Action::Constant:
  case Action::CodeAddress:
    effects.defs = reg(inst.rd);
    break;
  case Action::Call:
    effects = {abi::kCallUses, RegSet(abi::kCallDefs | reg(inst.rd))};
    break;
  case Action::CallIndirect:
    effects = {RegSet(abi::kCallUses | reg(inst.rs1)),
               RegSet(abi::kCallDefs | reg(inst.rd))};
    break;
  case Action::Terminator:
    switch (block.exit) {
    case BlockExit::Branch:
      effects.uses = reg(inst.rs1) | reg(inst.rs2);
      break;
    case BlockExit::Return:
      effects.uses = reg(inst.rs1) | abi::kReturnUses;
      break;
    case BlockExit::Switch:
      effects.uses = reg(inst.rs1);
      break;
    case BlockExit::IndirectJump:
      effects.uses = abi::kAll;
      break;
    case BlockExit::Tail:
      effects.uses = abi::kTailUses;
      break;
    default:
      break;
    }
    break;
  case Action::Instruction: {
    Format format = inst.format();
    if (abi::isDiscardedDestination(inst.rd) &&
        isDroppedWhenRdIsDiscarded(format))
      break;
    switch (format) {
    case Format::RegReg:
      effects.uses = reg(inst.rs1) | reg(inst.rs2);
      break;
    case Format::RegImm:
    case Format::Unary:
    case Format::Load:
    case Format::CsrReg:
      effects.uses = reg(inst.rs1);
      break;
    case Format::Store:
      effects.uses = reg(inst.rs1) | reg(inst.rs2);
      break;
    case Format::CondMov:
      effects.uses = reg(inst.rs1) | reg(inst.rs2) | reg(inst.rd);
      break;
    case Format::Ecall:
      effects = {abi::kEcallUses, abi::kEcallDefs};
      return effects;
    default:
      break;
    }
    if (format != Format::Store && format != Format::Fence &&
        format != Format::FenceI)
      effects.defs = reg(inst.rd);
    break;
  }
  }
  return effects;
}

/// True for the auipc of an auipc/jalr call or tail-call pair: the call
/// overwrites its register, or the tail call does not pass it on.
static bool isDeadCallAddress(const RecoveredBlock &block, size_t index) {
  const Instruction &inst = block.steps[index].inst;
  if (inst.opcode != Opcode::Auipc || inst.rd == 0 ||
      index + 1 == block.steps.size())
    return false;
  const DecodedStep &next = block.steps[index + 1];
  if (next.inst.opcode != Opcode::Jalr || next.inst.rs1 != inst.rd)
    return false;
  RegSet reg = abi::reg(inst.rd);
  if (next.action == Action::Call)
    return (abi::kCallDefs | abi::reg(next.inst.rd)) & reg;
  return next.action == Action::Terminator && block.exit == BlockExit::Tail &&
         !(abi::kTailUses & reg);
}

/// Per-block liveness over registers.
struct Liveness {
  RegSet use = 0, def = 0, liveIn = 0, liveOut = 0;
  llvm::SmallVector<uint64_t, 2> successors;
};

static std::unordered_map<uint64_t, Liveness>
computeLiveness(const RecoveredFunction &function) {
  std::unordered_map<uint64_t, Liveness> liveness;
  for (const auto &[start, block] : function.blocks) {
    Liveness &info = liveness[start];
    for (const DecodedStep &step : block.steps) {
      Effects effects = effectsOf(step, block);
      info.use |= effects.uses & ~info.def;
      info.def |= effects.defs;
    }
    switch (block.exit) {
    case BlockExit::FallThrough:
      info.successors = {block.next};
      break;
    case BlockExit::FallIntoFunction:
      info.use |= abi::kTailUses & ~info.def;
      break;
    case BlockExit::Branch:
      info.successors = {block.target, block.next};
      break;
    case BlockExit::Jump:
      info.successors = {block.target};
      break;
    case BlockExit::Switch:
      info.successors.assign(block.targets.begin(), block.targets.end());
      break;
    default:
      break;
    }
    info.liveIn = info.use;
  }
  // Backward dataflow to a fixed point, later blocks first.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = function.blocks.rbegin(); it != function.blocks.rend();
         ++it) {
      Liveness &info = liveness[it->first];
      RegSet out = 0;
      for (uint64_t successor : info.successors)
        out |= liveness[successor].liveIn;
      RegSet in = info.use | (out & ~info.def);
      if (out != info.liveOut || in != info.liveIn) {
        info.liveOut = out;
        info.liveIn = in;
        changed = true;
      }
    }
  }
  return liveness;
}

class Importer {
public:
  Importer(MLIRContext *context, StringRef fileName, const ELFImage &image,
           const RecoveredProgram &program, const Decoder &decoder)
      : context(context), builder(context), image(image), program(program),
        decoder(decoder),
        fileLoc(FileLineColLoc::get(context, fileName, 0, 0)) {}

  OwningOpRef<ModuleOp> run();

private:
  Location locAt(uint64_t pc) {
    auto [it, inserted] = locations.try_emplace(pc, fileLoc);
    if (inserted) {
      std::string name;
      llvm::raw_string_ostream(name) << "pc:" << hex(pc);
      it->second = FusedLoc::get(
          context, {NameLoc::get(StringAttr::get(context, name)), fileLoc});
    }
    return it->second;
  }
  Type regType(unsigned r) {
    return riscv::RegType::get(context, static_cast<riscv::Reg>(r));
  }
  Operation *create(Location loc, StringRef name, ValueRange operands,
                    TypeRange types, ArrayRef<NamedAttribute> attrs = {},
                    BlockRange successors = {}) {
    OperationState state(loc, name);
    state.addOperands(operands);
    state.addTypes(types);
    state.addAttributes(attrs);
    state.addSuccessors(successors);
    return builder.create(state);
  }
  NamedAttribute attr(StringRef name, Attribute value) {
    return builder.getNamedAttr(name, value);
  }
  NamedAttribute i64(StringRef name, int64_t value) {
    return attr(name, builder.getI64IntegerAttr(value));
  }

  void emitNotes();
  /// True if `inst` writes gp or tp, which the translation drops (with a
  /// remark, once per address).
  bool dropsUnavailableWrite(const Instruction &inst);
  void buildSegments(std::set<std::string> &usedNames);
  LogicalResult buildFunction(const RecoveredFunction &function);
  void buildCodePointers();
  /// The function whose entry is `address`, or one holding a block there
  /// (`preferred` first).
  const RecoveredFunction *functionFor(uint64_t address,
                                       const RecoveredFunction *preferred);

  MLIRContext *context;
  OpBuilder builder;
  const ELFImage &image;
  const RecoveredProgram &program;
  const Decoder &decoder;
  Location fileLoc;
  std::unordered_map<uint64_t, Location> locations; // by guest address
  std::unordered_set<uint64_t> droppedWrites;       // remarked already
};

} // namespace

void Importer::emitNotes() {
  for (const RecoveryNote &note : program.notes)
    (note.severity == RecoveryNote::Severity::Warning
         ? emitWarning(locAt(note.address))
         : emitRemark(locAt(note.address)))
        << note.message;
}

bool Importer::dropsUnavailableWrite(const Instruction &inst) {
  if (inst.rd != 3 && inst.rd != 4)
    return false;
  if (droppedWrites.insert(inst.address).second)
    emitRemark(locAt(inst.address))
        << "the write to " << (inst.rd == 3 ? "gp" : "tp") << " at "
        << hex(inst.address) << " (" << decoder.disassemble(inst.word,
                                                            inst.address)
        << ") is dropped: PVM has no register for it, and a read of it "
           "whose value is not known there is translated as a trap";
  return true;
}

void Importer::buildSegments(std::set<std::string> &usedNames) {
  for (const Section &section : image.dataSections) {
    std::string name = section.name;
    for (unsigned suffix = 1; usedNames.count(name); ++suffix)
      name = section.name + "." + std::to_string(suffix);
    usedNames.insert(name);
    // Trailing zeros are implied by the size.
    llvm::ArrayRef<uint8_t> bytes = section.bytes;
    while (!bytes.empty() && bytes.back() == 0)
      bytes = bytes.drop_back();
    llvm::SmallVector<NamedAttribute> attrs = {
        attr("sym_name", builder.getStringAttr(name)),
        i64("address", section.address), i64("size", section.size)};
    if (section.writable)
      attrs.push_back(attr("writable", builder.getUnitAttr()));
    if (!bytes.empty())
      attrs.push_back(
          attr("init", builder.getStringAttr(llvm::toStringRef(bytes))));
    create(fileLoc, "riscv.segment", {}, {}, attrs);
  }
}

const RecoveredFunction *
Importer::functionFor(uint64_t address, const RecoveredFunction *preferred) {
  auto entry = program.functions.find(address);
  if (entry != program.functions.end())
    return &entry->second;
  if (preferred && preferred->blocks.count(address))
    return preferred;
  for (const auto &[start, function] : program.functions)
    if (function.blocks.count(address))
      return &function;
  return nullptr;
}

LogicalResult Importer::buildFunction(const RecoveredFunction &function) {
  Location funcLoc = locAt(function.entry);
  OperationState funcState(funcLoc, "riscv.func");
  funcState.addAttribute("sym_name", builder.getStringAttr(function.name));
  funcState.addAttribute("address", builder.getI64IntegerAttr(function.entry));
  funcState.addRegion();
  Region *body = &builder.create(funcState)->getRegion(0);
  OpBuilder::InsertionGuard guard(builder);

  std::unordered_map<uint64_t, Liveness> liveness = computeLiveness(function);
  std::unordered_map<uint64_t, Block *> blocks;
  bool entryHasPredecessors = false;
  for (const auto &[start, block] : function.blocks) {
    Block *mlirBlock = new Block();
    body->push_back(mlirBlock);
    Location blockLoc = locAt(start);
    for (unsigned r : registersIn(liveness[start].liveIn))
      mlirBlock->addArgument(regType(r), blockLoc);
    blocks[start] = mlirBlock;
    if (llvm::is_contained(liveness[start].successors, function.entry))
      entryHasPredecessors = true;
  }
  // MLIR's entry block has no predecessors: jump from a fresh one instead.
  Block *entryBlock = blocks[function.entry];
  if (entryHasPredecessors) {
    Block *front = new Block();
    body->push_front(front);
    for (BlockArgument arg : entryBlock->getArguments())
      front->addArgument(arg.getType(), arg.getLoc());
    builder.setInsertionPointToEnd(front);
    create(funcLoc, "riscv.jal", front->getArguments(), {}, {}, {entryBlock});
  } else {
    body->getBlocks().remove(entryBlock);
    body->push_front(entryBlock);
  }

  for (const auto &[start, block] : function.blocks) {
    Block *mlirBlock = blocks[start];
    builder.setInsertionPointToEnd(mlirBlock);
    std::array<Value, 16> values{};
    for (auto [r, arg] : llvm::zip(registersIn(liveness[start].liveIn),
                                   mlirBlock->getArguments()))
      values[r] = arg;
    if (block.addressTaken)
      create(locAt(start), "riscv.code_label", {}, {}, {i64("address", start)});

    bool failedRead = false;
    uint64_t pc = start;
    Location loc = locAt(start);
    auto read = [&](unsigned r) -> Value {
      if (r == 0)
        return create(loc, "riscv.constant", {}, {regType(0)},
                      {i64("value", 0)})
            ->getResult(0);
      if (!values[r]) {
        emitError(loc) << "internal error: no value for x" << r << " at "
                       << hex(pc);
        failedRead = true;
        return create(loc, "riscv.constant", {}, {regType(r)},
                      {i64("value", 0)})
            ->getResult(0);
      }
      return values[r];
    };
    auto readAll = [&](RegSet set) {
      llvm::SmallVector<Value, 16> operands;
      for (unsigned r : registersIn(set))
        operands.push_back(read(r));
      return operands;
    };
    auto typesOf = [&](RegSet set) {
      llvm::SmallVector<Type, 16> types;
      for (unsigned r : registersIn(set))
        types.push_back(regType(r));
      return types;
    };
    auto defineAll = [&](Operation *op, RegSet set) {
      for (auto [r, result] : llvm::zip(registersIn(set), op->getResults()))
        values[r] = result;
    };
    auto edgeOperands = [&](uint64_t successor) {
      return readAll(liveness[successor].liveIn);
    };
    auto calleeName = [&](uint64_t address) -> FlatSymbolRefAttr {
      return FlatSymbolRefAttr::get(context,
                                    program.functions.at(address).name);
    };

    for (auto [index, step] : llvm::enumerate(block.steps)) {
      const Instruction &inst = step.inst;
      pc = inst.address;
      loc = locAt(pc);
      if (isDeadCallAddress(block, index))
        continue;
      switch (step.action) {
      case Action::Constant:
        if (inst.rd && !dropsUnavailableWrite(inst))
          values[inst.rd] =
              create(loc, "riscv.constant", {}, {regType(inst.rd)},
                     {i64("value", step.value)})
                  ->getResult(0);
        continue;
      case Action::CodeAddress: {
        if (!inst.rd || dropsUnavailableWrite(inst))
          continue;
        const RecoveredFunction *owner = functionFor(step.value, &function);
        if (!owner)
          return emitError(loc)
                 << "code address " << hex(step.value) << " computed at "
                 << hex(pc) << " is neither a function nor a recovered block";
        values[inst.rd] =
            create(
                loc, "riscv.code_addr", {}, {regType(inst.rd)},
                {attr("function", FlatSymbolRefAttr::get(context, owner->name)),
                 i64("target", step.value)})
                ->getResult(0);
        continue;
      }
      case Action::Call: {
        RegSet defs = abi::kCallDefs | abi::reg(inst.rd);
        Operation *call =
            create(loc, "riscv.call", readAll(abi::kCallUses), typesOf(defs),
                   {attr("callee", calleeName(step.value))});
        defineAll(call, defs);
        continue;
      }
      case Action::CallIndirect: {
        RegSet defs = abi::kCallDefs | abi::reg(inst.rd);
        llvm::SmallVector<Value, 16> operands = {read(inst.rs1)};
        llvm::append_range(operands, readAll(abi::kCallUses));
        Operation *call = create(loc, "riscv.call_indirect", operands,
                                 typesOf(defs), {i64("imm", inst.imm)});
        defineAll(call, defs);
        continue;
      }
      case Action::Terminator:
        break;
      case Action::Instruction: {
        Format format = inst.format();
        if (isDroppedWhenRdIsDiscarded(format) &&
            (inst.rd == 0 || dropsUnavailableWrite(inst)))
          continue;
        StringRef name = getOpName(inst.opcode);
        Type rdType = inst.rd ? regType(inst.rd) : Type();
        Operation *op = nullptr;
        switch (format) {
        case Format::RegReg:
          op = create(loc, name, {read(inst.rs1), read(inst.rs2)}, {rdType});
          break;
        case Format::RegImm:
        case Format::Load:
          op = create(loc, name, {read(inst.rs1)}, {rdType},
                      {i64("imm", inst.imm)});
          break;
        case Format::Unary:
          op = create(loc, name, {read(inst.rs1)}, {rdType});
          break;
        case Format::Lui:
          op = create(loc, name, {}, {rdType}, {i64("imm", inst.imm)});
          break;
        case Format::Auipc:
          op = create(loc, name, {}, {rdType},
                      {i64("imm", inst.imm), i64("pc", pc)});
          break;
        case Format::Store:
          op = create(loc, name, {read(inst.rs2), read(inst.rs1)}, {},
                      {i64("imm", inst.imm)});
          break;
        case Format::CondMov:
          op =
              create(loc, name, {read(inst.rs1), read(inst.rs2), read(inst.rd)},
                     {rdType});
          break;
        case Format::CsrReg:
          op = create(loc, name, {read(inst.rs1)}, {rdType},
                      {i64("csr", inst.imm)});
          break;
        case Format::CsrImm:
          op = create(loc, name, {}, {rdType},
                      {i64("csr", inst.imm), i64("uimm", inst.imm2)});
          break;
        case Format::Fence:
          create(loc, name, {}, {},
                 {i64("pred", inst.imm), i64("succ", inst.imm2)});
          break;
        case Format::FenceI:
          create(loc, name, {}, {});
          break;
        case Format::Ecall: {
          Operation *ecall = create(loc, name, readAll(abi::kEcallUses),
                                    typesOf(abi::kEcallDefs));
          defineAll(ecall, abi::kEcallDefs);
          break;
        }
        default:
          return emitError(loc) << "internal error: unexpected instruction "
                                << decoder.disassemble(inst.word, pc);
        }
        if (op && op->getNumResults() == 1)
          values[inst.rd] = op->getResult(0);
        continue;
      }
      }

      // The block's terminator.
      switch (block.exit) {
      case BlockExit::Branch: {
        llvm::SmallVector<Value> operands = {read(inst.rs1), read(inst.rs2)};
        auto taken = edgeOperands(block.target);
        auto next = edgeOperands(block.next);
        llvm::append_range(operands, taken);
        llvm::append_range(operands, next);
        create(loc, getOpName(inst.opcode), operands, {},
               {attr("operandSegmentSizes",
                     builder.getDenseI32ArrayAttr(
                         {1, 1, int32_t(taken.size()), int32_t(next.size())}))},
               {blocks[block.target], blocks[block.next]});
        break;
      }
      case BlockExit::Jump:
        create(loc, "riscv.jal", edgeOperands(block.target), {}, {},
               {blocks[block.target]});
        break;
      case BlockExit::Tail:
        create(loc, "riscv.tail", readAll(abi::kTailUses), {},
               {attr("callee", calleeName(block.target))});
        break;
      case BlockExit::Return:
      case BlockExit::IndirectJump:
      case BlockExit::Switch: {
        // Switch targets take the `uses` value of each register they need.
        RegSet uses = block.exit == BlockExit::Return         ? abi::kReturnUses
                      : block.exit == BlockExit::IndirectJump ? abi::kAll
                                                              : RegSet(0);
        llvm::SmallVector<Block *> targets;
        for (uint64_t target : block.targets) {
          uses |= liveness[target].liveIn;
          targets.push_back(blocks[target]);
        }
        llvm::SmallVector<Value, 16> operands = {read(inst.rs1)};
        llvm::append_range(operands, readAll(uses));
        create(loc, "riscv.jalr", operands, {}, {i64("imm", inst.imm)},
               targets);
        break;
      }
      case BlockExit::Trap:
        create(loc,
               inst.opcode == Opcode::Ebreak ? "riscv.ebreak" : "riscv.unimp",
               {}, {});
        break;
      default:
        break;
      }
    }

    // Blocks that end without a control-flow instruction.
    if (block.exit == BlockExit::FallThrough)
      create(loc, "riscv.jal", edgeOperands(block.next), {}, {},
             {blocks[block.next]});
    else if (block.exit == BlockExit::NoInstruction)
      create(locAt(block.next), "riscv.unimp", {}, {});
    else if (block.exit == BlockExit::FallIntoFunction)
      create(loc, "riscv.tail", readAll(abi::kTailUses), {},
             {attr("callee", calleeName(block.next))});
    if (failedRead)
      return failure();
  }
  return success();
}

void Importer::buildCodePointers() {
  for (const DataCodePointer &pointer : image.codePointers) {
    const RecoveredFunction *preferred = nullptr;
    if (pointer.base) {
      auto key = program.tableOfPointer.find(pointer.address);
      auto dispatcher = program.tableDispatcher.find(
          key == program.tableOfPointer.end() ? 0 : key->second);
      if (dispatcher != program.tableDispatcher.end())
        preferred = &program.functions.at(dispatcher->second);
    }
    const RecoveredFunction *owner = functionFor(pointer.target, preferred);
    if (!owner) {
      emitWarning(fileLoc) << "code address " << hex(pointer.target)
                           << " stored at " << hex(pointer.address)
                           << " is not in any recovered function; left as is";
      continue;
    }
    llvm::SmallVector<NamedAttribute> attrs = {
        attr("function", FlatSymbolRefAttr::get(context, owner->name)),
        i64("target", pointer.target), i64("address", pointer.address),
        i64("size", pointer.size)};
    if (pointer.base)
      attrs.push_back(i64("base", *pointer.base));
    create(fileLoc, "riscv.code_pointer", {}, {}, attrs);
  }
}

OwningOpRef<ModuleOp> Importer::run() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  OperationState programState(fileLoc, "riscv.program");
  programState.addAttribute(
      "entry",
      FlatSymbolRefAttr::get(context, program.functions.at(image.entry).name));
  programState.addRegion();
  Region *body = &builder.create(programState)->getRegion(0);
  body->push_back(new Block());
  builder.setInsertionPointToEnd(&body->front());

  emitNotes();
  std::set<std::string> usedNames;
  for (const auto &[entry, function] : program.functions)
    usedNames.insert(function.name);
  buildSegments(usedNames);
  for (const auto &[entry, function] : program.functions) {
    builder.setInsertionPointToEnd(&body->front());
    if (failed(buildFunction(function)))
      return {};
  }
  builder.setInsertionPointToEnd(&body->front());
  buildCodePointers();
  if (failed(verify(*module)))
    return {};
  return module;
}

OwningOpRef<ModuleOp> grey::importRISCVELF(llvm::MemoryBufferRef buffer,
                                           MLIRContext *context) {
  context->getOrLoadDialect<riscv::RISCVDialect>();
  StringRef fileName = buffer.getBufferIdentifier();
  Location fileLoc = FileLineColLoc::get(context, fileName, 0, 0);

  auto image = readRISCVELF(buffer);
  if (!image) {
    emitError(fileLoc) << "cannot import " << fileName << ": "
                       << llvm::toString(image.takeError());
    return {};
  }
  auto decoder = Decoder::create();
  if (!decoder) {
    emitError(fileLoc) << llvm::toString(decoder.takeError());
    return {};
  }
  if (!image->hasRelocations &&
      llvm::any_of(image->dataSections,
                   [](const Section &section) { return section.size != 0; })) {
    emitError(fileLoc) << "cannot import " << fileName
                       << ": it has data but no relocations, so code "
                          "addresses stored in data cannot be found; link "
                          "with --emit-relocs";
    return {};
  }

  RecoveryError error;
  std::optional<RecoveredProgram> program =
      recoverFunctions(*image, **decoder, error);
  if (!program) {
    std::string pc;
    llvm::raw_string_ostream(pc) << "pc:" << hex(error.address);
    emitError(FusedLoc::get(
        context, {NameLoc::get(StringAttr::get(context, pc)), fileLoc}))
        << error.message;
    return {};
  }
  return Importer(context, fileName, *image, *program, **decoder).run();
}

void grey::registerImportRISCVELFTranslation() {
  TranslateToMLIRRegistration importELF(
      "import-riscv-elf",
      "import a RISC-V rv64em ELF executable into the riscv dialect",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        OwningOpRef<ModuleOp> module =
            importRISCVELF(buffer->getMemBufferRef(), context);
        return OwningOpRef<Operation *>(module.release());
      },
      [](DialectRegistry &registry) {
        registry.insert<riscv::RISCVDialect>();
      });
}
