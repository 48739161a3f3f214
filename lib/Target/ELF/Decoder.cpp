//===- Decoder.cpp - RISC-V instruction words to decoded fields -----------===//
//
// Wraps LLVM's MC disassembler: one restricted to the JAVM target decodes,
// and one knowing every extension names the words the target rejects.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/ELF/Decoder.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstPrinter.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace grey::elf;
using llvm::Expected;

namespace {
struct OpcodeInfo {
  Format format;
  llvm::StringRef opName;
};
} // namespace

static const OpcodeInfo kOpcodeInfo[] = {
#define RISCV_INSTRUCTION(MCName, Name, Fmt, OpName) {Format::Fmt, OpName},
#include "grey/Target/ELF/Instructions.def"
};

Format grey::elf::getFormat(Opcode opcode) {
  return kOpcodeInfo[static_cast<unsigned>(opcode)].format;
}

llvm::StringRef grey::elf::getOpName(Opcode opcode) {
  return kOpcodeInfo[static_cast<unsigned>(opcode)].opName;
}

namespace {
/// One configured MC disassembler and printer.
struct MCDecoder {
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget;
  std::unique_ptr<llvm::MCContext> context;
  std::unique_ptr<llvm::MCDisassembler> disassembler;
};
} // namespace

struct Decoder::Impl {
  llvm::Triple triple{"riscv64-unknown-elf"};
  std::unique_ptr<llvm::MCRegisterInfo> registerInfo;
  std::unique_ptr<llvm::MCAsmInfo> asmInfo;
  std::unique_ptr<llvm::MCInstrInfo> instrInfo;
  std::unique_ptr<llvm::MCInstPrinter> printer;
  /// Decodes what the JAVM target allows.
  MCDecoder target;
  /// Decodes every RISC-V extension, only to name rejected words.
  MCDecoder any;
  llvm::DenseMap<unsigned, Opcode> opcodes;   // MC opcode -> ours
  llvm::DenseMap<unsigned, unsigned> xNumber; // MC register -> N of xN
};

static Expected<MCDecoder> makeDecoder(const llvm::Target &target,
                                       const llvm::Triple &triple,
                                       const llvm::MCAsmInfo *asmInfo,
                                       const llvm::MCRegisterInfo *registerInfo,
                                       llvm::StringRef features) {
  MCDecoder decoder;
  decoder.subtarget.reset(
      target.createMCSubtargetInfo(triple, "generic-rv64", features));
  if (!decoder.subtarget)
    return llvm::createStringError("cannot create the RISC-V subtarget");
  decoder.context = std::make_unique<llvm::MCContext>(
      triple, asmInfo, registerInfo, decoder.subtarget.get());
  decoder.disassembler.reset(
      target.createMCDisassembler(*decoder.subtarget, *decoder.context));
  if (!decoder.disassembler)
    return llvm::createStringError("cannot create the RISC-V disassembler");
  return decoder;
}

Decoder::Decoder() : impl(std::make_unique<Impl>()) {}
Decoder::~Decoder() = default;

Expected<std::unique_ptr<Decoder>> Decoder::create() {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    LLVMInitializeRISCVTargetInfo();
    LLVMInitializeRISCVTargetMC();
    LLVMInitializeRISCVDisassembler();
  });

  std::unique_ptr<Decoder> decoder(new Decoder());
  Impl &impl = *decoder->impl;
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(impl.triple, error);
  if (!target)
    return llvm::createStringError("LLVM has no RISC-V target: " + error);
  impl.registerInfo.reset(target->createMCRegInfo(impl.triple));
  llvm::MCTargetOptions options;
  impl.asmInfo.reset(
      target->createMCAsmInfo(*impl.registerInfo, impl.triple, options));
  impl.instrInfo.reset(target->createMCInstrInfo());
  if (!impl.registerInfo || !impl.asmInfo || !impl.instrInfo)
    return llvm::createStringError("cannot set up the RISC-V MC layer");
  impl.printer.reset(target->createMCInstPrinter(
      impl.triple, 0, *impl.asmInfo, *impl.instrInfo, *impl.registerInfo));
  if (!impl.printer)
    return llvm::createStringError("cannot create the RISC-V printer");

  auto targetDecoder = makeDecoder(
      *target, impl.triple, impl.asmInfo.get(), impl.registerInfo.get(),
      "+e,+m,+zbb,+xtheadcondmov,+zicsr,+zifencei");
  if (!targetDecoder)
    return targetDecoder.takeError();
  impl.target = std::move(*targetDecoder);
  auto anyDecoder = makeDecoder(
      *target, impl.triple, impl.asmInfo.get(), impl.registerInfo.get(),
      "+m,+a,+f,+d,+c,+zba,+zbb,+zbs,+zbc,+zbkb,+v,+zicsr,"
      "+zifencei,+zicond,+xtheadcondmov");
  if (!anyDecoder)
    return anyDecoder.takeError();
  impl.any = std::move(*anyDecoder);

  llvm::StringMap<Opcode> byName;
#define RISCV_INSTRUCTION(MCName, Name, Fmt, OpName)                           \
  byName[#MCName] = Opcode::Name;
#include "grey/Target/ELF/Instructions.def"
  for (unsigned mcOpcode = 0, e = impl.instrInfo->getNumOpcodes();
       mcOpcode != e; ++mcOpcode) {
    auto it = byName.find(impl.instrInfo->getName(mcOpcode));
    if (it != byName.end())
      impl.opcodes[mcOpcode] = it->second;
  }
  if (impl.opcodes.size() != byName.size())
    return llvm::createStringError(
        "LLVM's RISC-V instruction names differ from Instructions.def");

  for (unsigned reg = 1, e = impl.registerInfo->getNumRegs(); reg != e; ++reg) {
    llvm::StringRef name = impl.registerInfo->getName(reg);
    unsigned number;
    if (name.consume_front("X") && !name.getAsInteger(10, number) &&
        number < 32)
      impl.xNumber[reg] = number;
  }
  return decoder;
}

std::string Decoder::disassemble(uint32_t word, uint64_t address) const {
  uint8_t bytes[4] = {uint8_t(word), uint8_t(word >> 8), uint8_t(word >> 16),
                      uint8_t(word >> 24)};
  llvm::MCInst inst;
  uint64_t size;
  if (impl->any.disassembler->getInstruction(inst, size, bytes, address,
                                             llvm::nulls()) !=
      llvm::MCDisassembler::Success)
    return "";
  std::string text;
  llvm::raw_string_ostream os(text);
  impl->printer->printInst(&inst, address, "", *impl->any.subtarget, os);
  llvm::StringRef trimmed = llvm::StringRef(text).trim();
  std::string result;
  for (char c : trimmed)
    result += c == '\t' ? ' ' : c;
  return result;
}

Expected<Instruction> Decoder::decode(uint32_t word, uint64_t address) const {
  auto fail = [&](llvm::StringRef what,
                  llvm::StringRef why = "") -> llvm::Error {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << what << " at " << llvm::format_hex(address, 0) << ": "
       << llvm::format_hex(word, 10);
    std::string asmText = disassemble(word, address);
    os << " (" << (asmText.empty() ? "unknown encoding" : asmText) << ")";
    if (!why.empty())
      os << "; " << why;
    return llvm::createStringError(text);
  };
  if ((word & 3) != 3)
    return fail("compressed instruction", "the target has no C extension");

  uint8_t bytes[4] = {uint8_t(word), uint8_t(word >> 8), uint8_t(word >> 16),
                      uint8_t(word >> 24)};
  llvm::MCInst inst;
  uint64_t size;
  if (impl->target.disassembler->getInstruction(inst, size, bytes, address,
                                                llvm::nulls()) !=
          llvm::MCDisassembler::Success ||
      size != 4)
    return fail("unsupported instruction");
  auto opcodeIt = impl->opcodes.find(inst.getOpcode());
  if (opcodeIt == impl->opcodes.end())
    return fail("unsupported instruction");

  Instruction result;
  result.address = address;
  result.word = word;
  result.opcode = opcodeIt->second;
  llvm::SmallVector<unsigned, 4> regs;
  llvm::SmallVector<int64_t, 2> imms;
  for (const llvm::MCOperand &operand : inst) {
    if (operand.isReg()) {
      auto it = impl->xNumber.find(operand.getReg().id());
      if (it == impl->xNumber.end() || it->second > 15)
        return fail("unsupported instruction", "it uses a register above x15");
      regs.push_back(it->second);
    } else if (operand.isImm()) {
      imms.push_back(operand.getImm());
    } else {
      return fail("unsupported instruction", "unexpected operand kind");
    }
  }

  // The register and immediate operands each Format expects, in MC order.
  auto expect = [&](size_t numRegs, size_t numImms) {
    return regs.size() == numRegs && imms.size() == numImms;
  };
  bool ok = false;
  switch (result.format()) {
  case Format::RegReg:
    ok = expect(3, 0);
    if (ok)
      std::tie(result.rd, result.rs1, result.rs2) =
          std::tuple(regs[0], regs[1], regs[2]);
    break;
  case Format::CondMov:
    // MC lists the tied rd twice (as the destination and the old value).
    if (regs.size() == 4 && regs[0] == regs[1])
      regs.erase(regs.begin() + 1);
    ok = expect(3, 0);
    if (ok)
      std::tie(result.rd, result.rs1, result.rs2) =
          std::tuple(regs[0], regs[1], regs[2]);
    break;
  case Format::RegImm:
  case Format::Load:
  case Format::Jalr:
    ok = expect(2, 1);
    if (ok) {
      result.rd = regs[0];
      result.rs1 = regs[1];
      result.imm = imms[0];
    }
    break;
  case Format::Store:
  case Format::Branch:
    ok = expect(2, 1);
    if (ok) {
      // Stores list (rs2, rs1); branches (rs1, rs2).
      bool isStore = result.format() == Format::Store;
      result.rs2 = isStore ? regs[0] : regs[1];
      result.rs1 = isStore ? regs[1] : regs[0];
      result.imm = imms[0];
    }
    break;
  case Format::Unary:
    ok = expect(2, 0);
    if (ok) {
      result.rd = regs[0];
      result.rs1 = regs[1];
    }
    break;
  case Format::Lui:
  case Format::Auipc:
  case Format::Jal:
    ok = expect(1, 1);
    if (ok) {
      result.rd = regs[0];
      result.imm = imms[0];
    }
    break;
  case Format::Fence:
    ok = expect(0, 2);
    if (ok) {
      result.imm = imms[0];
      result.imm2 = imms[1];
    }
    break;
  case Format::CsrReg:
    ok = expect(2, 1);
    if (ok) {
      result.rd = regs[0];
      result.rs1 = regs[1];
      result.imm = imms[0];
    }
    break;
  case Format::CsrImm:
    ok = expect(1, 2);
    if (ok) {
      result.rd = regs[0];
      result.imm = imms[0];
      result.imm2 = imms[1];
    }
    break;
  case Format::FenceI:
  case Format::Ecall:
  case Format::Ebreak:
  case Format::Unimp:
    ok = expect(0, 0) || result.format() == Format::FenceI;
    break;
  }
  if (!ok)
    return fail("unsupported instruction", "unexpected operands");
  return result;
}
