//===- OpInstruction.cpp - the instruction a pvm op encodes as ------------===//

#include "grey/Target/Blob/OpInstruction.h"

#include "OpFields.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace grey;
using blob::Instruction;

namespace {

llvm::Error cannotEncode(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The register `value` is encoded with.
llvm::Expected<uint8_t> regOf(Value value, StringRef role,
                              blob::RegisterAssignment registerOf) {
  if (std::optional<uint8_t> reg = registerOf(value))
    return *reg;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "cannot encode: " << role << " has type '" << value.getType()
     << "', not an allocated register";
  return cannotEncode(text);
}

/// Fills registers and immediates of `inst` from `op`; targets come later.
llvm::Error fillFields(Operation *op, Instruction &inst,
                       blob::RegisterAssignment registerOf) {
  using pvm::Format;
  auto regName = op->getName().getRegisteredInfo();
  auto [xName, yName] = blob::detail::immediateAttrNames(*regName, inst.format);
  auto immediate = [&](StringRef name) -> uint64_t {
    auto attr = op->getAttrOfType<IntegerAttr>(name);
    int64_t value = attr ? attr.getInt() : 0;
    // Absolute addresses may be written unsigned; the machine sees lo32
    // sign-extended (pvm-isa.md §3.2).
    if (inst.format != Format::OneRegExtImm && value > INT32_MAX &&
        value <= int64_t(UINT32_MAX))
      value = int32_t(uint32_t(value));
    return uint64_t(value);
  };
  if (!xName.empty())
    inst.immX = immediate(xName);
  if (!yName.empty())
    inst.immY = immediate(yName);
  // Field widths an imported blob used (verified by the dialect).
  if (auto widths = op->getAttrOfType<DenseI32ArrayAttr>(pvm::kWidthsAttrName))
    for (auto [field, width] : llvm::zip_equal(
             pvm::variableWidthFields(inst.format), widths.asArrayRef()))
      (field == pvm::WidthField::ImmX   ? inst.immXWidth
       : field == pvm::WidthField::ImmY ? inst.immYWidth
                                        : inst.offsetWidth) = uint8_t(width);

  auto reg = [&](Value value, StringRef role, uint8_t &field) -> llvm::Error {
    llvm::Expected<uint8_t> r = regOf(value, role, registerOf);
    if (!r)
      return r.takeError();
    field = *r;
    return llvm::Error::success();
  };
  auto regs = [&](std::initializer_list<std::tuple<Value, StringRef, uint8_t &>>
                      fields) -> llvm::Error {
    for (auto [value, role, field] : fields)
      if (llvm::Error error = reg(value, role, field))
        return error;
    return llvm::Error::success();
  };
  bool hasResult = op->getNumResults() > 0;
  switch (inst.format) {
  case Format::NoArgs:
  case Format::OneImm:
  case Format::TwoImm:
  case Format::OneOffset:
    return llvm::Error::success();
  case Format::OneRegExtImm:
  case Format::OneRegOneImm:
  case Format::OneRegTwoImm:
  case Format::OneRegImmOffset:
    return hasResult ? reg(op->getResult(0), "result", inst.regA)
                     : reg(op->getOperand(0), "operand #0", inst.regA);
  case Format::TwoReg:
    return regs({{op->getResult(0), "result", inst.regD},
                 {op->getOperand(0), "operand #0", inst.regA}});
  case Format::TwoRegOneImm:
    if (hasResult)
      return regs({{op->getResult(0), "result", inst.regA},
                   {op->getOperand(0), "operand #0", inst.regB}});
    return regs({{op->getOperand(0), "operand #0", inst.regA},
                 {op->getOperand(1), "operand #1", inst.regB}});
  case Format::TwoRegOneOffset:
    return regs({{op->getOperand(0), "operand #0", inst.regA},
                 {op->getOperand(1), "operand #1", inst.regB}});
  case Format::TwoRegTwoImm:
    return regs({{op->getResult(0), "result", inst.regA},
                 {op->getOperand(0), "operand #0", inst.regB}});
  case Format::ThreeReg:
    return regs({{op->getOperand(0), "operand #0", inst.regA},
                 {op->getOperand(1), "operand #1", inst.regB},
                 {op->getResult(0), "result", inst.regD}});
  }
  llvm_unreachable("unknown format");
}

/// The jump-table address of a call's return site (its continuation starts
/// with the entry, as the call op's verifier ensures).
uint64_t returnAddress(Block *continuation) {
  auto entry = cast<pvm::JumpTableEntryOp>(continuation->front());
  return 2 * (uint64_t(entry.getIndex()) + 1);
}

/// The instruction a call op is written as: `load_imm_jump` (call),
/// `jump` (tail call) or `load_imm_jump_ind` (indirect call).
llvm::Error fillCallFields(Operation *op, Instruction &inst,
                           blob::RegisterAssignment registerOf) {
  using pvm::Format;
  if (isa<pvm::TailCallOp>(op)) {
    inst.opcode = pvm::JumpOp::kOpcode;
    inst.format = Format::OneOffset;
    return llvm::Error::success();
  }
  llvm::Expected<uint8_t> link = regOf(op->getResult(0), "link", registerOf);
  if (!link)
    return link.takeError();
  inst.regA = *link;
  inst.immX = returnAddress(op->getSuccessor(0));
  if (auto call = dyn_cast<pvm::CallIndirectOp>(op)) {
    llvm::Expected<uint8_t> target = regOf(call.getTarget(), "target", registerOf);
    if (!target)
      return target.takeError();
    inst.opcode = pvm::LoadImmJumpIndOp::kOpcode;
    inst.format = Format::TwoRegTwoImm;
    inst.regB = *target;
    inst.immY = uint64_t(int64_t(call.getOffset()));
    return llvm::Error::success();
  }
  inst.opcode = pvm::LoadImmJumpOp::kOpcode;
  inst.format = Format::OneRegImmOffset;
  return llvm::Error::success();
}

} // namespace

std::optional<uint8_t> blob::allocatedRegister(Value value) {
  auto type = dyn_cast<pvm::RegType>(value.getType());
  if (!type || !type.isAllocated())
    return std::nullopt;
  return uint8_t(*type.getReg());
}

bool blob::emitsNoCode(Operation *op) {
  return isa<pvm::JumpTableEntryOp, pvm::GetRegisterOp>(op);
}

unsigned blob::instructionCount(Block *block) {
  return llvm::count_if(*block, [](Operation &op) { return !emitsNoCode(&op); });
}

llvm::Expected<Instruction> blob::instructionFor(Operation *op,
                                                 RegisterAssignment registerOf) {
  Instruction inst;
  if (isa<pvm::CallOp, pvm::TailCallOp, pvm::CallIndirectOp>(op)) {
    if (llvm::Error error = fillCallFields(op, inst, registerOf))
      return std::move(error);
    return inst;
  }
  auto iface = dyn_cast<pvm::InstructionOpInterface>(op);
  if (!iface)
    return cannotEncode("cannot be encoded: not a PVM instruction");
  inst.opcode = uint8_t(iface.getOpcode());
  inst.format = iface.getFormat();
  if (llvm::Error error = fillFields(op, inst, registerOf))
    return std::move(error);
  return inst;
}

static_assert(pvm::kOpcodeTable[blob::kNotAnInstruction].name.empty(),
              "kNotAnInstruction must not be a PVM opcode");

Instruction blob::instructionOrUnknown(Operation *op) {
  llvm::Expected<Instruction> inst = instructionFor(op);
  if (inst)
    return *inst;
  llvm::consumeError(inst.takeError());
  Instruction unknown;
  unknown.opcode = kNotAnInstruction;
  return unknown;
}
