//===- RISCVTypes.cpp - the RISC-V register type --------------------------===//
//
// Parses `!riscv.reg<a0>` (or `<x10>`, `<fp>`) and prints the ABI name.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/RISCV/RISCVTypes.h"
#include "grey/Dialect/RISCV/RISCVDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace grey::riscv;

#include "grey/Dialect/RISCV/RISCVEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "grey/Dialect/RISCV/RISCVTypes.cpp.inc"

void RISCVDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "grey/Dialect/RISCV/RISCVTypes.cpp.inc"
      >();
}

std::optional<Reg> grey::riscv::parseRegName(StringRef name) {
  if (std::optional<Reg> reg = symbolizeReg(name))
    return reg;
  if (name == "fp")
    return Reg::S0;
  unsigned index;
  if (name.consume_front("x") && !name.getAsInteger(10, index) &&
      index <= static_cast<unsigned>(Reg::A5) &&
      (name == "0" || !name.starts_with("0")))
    return static_cast<Reg>(index);
  return std::nullopt;
}

Type RegType::parse(AsmParser &parser) {
  llvm::SMLoc loc = parser.getCurrentLocation();
  StringRef name;
  if (parser.parseLess() || parser.parseKeyword(&name))
    return {};
  std::optional<Reg> reg = parseRegName(name);
  if (!reg) {
    parser.emitError(loc, "unknown rv64e register '") << name << "'";
    return {};
  }
  if (parser.parseGreater())
    return {};
  return RegType::get(parser.getContext(), *reg);
}

void RegType::print(AsmPrinter &printer) const {
  printer << '<' << stringifyReg(getReg()) << '>';
}
