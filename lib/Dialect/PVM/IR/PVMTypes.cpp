//===- PVMTypes.cpp - the PVM register type -------------------------------===//
//
// Parses and prints `!pvm.reg` and `!pvm.reg<rN>`.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMTypes.h"
#include "grey/Dialect/PVM/PVMDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace grey::pvm;

#include "grey/Dialect/PVM/PVMEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "grey/Dialect/PVM/PVMTypes.cpp.inc"

void PVMDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "grey/Dialect/PVM/PVMTypes.cpp.inc"
      >();
}

Type RegType::parse(AsmParser &parser) {
  if (failed(parser.parseOptionalLess()))
    return RegType::get(parser.getContext());
  llvm::SMLoc loc = parser.getCurrentLocation();
  StringRef name;
  if (parser.parseKeyword(&name))
    return {};
  std::optional<Reg> reg = symbolizeReg(name);
  if (!reg) {
    parser.emitError(loc, "unknown PVM register '") << name << "'";
    return {};
  }
  if (parser.parseGreater())
    return {};
  return RegType::get(parser.getContext(), *reg);
}

void RegType::print(AsmPrinter &printer) const {
  if (std::optional<Reg> reg = getReg())
    printer << '<' << stringifyReg(*reg) << '>';
}
