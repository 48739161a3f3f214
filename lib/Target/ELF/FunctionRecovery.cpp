//===- FunctionRecovery.cpp - functions and blocks of an ELF --------------===//
//
// Recursive descent from the entry point, symbols, call targets and code
// addresses found in data. auipc/lui pairs are resolved by tracking known
// register values within a block; switch tables by a dataflow over the
// registers and stack slots that hold a table's address.
//
//===----------------------------------------------------------------------===//

#include "FunctionRecovery.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <set>

using namespace grey::elf;

static std::string hex(uint64_t value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex(value, 0);
  return text;
}

static std::string hexWord(uint32_t word) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex(word, 10);
  return text;
}

/// A register's switch table on a path the dataflow has not seen yet.
static constexpr uint64_t kUnseenTable = ~uint64_t(0);

namespace {

/// Code addresses stored in one table that some `jalr x0` dispatches on.
struct SwitchTable {
  uint64_t key = 0;            // relative: the base; absolute: first slot
  uint64_t begin = 0, end = 0; // absolute: the slots' range
  bool relative = false;
  std::vector<uint64_t> targets; // distinct, in slot order
};

/// What is known about registers while walking a block in order.
struct ScanState {
  /// Values computed by auipc/lui and their addi/addiw partners.
  std::array<std::optional<uint64_t>, 16> known;
  /// The switch table a register's value is derived from.
  std::array<std::optional<uint64_t>, 16> table;
  /// Whether a known value may be a code address: it comes from an auipc,
  /// or from a lui whose relocation names code.
  std::array<bool, 16> codeCapable{};
  /// Switch tables spilled to the stack, by sp offset: LLVM spills a table
  /// address hoisted out of a loop around the calls in the loop.
  std::map<int64_t, uint64_t> spilled;
  /// The dataflow has not reached here yet: any slot may hold any table.
  bool spillsUnseen = false;

  void clear(RegSet regs) {
    for (unsigned r = 1; r < 16; ++r)
      if (regs & abi::reg(r)) {
        known[r].reset();
        table[r].reset();
      }
  }
};

/// The outcome of one instruction.
struct StepResult {
  Action action = Action::Instruction;
  uint64_t value = 0;
  bool endsBlock = false;
  BlockExit exit = BlockExit::FallThrough;
  uint64_t target = 0;
  const SwitchTable *table = nullptr;
};

class Recovery {
public:
  Recovery(const ELFImage &image, const Decoder &decoder, RecoveryError &error)
      : image(image), decoder(decoder), error(error) {}

  std::optional<RecoveredProgram> run();

private:
  bool fail(uint64_t address, const llvm::Twine &message) {
    if (!failed)
      error = {address, message.str()};
    failed = true;
    return false;
  }
  void note(uint64_t address, RecoveryNote::Severity severity,
            const llvm::Twine &message) {
    notes.insert({address, severity, message.str()});
  }
  void warnTrap(uint64_t address, const llvm::Twine &message) {
    note(address, RecoveryNote::Severity::Warning,
         message + "; translated as a trap");
  }

  /// True if a whole, aligned instruction word of code is at `address`.
  bool isInstructionAddress(uint64_t address) const {
    return address % 4 == 0 && image.fetchWord(address);
  }
  /// The instruction at `address`, or null if none of the target can run
  /// there (a word it cannot execute is noted as a warning).
  const Instruction *instructionAt(uint64_t address);
  std::string describe(const Instruction &inst, llvm::StringRef why) const;
  std::optional<std::string> whyUntranslatable(const Instruction &inst) const;
  void addEntry(uint64_t address);
  void addCodeAddress(uint64_t address);
  std::optional<uint64_t> enclosingSizedFunction(uint64_t address) const;
  const SwitchTable *tableForValue(uint64_t value) const;
  const SwitchTable *dispatchedTable(const ScanState &state,
                                     unsigned reg) const;
  StepResult step(const Instruction &inst, ScanState &state, uint64_t entry);
  bool recoverFunction(uint64_t entry, RecoveredProgram &program);
  void nameFunctions(RecoveredProgram &program) const;

  const ELFImage &image;
  const Decoder &decoder;
  RecoveryError &error;
  bool failed = false;
  std::set<RecoveryNote> notes;

  std::unordered_map<uint64_t, Instruction> decoded;
  /// Words the target cannot execute, with the reason.
  std::unordered_map<uint64_t, std::string> untranslatable;
  std::set<uint64_t> entries;
  std::vector<uint64_t> entryWorklist;
  std::set<uint64_t> labels;
  std::map<uint64_t, uint64_t> sizedFunctions; // start -> end
  std::vector<SwitchTable> tables;
  std::unordered_map<uint64_t, size_t> tableIndex; // key -> tables index
  /// Instructions some recovered function contains.
  std::unordered_set<uint64_t> everVisited;
  /// Set when a new label or entry may change functions already recovered.
  bool needsAnotherPass = false;
};

} // namespace

/// `unimp` is `csrrw x0, cycle, x0`.
static bool isUnimp(const Instruction &inst) {
  return inst.opcode == Opcode::Csrrw && inst.rd == 0 && inst.rs1 == 0 &&
         inst.imm == 0xC00;
}

static bool isUnavailable(unsigned reg) { return reg == 3 || reg == 4; }

static std::string noRegisterFor(unsigned reg) {
  return std::string("PVM has no register for ") + (reg == 3 ? "gp" : "tp");
}

std::string Recovery::describe(const Instruction &inst,
                               llvm::StringRef why) const {
  return "unsupported instruction at " + hex(inst.address) + ": " +
         hexWord(inst.word) + " (" +
         decoder.disassemble(inst.word, inst.address) + "); " + why.str();
}

/// Why PVM cannot run `inst` although the decoder accepts it, if so. Reads
/// of gp and tp depend on what is known there (unavailableRead).
std::optional<std::string>
Recovery::whyUntranslatable(const Instruction &inst) const {
  Format format = inst.format();
  if (format == Format::CsrReg || format == Format::CsrImm)
    return isUnimp(inst) ? std::nullopt
                         : std::optional(describe(inst, "PVM has no CSRs"));
  // A call linking gp or tp.
  if ((format == Format::Jal || format == Format::Jalr) &&
      isUnavailable(inst.rd))
    return describe(inst, noRegisterFor(inst.rd));
  return std::nullopt;
}

/// gp or tp if the op `inst` becomes reads one: a read whose value the
/// recovery knows (an auipc/lui pair, a jump through a known address) is
/// resolved instead.
static std::optional<unsigned> unavailableRead(const Instruction &inst,
                                               const StepResult &result) {
  llvm::SmallVector<unsigned, 3> reads;
  Format format = inst.format();
  if (result.action == Action::Instruction) {
    if (format == Format::RegReg || format == Format::Store)
      reads = {inst.rs1, inst.rs2};
    else if (format == Format::RegImm || format == Format::Unary ||
             format == Format::Load)
      reads = {inst.rs1};
    else if (format == Format::CondMov)
      reads = {inst.rs1, inst.rs2, inst.rd};
  } else if (result.action == Action::CallIndirect) {
    reads = {inst.rs1};
  } else if (result.action == Action::Terminator) {
    if (result.exit == BlockExit::Branch)
      reads = {inst.rs1, inst.rs2};
    else if (result.exit == BlockExit::Return ||
             result.exit == BlockExit::IndirectJump ||
             result.exit == BlockExit::Switch)
      reads = {inst.rs1};
  }
  for (unsigned r : reads)
    if (isUnavailable(r))
      return r;
  return std::nullopt;
}

const Instruction *Recovery::instructionAt(uint64_t address) {
  auto it = decoded.find(address);
  if (it != decoded.end())
    return &it->second;
  if (!isInstructionAddress(address))
    return nullptr; // whoever leads here says why
  auto reason = untranslatable.find(address);
  if (reason == untranslatable.end()) {
    auto inst = decoder.decode(*image.fetchWord(address), address);
    std::optional<std::string> why;
    if (!inst)
      why = llvm::toString(inst.takeError());
    else
      why = whyUntranslatable(*inst);
    if (!why)
      return &decoded.try_emplace(address, *inst).first->second;
    reason = untranslatable.try_emplace(address, *why).first;
  }
  warnTrap(address, reason->second);
  return nullptr;
}

void Recovery::addEntry(uint64_t address) {
  if (!entries.insert(address).second)
    return;
  entryWorklist.push_back(address);
  // A function already recovered may have taken this address as its own.
  if (everVisited.contains(address))
    needsAnotherPass = true;
}

std::optional<uint64_t>
Recovery::enclosingSizedFunction(uint64_t address) const {
  auto it = sizedFunctions.upper_bound(address);
  if (it == sizedFunctions.begin())
    return std::nullopt;
  --it;
  if (address > it->first && address < it->second)
    return it->first;
  return std::nullopt;
}

void Recovery::addCodeAddress(uint64_t address) {
  if (entries.count(address))
    return;
  // Inside a function the symbol table sizes: a label there (a switch case,
  // a computed goto). Elsewhere: a function of its own.
  if (enclosingSizedFunction(address)) {
    if (labels.insert(address).second)
      needsAnotherPass = true;
    return;
  }
  addEntry(address);
}

/// The switch table `jalr x0, (reg)` dispatches on, if `reg` is derived from
/// one whose targets are all blocks. A jump through a table of functions
/// (`return table[i](x)`) is a computed tail call instead.
const SwitchTable *Recovery::dispatchedTable(const ScanState &state,
                                             unsigned reg) const {
  if (!state.table[reg] || *state.table[reg] == kUnseenTable)
    return nullptr;
  auto index = tableIndex.find(*state.table[reg]);
  if (index == tableIndex.end())
    return nullptr;
  const SwitchTable &table = tables[index->second];
  if (llvm::any_of(table.targets,
                   [&](uint64_t target) { return entries.count(target); }))
    return nullptr;
  return &table;
}

const SwitchTable *Recovery::tableForValue(uint64_t value) const {
  auto it = tableIndex.find(value);
  if (it != tableIndex.end())
    return &tables[it->second];
  for (const SwitchTable &table : tables)
    if (!table.relative && value >= table.begin && value < table.end)
      return &table;
  return nullptr;
}

static int64_t signExtend32(uint64_t value) {
  return llvm::SignExtend64<32>(value);
}

StepResult Recovery::step(const Instruction &inst, ScanState &state,
                          uint64_t entry) {
  StepResult result;
  uint64_t pc = inst.address;
  auto known = [&](unsigned r) -> std::optional<uint64_t> {
    return r == 0 ? std::nullopt : state.known[r];
  };
  auto endWith = [&](BlockExit exit, uint64_t target = 0) {
    result.action = Action::Terminator;
    result.endsBlock = true;
    result.exit = exit;
    result.target = target;
  };
  // A transfer to where no instruction is faults there: jump to a trap.
  auto leadsNowhere = [&](llvm::StringRef what, uint64_t target) {
    if (isInstructionAddress(target) || entries.count(target))
      return false;
    warnTrap(pc, what + " at " + hex(pc) + " to " + hex(target) +
                     ", which is not an instruction in an executable section");
    return true;
  };
  // A control transfer to `target` that links no register.
  auto jumpTo = [&](uint64_t target) {
    if (leadsNowhere("jump", target))
      endWith(BlockExit::Jump, target);
    else if (entries.count(target) && target != entry)
      endWith(BlockExit::Tail, target);
    else
      endWith(BlockExit::Jump, target);
  };
  auto callTo = [&](uint64_t target) {
    // The link it writes cannot be seen: the callee traps at once.
    if (leadsNowhere("call", target)) {
      endWith(BlockExit::Jump, target);
      return;
    }
    addEntry(target);
    result.action = Action::Call;
    result.value = target;
  };

  std::optional<uint64_t> newKnown;
  bool newCodeCapable = false;
  switch (inst.format()) {
  case Format::Auipc: {
    if (!image.hasRelocations)
      fail(pc, "auipc at " + hex(pc) +
                   " needs relocations to tell code from data addresses; "
                   "link with --emit-relocs");
    uint64_t value = pc + signExtend32(uint64_t(inst.imm) << 12);
    newKnown = value;
    // A data address is exact as a constant; half of a code address is
    // meaningless, so keep the raw auipc (its partner becomes code_addr).
    // An auipc without a relocation is half of a reference the assembler
    // resolved within its own section, i.e. to code; its upper half alone
    // may point past the end of the code, so the partner decides.
    auto hi = image.hiTargets.find(pc);
    bool pairIsCode = hi != image.hiTargets.end()
                          ? image.isCode(hi->second)
                          : !image.gotLoads.contains(pc);
    newCodeCapable = pairIsCode;
    if (!pairIsCode) {
      result.action = Action::Constant;
      result.value = value;
    }
    break;
  }
  case Format::Lui: {
    newKnown = uint64_t(signExtend32(uint64_t(inst.imm) << 12));
    // Without an R_RISCV_HI20 naming code, a lui builds a plain number.
    auto hi = image.hiTargets.find(pc);
    newCodeCapable = hi != image.hiTargets.end() && image.isCode(hi->second);
    break;
  }
  case Format::RegImm:
    if ((inst.opcode == Opcode::Addi || inst.opcode == Opcode::Addiw) &&
        known(inst.rs1)) {
      uint64_t value = *known(inst.rs1) + inst.imm;
      if (inst.opcode == Opcode::Addiw)
        value = signExtend32(value);
      newKnown = value;
      newCodeCapable = state.codeCapable[inst.rs1];
      if (newCodeCapable && image.isCode(value)) {
        addCodeAddress(value);
        result.action = Action::CodeAddress;
      } else {
        result.action = Action::Constant;
      }
      result.value = value;
    }
    break;
  case Format::Branch: {
    uint64_t target = inst.target();
    (void)leadsNowhere("branch", target);
    endWith(BlockExit::Branch, target);
    return result;
  }
  case Format::Jal:
    if (inst.rd == 0) {
      jumpTo(inst.target());
      return result;
    }
    callTo(inst.target());
    state.clear(abi::kCallDefs | abi::reg(inst.rd));
    return result;
  case Format::Jalr: {
    // A base of x0 makes an absolute address; nothing else is known.
    std::optional<uint64_t> base =
        inst.rs1 == 0 ? std::optional<uint64_t>(0) : known(inst.rs1);
    if (inst.rd != 0) {
      if (base)
        callTo(*base + inst.imm);
      else
        result.action = Action::CallIndirect;
      state.clear(abi::kCallDefs | abi::reg(inst.rd));
      return result;
    }
    if (base) {
      jumpTo(*base + inst.imm);
    } else if (inst.rs1 == 1 && inst.imm == 0) {
      endWith(BlockExit::Return);
    } else if (const SwitchTable *table = dispatchedTable(state, inst.rs1)) {
      endWith(BlockExit::Switch);
      result.table = table;
    } else {
      endWith(BlockExit::IndirectJump);
    }
    return result;
  }
  case Format::Ebreak:
  case Format::Unimp:
    endWith(BlockExit::Trap);
    return result;
  case Format::CsrReg:
  case Format::CsrImm:
    // Only `unimp` gets here (whyUntranslatable).
    if (isUnimp(inst)) {
      endWith(BlockExit::Trap);
      return result;
    }
    break;
  case Format::Ecall:
    state.clear(abi::kEcallDefs);
    return result;
  default:
    break;
  }

  // Spills and reloads of switch-table addresses.
  constexpr unsigned kSP = 2;
  std::optional<uint64_t> reloadedTable;
  if (inst.format() == Format::Store && inst.rs1 == kSP) {
    for (auto it = state.spilled.begin(); it != state.spilled.end();)
      it = it->first > inst.imm - 8 && it->first < inst.imm + 8
               ? state.spilled.erase(it)
               : std::next(it);
    if (inst.opcode == Opcode::Sd && inst.rs2 != 0 && state.table[inst.rs2])
      state.spilled[inst.imm] = *state.table[inst.rs2];
  }
  if (inst.opcode == Opcode::Ld && inst.rs1 == kSP) {
    auto it = state.spilled.find(inst.imm);
    if (it != state.spilled.end())
      reloadedTable = it->second;
    else if (state.spillsUnseen)
      reloadedTable = kUnseenTable;
  }
  if (inst.rd == kSP) {
    state.spilled.clear();
    state.spillsUnseen = false;
  }

  // Ordinary instruction writing rd: update what is known about rd.
  if (inst.rd != 0 && inst.format() != Format::Store &&
      inst.format() != Format::Fence && inst.format() != Format::FenceI) {
    std::optional<uint64_t> newTable = reloadedTable;
    if (newKnown && !newTable)
      if (const SwitchTable *table = tableForValue(*newKnown))
        newTable = table->key;
    if (!newTable) {
      Format format = inst.format();
      bool derives = format == Format::RegReg || format == Format::RegImm ||
                     format == Format::Load;
      if (derives && inst.rs1 != 0 && state.table[inst.rs1])
        newTable = state.table[inst.rs1];
      if (!newTable && format == Format::RegReg) {
        if (inst.rs2 != 0 && state.table[inst.rs2])
          newTable = state.table[inst.rs2];
        for (unsigned r : {inst.rs1, inst.rs2})
          if (!newTable && known(r))
            if (const SwitchTable *table = tableForValue(*known(r)))
              newTable = table->key;
      }
    }
    state.known[inst.rd] = newKnown;
    state.codeCapable[inst.rd] = newCodeCapable;
    state.table[inst.rd] = newTable;
  }
  return result;
}

/// True if `inst` may be the last word of the code: a call or host call
/// that does not return.
static bool mayEndCode(const Instruction &inst, const StepResult &result) {
  return result.action == Action::Call ||
         result.action == Action::CallIndirect || inst.opcode == Opcode::Ecall;
}

/// The blocks of the same function `block` may continue in.
static llvm::SmallVector<uint64_t, 4>
successorsOf(const RecoveredBlock &block) {
  llvm::SmallVector<uint64_t, 4> successors;
  switch (block.exit) {
  case BlockExit::FallThrough:
    successors.push_back(block.next);
    break;
  case BlockExit::Branch:
    successors.append({block.target, block.next});
    break;
  case BlockExit::Jump:
    successors.push_back(block.target);
    break;
  case BlockExit::Switch:
    successors.append(block.targets.begin(), block.targets.end());
    break;
  default:
    break;
  }
  return successors;
}

bool Recovery::recoverFunction(uint64_t entry, RecoveredProgram &program) {
  RecoveredFunction function;
  function.entry = entry;
  std::set<uint64_t> leaders;
  std::vector<uint64_t> work;
  auto addLeader = [&](uint64_t address) {
    if (leaders.insert(address).second)
      work.push_back(address);
  };
  // Entered from data or a symbol, not by an edge that would say why.
  auto addStart = [&](uint64_t address) {
    if (!isInstructionAddress(address))
      warnTrap(address, "code address " + hex(address) +
                            " is not an aligned instruction in an "
                            "executable section");
    addLeader(address);
  };
  addStart(entry);
  auto sized = sizedFunctions.find(entry);
  if (sized != sizedFunctions.end())
    for (auto it = labels.upper_bound(entry);
         it != labels.end() && *it < sized->second; ++it)
      addStart(*it);

  // Find every reachable instruction and every block start. `traps` are
  // the block starts where no instruction can run.
  std::unordered_set<uint64_t> visited;
  std::set<uint64_t> traps;
  while (!work.empty()) {
    uint64_t address = work.back();
    work.pop_back();
    ScanState state;
    for (uint64_t walkStart = address;;) {
      if (visited.contains(address) || traps.count(address)) {
        leaders.insert(address);
        break;
      }
      if (address != walkStart && leaders.count(address))
        state = ScanState();
      const Instruction *inst = instructionAt(address);
      if (!inst) {
        traps.insert(address);
        leaders.insert(address);
        break;
      }
      visited.insert(address);
      everVisited.insert(address);
      StepResult result = step(*inst, state, entry);
      if (failed)
        return false;
      if (result.endsBlock) {
        switch (result.exit) {
        case BlockExit::Branch:
          addLeader(result.target);
          if (!isInstructionAddress(address + 4))
            note(address, RecoveryNote::Severity::Remark,
                 "branch at " + hex(address) +
                     " falls through past the end of the code; that path is "
                     "translated as a trap");
          addLeader(address + 4);
          break;
        case BlockExit::Jump:
          addLeader(result.target);
          break;
        case BlockExit::Switch:
          for (uint64_t target : result.table->targets)
            addLeader(target);
          break;
        default:
          break;
        }
        break;
      }
      uint64_t next = address + 4;
      if (entries.count(next) && next != entry)
        break;
      if (!isInstructionAddress(next)) {
        // A call that never returns (panic, exit) may end the code; other
        // paths off the end are dead, or the program would fault there.
        if (!mayEndCode(*inst, result))
          note(address, RecoveryNote::Severity::Remark,
               "execution falls through past the end of the code after " +
                   hex(address) + "; that path is translated as a trap");
        traps.insert(next);
        leaders.insert(next);
        break;
      }
      address = next;
    }
  }

  auto isBlock = [&](uint64_t address) {
    return traps.count(address) ||
           (visited.contains(address) && leaders.count(address));
  };
  // Cut the instructions into blocks, now that every block start is known.
  // `entryTables` says which registers hold a switch-table address on entry
  // to each block (LLVM hoists the table address out of loops).
  struct TableState {
    std::array<std::optional<uint64_t>, 16> table;
    std::map<int64_t, uint64_t> spilled;
    bool spillsUnseen = false;
    bool operator==(const TableState &other) const {
      return table == other.table && spilled == other.spilled &&
             spillsUnseen == other.spillsUnseen;
    }
  };
  std::unordered_map<uint64_t, TableState> entryTables;
  auto cutBlocks = [&]() -> bool {
    function.blocks.clear();
    for (uint64_t start : leaders) {
      if (!isBlock(start))
        continue;
      RecoveredBlock block;
      block.start = start;
      block.addressTaken = start != entry && labels.count(start);
      if (traps.count(start)) {
        block.exit = BlockExit::NoInstruction;
        block.next = start;
        function.blocks.emplace(start, std::move(block));
        continue;
      }
      ScanState state;
      auto in = entryTables.find(start);
      if (in != entryTables.end()) {
        state.table = in->second.table;
        state.spilled = in->second.spilled;
        state.spillsUnseen = in->second.spillsUnseen;
      }
      // A host call's slot: `li t0, N` earlier in the block (transpile-abi
      // §2); PVM has no host call with a slot computed at run time.
      bool slotIsConstant = false;
      for (uint64_t address = start;; address += 4) {
        const Instruction &inst = decoded.find(address)->second;
        StepResult result = step(inst, state, entry);
        if (failed)
          return false;
        if (inst.opcode == Opcode::Ecall && !slotIsConstant) {
          warnTrap(address, "host call at " + hex(address) +
                                " whose slot is not set by `li t0, N` in "
                                "its block");
          block.exit = BlockExit::NoInstruction;
          block.next = address;
          break;
        }
        constexpr unsigned kT0 = 5;
        if (result.action == Action::Call ||
            result.action == Action::CallIndirect)
          slotIsConstant = false;
        else if (inst.rd == kT0 && inst.format() != Format::Store &&
                 inst.format() != Format::Branch)
          slotIsConstant = result.action == Action::Constant ||
                           (inst.opcode == Opcode::Addi && inst.rs1 == 0);
        // A table whose cases were not all found here stays a plain jump.
        if (result.exit == BlockExit::Switch &&
            !llvm::all_of(result.table->targets, isBlock))
          result.exit = BlockExit::IndirectJump;
        if (std::optional<unsigned> reg = unavailableRead(inst, result)) {
          warnTrap(address, describe(inst, noRegisterFor(*reg)));
          block.exit = BlockExit::NoInstruction;
          block.next = address;
          break;
        }
        block.steps.push_back({inst, result.action, result.value});
        if (result.endsBlock) {
          block.exit = result.exit;
          block.target = result.target;
          block.next = address + 4;
          if (result.exit == BlockExit::Switch) {
            block.targets = result.table->targets;
            program.tableDispatcher.try_emplace(result.table->key, entry);
          }
          break;
        }
        uint64_t next = address + 4;
        if (entries.count(next) && next != entry) {
          block.exit = BlockExit::FallIntoFunction;
          block.next = next;
          break;
        }
        if (leaders.count(next)) {
          // Running into a trap: the trap ends this block.
          block.exit = traps.count(next) ? BlockExit::NoInstruction
                                         : BlockExit::FallThrough;
          block.next = next;
          break;
        }
        if (!visited.contains(next))
          return fail(address, "internal error: the block at " + hex(start) +
                                   " runs into an instruction not recovered");
      }
      // Phase one saw at least as much as this walk, so every successor is
      // a block.
      bool ok = true;
      switch (block.exit) {
      case BlockExit::FallThrough:
        ok = isBlock(block.next);
        break;
      case BlockExit::Branch:
        ok = isBlock(block.next) && isBlock(block.target);
        break;
      case BlockExit::Jump:
        ok = isBlock(block.target);
        break;
      default:
        break;
      }
      if (!ok)
        return fail(block.steps.back().inst.address,
                    "internal error: a successor of the block at " +
                        hex(start) + " was not recovered");
      function.blocks.emplace(start, std::move(block));
    }
    // Drop the blocks a trap cut off, and trap blocks only fall-throughs
    // reached (the trap is in their blocks now).
    std::set<uint64_t> reached;
    std::vector<uint64_t> reach = {entry};
    for (const auto &[start, block] : function.blocks)
      if (block.addressTaken)
        reach.push_back(start);
    while (!reach.empty()) {
      uint64_t start = reach.back();
      reach.pop_back();
      auto block = function.blocks.find(start);
      if (block == function.blocks.end() || !reached.insert(start).second)
        continue;
      llvm::append_range(reach, successorsOf(block->second));
    }
    std::erase_if(function.blocks, [&](const auto &entry) {
      return !reached.count(entry.first);
    });
    return true;
  };

  // Forward dataflow of switch-table addresses held in registers: a register
  // keeps its table on entry to a block only if every predecessor agrees.
  auto propagateTables = [&]() {
    std::unordered_map<uint64_t, TableState> outTables;
    std::unordered_map<uint64_t, llvm::SmallVector<uint64_t, 4>> predecessors;
    for (const auto &[start, block] : function.blocks)
      for (uint64_t successor : successorsOf(block))
        predecessors[successor].push_back(start);
    entryTables.clear();
    // The lattice per register is small (unseen, a table, none), so this
    // settles in a few sweeps; the bound only guards against a bug.
    for (unsigned sweep = 0, changed = true; changed && sweep < 64; ++sweep) {
      changed = false;
      for (const auto &[start, block] : function.blocks) {
        // Optimistic: a case block whose dispatch is not found yet, or a
        // predecessor not visited yet, contributes nothing (kUnseenTable).
        TableState in;
        if (start != entry) {
          in.table.fill(kUnseenTable);
          in.spillsUnseen = true;
        }
        auto preds = predecessors.find(start);
        if (start != entry && preds != predecessors.end()) {
          for (uint64_t pred : preds->second) {
            auto found = outTables.find(pred);
            if (found == outTables.end())
              continue;
            const TableState &out = found->second;
            for (unsigned r = 0; r < 16; ++r)
              if (in.table[r] == kUnseenTable)
                in.table[r] = out.table[r];
              else if (out.table[r] != kUnseenTable &&
                       in.table[r] != out.table[r])
                in.table[r].reset();
            if (in.spillsUnseen) {
              in.spilled = out.spilled;
              in.spillsUnseen = out.spillsUnseen;
            } else if (!out.spillsUnseen) {
              for (auto it = in.spilled.begin(); it != in.spilled.end();) {
                auto other = out.spilled.find(it->first);
                it = other == out.spilled.end() || other->second != it->second
                         ? in.spilled.erase(it)
                         : std::next(it);
              }
            }
          }
        }
        ScanState state;
        state.table = in.table;
        state.spilled = in.spilled;
        state.spillsUnseen = in.spillsUnseen;
        for (const DecodedStep &stepped : block.steps)
          step(stepped.inst, state, entry);
        entryTables[start] = in;
        TableState out{state.table, state.spilled, state.spillsUnseen};
        auto [it, inserted] = outTables.try_emplace(start, out);
        if (inserted || !(it->second == out)) {
          it->second = std::move(out);
          changed = true;
        }
      }
    }
  };

  if (!cutBlocks())
    return false;
  if (!tables.empty()) {
    // Newly found switches add edges, which may carry more tables.
    for (unsigned round = 0; round < 3; ++round) {
      size_t switches = llvm::count_if(function.blocks, [](const auto &entry) {
        return entry.second.exit == BlockExit::Switch;
      });
      propagateTables();
      if (!cutBlocks())
        return false;
      size_t after = llvm::count_if(function.blocks, [](const auto &entry) {
        return entry.second.exit == BlockExit::Switch;
      });
      if (after == switches)
        break;
    }
  }
  program.functions[entry] = std::move(function);
  return true;
}

void Recovery::nameFunctions(RecoveredProgram &program) const {
  // Prefer global functions, then local functions, then other symbols.
  auto rank = [](const Symbol &symbol) {
    return (symbol.isFunction ? 0 : 2) + (symbol.isGlobal ? 0 : 1);
  };
  std::unordered_map<uint64_t, const Symbol *> best;
  for (const Symbol &symbol : image.symbols) {
    const Symbol *&current = best[symbol.address];
    if (!current || rank(symbol) < rank(*current))
      current = &symbol;
  }
  std::set<std::string> used;
  for (auto &[entry, function] : program.functions) {
    std::string name;
    if (auto symbol = best.find(entry); symbol != best.end())
      name = symbol->second->name;
    else
      name = "fn_" + llvm::utohexstr(entry, /*LowerCase=*/true);
    if (used.count(name))
      name += "_" + llvm::utohexstr(entry, /*LowerCase=*/true);
    for (unsigned suffix = 1; used.count(name); ++suffix)
      name += "." + std::to_string(suffix);
    used.insert(name);
    function.name = name;
  }
}

std::optional<RecoveredProgram> Recovery::run() {
  if (!image.isCode(image.entry)) {
    fail(image.entry, "entry point " + hex(image.entry) +
                          " is not in an executable section");
    return std::nullopt;
  }
  entries.insert(image.entry);
  for (const Symbol &symbol : image.symbols) {
    if (symbol.isFunction && symbol.size > 0)
      sizedFunctions[symbol.address] = symbol.address + symbol.size;
    if (symbol.isFunction || symbol.isGlobal)
      entries.insert(symbol.address);
  }

  // Switch tables and stored function pointers.
  std::set<uint64_t> materialized;
  for (const auto &[pc, target] : image.hiTargets)
    materialized.insert(target);
  for (const DataCodePointer &pointer : image.codePointers) {
    if (pointer.base) {
      auto [it, inserted] =
          tableIndex.try_emplace(*pointer.base, tables.size());
      if (inserted) {
        tables.emplace_back();
        tables.back().key = *pointer.base;
        tables.back().relative = true;
      }
      SwitchTable &table = tables[it->second];
      if (!llvm::is_contained(table.targets, pointer.target))
        table.targets.push_back(pointer.target);
      if (!entries.count(pointer.target))
        labels.insert(pointer.target);
      continue;
    }
    // Consecutive absolute slots form one table (LLVM's non-PIC jump tables);
    // a lone slot is a table of one. Adjacent tables are told apart by the
    // addresses code materializes and by the functions their targets are in.
    bool startsTable = tables.empty() || tables.back().relative ||
                       tables.back().end != pointer.address ||
                       materialized.count(pointer.address) ||
                       enclosingSizedFunction(pointer.target) !=
                           enclosingSizedFunction(tables.back().targets.back());
    if (startsTable) {
      tableIndex[pointer.address] = tables.size();
      tables.emplace_back();
      tables.back().key = tables.back().begin = pointer.address;
    }
    SwitchTable &table = tables.back();
    table.end = pointer.address + pointer.size;
    if (!llvm::is_contained(table.targets, pointer.target))
      table.targets.push_back(pointer.target);
    addCodeAddress(pointer.target);
  }
  RecoveredProgram program;
  for (const DataCodePointer &pointer : image.codePointers) {
    uint64_t key = 0;
    if (pointer.base)
      key = *pointer.base;
    else if (const SwitchTable *table = tableForValue(pointer.address))
      key = table->key;
    program.tableOfPointer[pointer.address] = key;
  }

  // Recover until no new label or entry changes a recovered function.
  for (unsigned pass = 0; pass < 8; ++pass) {
    needsAnotherPass = false;
    program.functions.clear();
    notes.clear();
    program.tableDispatcher.clear();
    everVisited.clear();
    entryWorklist.assign(entries.begin(), entries.end());
    while (!entryWorklist.empty()) {
      uint64_t entry = entryWorklist.back();
      entryWorklist.pop_back();
      if (program.functions.count(entry))
        continue;
      if (!recoverFunction(entry, program))
        return std::nullopt;
    }
    if (!needsAnotherPass)
      break;
  }
  nameFunctions(program);
  program.notes = std::move(notes);
  return program;
}

std::optional<RecoveredProgram>
grey::elf::recoverFunctions(const ELFImage &image, const Decoder &decoder,
                            RecoveryError &error) {
  return Recovery(image, decoder, error).run();
}
