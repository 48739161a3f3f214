//===- OpInstruction.cpp - the instruction a pvm op encodes as ------------===//

#include "grey/Target/Blob/OpInstruction.h"

#include "OpFields.h"

#include "grey/Dialect/PVM/PVMOps.h"

using namespace mlir;
using namespace grey;
using blob::Instruction;

namespace {

/// The register `value` is encoded with, or an error on `user`.
FailureOr<uint8_t> regOf(Operation *user, Value value, StringRef role,
                         blob::RegisterAssignment registerOf) {
  if (std::optional<uint8_t> reg = registerOf(value))
    return *reg;
  return user->emitError("cannot encode: ")
         << role << " has type " << value.getType()
         << ", not an allocated register";
}

/// Fills registers and immediates of `inst` from `op`; targets come later.
LogicalResult fillFields(Operation *op, Instruction &inst,
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

  auto reg = [&](Value value, StringRef role, uint8_t &field) {
    FailureOr<uint8_t> r = regOf(op, value, role, registerOf);
    if (failed(r))
      return failure();
    field = *r;
    return success();
  };
  bool hasResult = op->getNumResults() > 0;
  switch (inst.format) {
  case Format::NoArgs:
  case Format::OneImm:
  case Format::TwoImm:
  case Format::OneOffset:
    return success();
  case Format::OneRegExtImm:
  case Format::OneRegOneImm:
  case Format::OneRegTwoImm:
  case Format::OneRegImmOffset:
    return hasResult ? reg(op->getResult(0), "result", inst.regA)
                     : reg(op->getOperand(0), "operand #0", inst.regA);
  case Format::TwoReg:
    return success(succeeded(reg(op->getResult(0), "result", inst.regD)) &&
                   succeeded(reg(op->getOperand(0), "operand #0", inst.regA)));
  case Format::TwoRegOneImm:
    if (hasResult)
      return success(
          succeeded(reg(op->getResult(0), "result", inst.regA)) &&
          succeeded(reg(op->getOperand(0), "operand #0", inst.regB)));
    return success(succeeded(reg(op->getOperand(0), "operand #0", inst.regA)) &&
                   succeeded(reg(op->getOperand(1), "operand #1", inst.regB)));
  case Format::TwoRegOneOffset:
    return success(succeeded(reg(op->getOperand(0), "operand #0", inst.regA)) &&
                   succeeded(reg(op->getOperand(1), "operand #1", inst.regB)));
  case Format::TwoRegTwoImm:
    return success(succeeded(reg(op->getResult(0), "result", inst.regA)) &&
                   succeeded(reg(op->getOperand(0), "operand #0", inst.regB)));
  case Format::ThreeReg:
    return success(succeeded(reg(op->getOperand(0), "operand #0", inst.regA)) &&
                   succeeded(reg(op->getOperand(1), "operand #1", inst.regB)) &&
                   succeeded(reg(op->getResult(0), "result", inst.regD)));
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
LogicalResult fillCallFields(Operation *op, Instruction &inst,
                             blob::RegisterAssignment registerOf) {
  using pvm::Format;
  if (isa<pvm::TailCallOp>(op)) {
    inst.opcode = pvm::JumpOp::kOpcode;
    inst.format = Format::OneOffset;
    return success();
  }
  FailureOr<uint8_t> link = regOf(op, op->getResult(0), "link", registerOf);
  if (failed(link))
    return failure();
  inst.regA = *link;
  inst.immX = returnAddress(op->getSuccessor(0));
  if (auto call = dyn_cast<pvm::CallIndirectOp>(op)) {
    FailureOr<uint8_t> target =
        regOf(op, call.getTarget(), "target", registerOf);
    if (failed(target))
      return failure();
    inst.opcode = pvm::LoadImmJumpIndOp::kOpcode;
    inst.format = Format::TwoRegTwoImm;
    inst.regB = *target;
    inst.immY = uint64_t(int64_t(call.getOffset()));
    return success();
  }
  inst.opcode = pvm::LoadImmJumpOp::kOpcode;
  inst.format = Format::OneRegImmOffset;
  return success();
}

} // namespace

std::optional<uint8_t> blob::allocatedRegister(Value value) {
  auto type = dyn_cast<pvm::RegType>(value.getType());
  if (!type || !type.isAllocated())
    return std::nullopt;
  return uint8_t(*type.getReg());
}

FailureOr<Instruction> blob::instructionFor(Operation *op,
                                            RegisterAssignment registerOf) {
  Instruction inst;
  if (isa<pvm::CallOp, pvm::TailCallOp, pvm::CallIndirectOp>(op)) {
    if (failed(fillCallFields(op, inst, registerOf)))
      return failure();
    return inst;
  }
  auto iface = dyn_cast<pvm::InstructionOpInterface>(op);
  if (!iface)
    return op->emitError("cannot be encoded: not a PVM instruction");
  inst.opcode = uint8_t(iface.getOpcode());
  inst.format = iface.getFormat();
  if (failed(fillFields(op, inst, registerOf)))
    return failure();
  return inst;
}
