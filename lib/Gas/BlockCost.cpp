//===- BlockCost.cpp - gas blocks of a code blob and what they cost -------===//
//
// Block delimitation and single-pass charging per backend (gas-model.md
// §2.1, §5, §7), on instructions decoded by the blob decoder.
//
//===----------------------------------------------------------------------===//

#include "grey/Gas/BlockCost.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Target/Blob/InstructionDecoder.h"

using namespace grey;
using namespace grey::gas;
namespace ops = grey::pvm;

RawOperands gas::readRawOperands(llvm::ArrayRef<uint8_t> code, uint32_t pc,
                                 Backend backend) {
  const uint8_t missing = backend == Backend::Interpreter ? 12 : 0;
  uint64_t at = pc;
  RawOperands raw{missing, missing, missing};
  if (at + 1 < code.size()) {
    raw.a = code[at + 1] & 0x0F;
    raw.b = code[at + 1] >> 4;
  }
  if (at + 2 < code.size())
    raw.d = code[at + 2] & 0x0F;
  return raw;
}

bool gas::isColdBranchTarget(const blob::CodeBlob &code, uint64_t target) {
  if (target >= code.code.size() || target >= code.bitmask.size() ||
      !code.bitmask[target])
    return false;
  uint8_t op = code.code[target];
  return op == ops::TrapOp::kOpcode || op == ops::UnlikelyOp::kOpcode;
}

InstructionCost gas::instructionCost(const blob::CodeBlob &code,
                                     const blob::Instruction &inst,
                                     const CostOptions &options) {
  bool cold = inst.hasTarget() && isColdBranchTarget(code, inst.target);
  return instructionCost(inst.opcode,
                         readRawOperands(code.code, inst.pc, options.backend),
                         cold, options);
}

RawOperands gas::canonicalRawOperands(const blob::Instruction &inst) {
  switch (inst.format) {
  case pvm::Format::TwoReg:
    return {inst.regD, inst.regA, 0};
  case pvm::Format::ThreeReg:
    return {inst.regA, inst.regB, uint8_t(inst.regD & 0x0F)};
  case pvm::Format::TwoRegOneImm:
  case pvm::Format::TwoRegOneOffset:
  case pvm::Format::TwoRegTwoImm:
    return {inst.regA, inst.regB, 0};
  case pvm::Format::OneRegExtImm:
  case pvm::Format::OneRegOneImm:
  case pvm::Format::OneRegTwoImm:
  case pvm::Format::OneRegImmOffset:
    // The high nibble is 0 or an immediate length the model never reads.
    return {inst.regA, 0, 0};
  default:
    return {};
  }
}

InstructionCost gas::instructionCost(const blob::Instruction &inst,
                                     bool coldTarget,
                                     const CostOptions &options) {
  return instructionCost(inst.opcode, canonicalRawOperands(inst), coldTarget,
                         options);
}

uint64_t gas::singlePassCost(llvm::ArrayRef<InstructionCost> costs) {
  SinglePassSimulator sim;
  for (const InstructionCost &cost : costs)
    sim.feed(cost);
  return sim.blockCost();
}

/// Whether the interpreter ends a block after this opcode: the cost-table
/// terminators plus `ecall` (gas-model.md §2.1).
static bool endsBlock(uint8_t opcode, Backend backend) {
  if (backend == Backend::Interpreter && opcode == ops::EcallOp::kOpcode)
    return true;
  return pvm::lookupOpcode(opcode).isGasTerminator;
}

std::vector<uint8_t> gas::findGasBlockStarts(const blob::CodeBlob &code,
                                             Backend backend) {
  const size_t size = code.code.size();
  std::vector<uint8_t> starts(size, 0);
  if (size == 0)
    return starts;
  blob::Instruction inst;
  // PC 0 starts a block if an instruction starts there; the interpreter
  // also wants a valid opcode.
  blob::DecodeStatus first =
      blob::decodeInstruction(code.code, code.bitmask, 0, inst);
  if (first == blob::DecodeStatus::Ok ||
      (backend == Backend::Recompiler &&
       first == blob::DecodeStatus::InvalidOpcode))
    starts[0] = 1;
  for (uint32_t pc = 0; pc < size; ++pc) {
    if (blob::decodeInstruction(code.code, code.bitmask, pc, inst) !=
        blob::DecodeStatus::Ok)
      continue;
    if (!endsBlock(inst.opcode, backend))
      continue;
    uint64_t next = inst.nextPc();
    if (next < size && code.bitmask[next])
      starts[next] = 1;
  }
  return starts;
}

static bool isAdd64(const blob::Instruction &inst) {
  return inst.opcode == ops::Add64Op::kOpcode;
}

/// Whether insts[i..i+2] is the recompiler's scaled-index prefix
/// `D = A + A; D = D + D; X = B + D` (or `X = D + B`), returning X.
static std::optional<uint8_t>
matchScaledIndexPrefix(llvm::ArrayRef<blob::Instruction> insts, size_t i) {
  if (i + 3 > insts.size())
    return std::nullopt;
  const blob::Instruction &first = insts[i], &second = insts[i + 1],
                          &third = insts[i + 2];
  if (!isAdd64(first) || !isAdd64(second) || !isAdd64(third))
    return std::nullopt;
  uint8_t d = first.regD;
  if (first.regA != first.regB)
    return std::nullopt;
  if (second.regA != d || second.regB != d || second.regD != d)
    return std::nullopt;
  if (third.regA != d && third.regB != d)
    return std::nullopt;
  return third.regD;
}

/// Whether `inst` completes the fusion: an indirect load or store with base X
/// and offset 0.
static bool completesScaledIndex(const blob::Instruction &inst, uint8_t x) {
  bool isIndirect = inst.opcode >= ops::StoreIndU8Op::kOpcode &&
                    inst.opcode <= ops::LoadIndU64Op::kOpcode;
  return isIndirect && inst.regB == x && inst.immX == 0;
}

/// What the recompiler charges for a gas block's instructions with the
/// given cost rows: its peephole buffers the scaled-index prefix and, when
/// the fourth instruction does not complete it, feeds instructions 2-4 again
/// (gas-model.md §7 #7, example I2).
static uint64_t recompilerCost(llvm::ArrayRef<blob::Instruction> insts,
                               llvm::ArrayRef<InstructionCost> costs) {
  SinglePassSimulator sim;
  for (size_t i = 0; i < insts.size();) {
    std::optional<uint8_t> x = matchScaledIndexPrefix(insts, i);
    if (!x || i + 3 >= insts.size()) {
      sim.feed(costs[i]);
      ++i;
      continue;
    }
    for (size_t k = i; k < i + 4; ++k)
      sim.feed(costs[k]);
    if (!completesScaledIndex(insts[i + 3], *x))
      for (size_t k = i + 1; k < i + 4; ++k)
        sim.feed(costs[k]);
    i += 4;
  }
  return sim.blockCost();
}

uint64_t gas::gasBlockCost(const blob::CodeBlob &code, uint32_t start,
                           llvm::ArrayRef<uint8_t> starts,
                           const CostOptions &options) {
  const size_t size = code.code.size();
  const bool recompiler = options.backend == Backend::Recompiler;
  // Collect what the backend feeds, in order.
  std::vector<blob::Instruction> insts;
  std::vector<InstructionCost> costs;
  for (uint64_t pc = start; pc < size;) {
    if (pc != start && pc < starts.size() && starts[pc])
      break;
    blob::Instruction inst;
    blob::DecodeStatus status =
        blob::decodeInstruction(code.code, code.bitmask, pc, inst);
    if (status != blob::DecodeStatus::Ok) {
      // The interpreter feeds a default row; the recompiler nothing.
      if (!recompiler)
        costs.push_back(InstructionCost());
      pc += 1 + blob::skipLength(code.bitmask, pc);
      continue;
    }
    insts.push_back(inst);
    costs.push_back(instructionCost(code, inst, options));
    if (recompiler && endsBlock(inst.opcode, options.backend))
      break;
    pc = inst.nextPc();
  }
  if (!recompiler)
    return singlePassCost(costs);
  return recompilerCost(insts, costs);
}

uint64_t gas::straightLineCost(llvm::ArrayRef<blob::Instruction> insts,
                               const CostOptions &options) {
  std::vector<InstructionCost> costs;
  for (const blob::Instruction &inst : insts)
    costs.push_back(instructionCost(inst, /*coldTarget=*/false, options));
  if (options.backend == Backend::Interpreter)
    return singlePassCost(costs);
  return recompilerCost(insts, costs);
}

uint64_t gas::gasBlockCost(const blob::CodeBlob &code, uint32_t start,
                           const CostOptions &options) {
  return gasBlockCost(code, start, findGasBlockStarts(code, options.backend),
                      options);
}

std::vector<std::pair<uint32_t, uint64_t>>
gas::gasBlockCosts(const blob::CodeBlob &code, const CostOptions &options) {
  std::vector<uint8_t> starts = findGasBlockStarts(code, options.backend);
  std::vector<std::pair<uint32_t, uint64_t>> result;
  for (uint32_t pc = 0; pc < starts.size(); ++pc)
    if (starts[pc])
      result.emplace_back(pc, gasBlockCost(code, pc, starts, options));
  return result;
}
