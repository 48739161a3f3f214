//===- Program.cpp - a code blob decoded once for execution ---------------===//
//
// Predecoding: instruction list, landing sites per backend (pvm-isa.md §5.3),
// jump table (§4.4) and per-block gas (gas-model.md §2.2).
//
//===----------------------------------------------------------------------===//

#include "grey/Interpreter/Program.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Gas/BlockCost.h"
#include "grey/Target/Blob/InstructionDecoder.h"

#include "llvm/Support/Endian.h"

using namespace grey;
using namespace grey::interp;
namespace ops = grey::pvm;

static_assert(pvm::kOpcodeTable[uint8_t(PseudoOp::Panic)].name.empty() &&
                  pvm::kOpcodeTable[uint8_t(PseudoOp::Skip)].name.empty() &&
                  pvm::kOpcodeTable[uint8_t(PseudoOp::EndOfCode)].name.empty(),
              "pseudo-ops must not collide with PVM opcodes");

/// The static targets the Rust interpreter's pre-scan accepts as landing
/// sites besides the gas-block starts: it reads a fixed 4-byte offset for
/// `jump` and the two-register branches (pvm-isa.md §5.3).
static std::vector<uint64_t> prescanTargets(const blob::CodeBlob &code) {
  std::vector<uint64_t> targets;
  auto fixedOffset = [&](uint64_t at) {
    uint8_t bytes[4] = {};
    for (unsigned i = 0; i < 4; ++i)
      if (at + i < code.code.size())
        bytes[i] = code.code[at + i];
    return uint64_t(int64_t(
        llvm::support::endian::read<int32_t, llvm::endianness::little>(bytes)));
  };
  for (uint32_t pc = 0; pc < code.code.size(); ++pc) {
    blob::Instruction inst;
    if (blob::decodeInstruction(code.code, code.bitmask, pc, inst) !=
        blob::DecodeStatus::Ok)
      continue;
    switch (pvm::lookupOpcode(inst.opcode).format) {
    case pvm::Format::OneOffset:
      targets.push_back(pc + fixedOffset(uint64_t(pc) + 1));
      break;
    case pvm::Format::TwoRegOneOffset:
      targets.push_back(pc + fixedOffset(uint64_t(pc) + 2));
      break;
    case pvm::Format::OneRegImmOffset:
      targets.push_back(inst.target);
      break;
    default:
      break;
    }
  }
  return targets;
}

llvm::Expected<Program> Program::build(const blob::CodeBlob &code,
                                       const ProgramOptions &options) {
  const bool recompiler = options.backend == gas::Backend::Recompiler;
  const size_t size = code.code.size();
  if (code.bitmask.size() != size)
    return llvm::createStringError("bitmask has %zu entries for %zu code bytes",
                                   code.bitmask.size(), size);
  if (size >= kPanicTarget)
    return llvm::createStringError("code of %zu bytes is too large", size);

  Program program;
  program.opts = options;
  program.pcToIndex.assign(size, kPanicTarget);
  std::vector<DecodedInst> &insts = program.insts;

  auto pushPseudo = [&](PseudoOp op, uint32_t pc) {
    DecodedInst inst;
    inst.opcode = uint8_t(op);
    inst.pc = pc;
    insts.push_back(inst);
  };

  // PC 0 must start an instruction (pvm-isa.md §2.1).
  if (size > 0 && !code.bitmask[0])
    pushPseudo(PseudoOp::Panic, 0);
  for (uint32_t pc = 0; pc < size; ++pc) {
    if (!code.bitmask[pc])
      continue;
    blob::Instruction inst;
    blob::DecodeStatus status =
        blob::decodeInstruction(code.code, code.bitmask, pc, inst);
    program.pcToIndex[pc] = uint32_t(insts.size());
    if (status == blob::DecodeStatus::InvalidOpcode) {
      // The kernel's interpreter steps over invalid opcodes; the recompiler
      // and the stepping interpreter panic (pvm-isa.md §8.2).
      pushPseudo(recompiler ? PseudoOp::Panic : PseudoOp::Skip, pc);
    } else {
      DecodedInst decoded;
      decoded.opcode = inst.opcode;
      decoded.regA = inst.regA;
      decoded.regB = inst.regB;
      decoded.regD = inst.regD;
      decoded.immX = inst.immX;
      decoded.immY = inst.immY;
      decoded.pc = pc;
      insts.push_back(decoded);
    }
    // A skip capped at 24 can land on a byte that starts nothing.
    uint64_t next = uint64_t(pc) + 1 + blob::skipLength(code.bitmask, pc);
    if (next < size && !code.bitmask[next])
      pushPseudo(PseudoOp::Panic, uint32_t(next));
  }
  // Falling off the end: the interpreter runs a sentinel `trap` charged 1;
  // the recompiler drops into its out-of-gas exit (pvm-isa.md §5.4).
  pushPseudo(PseudoOp::EndOfCode, uint32_t(size));
  if (!recompiler)
    insts.back().gasCost = 1;

  // Gas per block, stored on the block's first instruction.
  gas::CostOptions costOptions{options.memCycles, options.backend};
  std::vector<uint8_t> starts = gas::findGasBlockStarts(code, options.backend);
  for (uint32_t pc = 0; pc < size; ++pc) {
    if (!starts[pc])
      continue;
    uint64_t cost = gas::gasBlockCost(code, pc, starts, costOptions);
    if (cost > UINT32_MAX)
      return llvm::createStringError(
          "gas block at code offset %u costs more than 2^32 gas", pc);
    insts[program.pcToIndex[pc]].gasCost = uint32_t(cost);
  }

  // Landing sites: the recompiler only binds labels at gas-block starts; the
  // interpreter also accepts its pre-scan targets (pvm-isa.md §5.3).
  std::vector<uint8_t> landing = starts;
  if (!recompiler)
    for (uint64_t target : prescanTargets(code))
      if (target < size && code.bitmask[target])
        landing[target] = 1;
  auto resolve = [&](uint64_t target) {
    if (target >= size || !landing[target])
      return kPanicTarget;
    return program.pcToIndex[target];
  };

  for (DecodedInst &inst : insts) {
    if (inst.opcode == uint8_t(PseudoOp::Panic) ||
        inst.opcode == uint8_t(PseudoOp::Skip) ||
        inst.opcode == uint8_t(PseudoOp::EndOfCode))
      continue;
    blob::Instruction decoded;
    (void)blob::decodeInstruction(code.code, code.bitmask, inst.pc, decoded);
    if (!decoded.hasTarget())
      continue;
    uint64_t target = decoded.target;
    if (recompiler && target < size && code.bitmask[target] && !starts[target])
      return llvm::createStringError(
          "the instruction at code offset %u jumps to offset %llu, which is "
          "not a gas-block start (the recompiler refuses to compile this)",
          inst.pc, (unsigned long long)target);
    inst.target = resolve(target);
  }

  program.jumpTable.reserve(code.jumpTable.size());
  for (uint32_t entry : code.jumpTable)
    program.jumpTable.push_back(resolve(entry));
  return program;
}
