//===- OptBisect.cpp - skip optional rewrites past a limit ----------------===//

#include "grey/Support/OptBisect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/IR/OptBisect.h"

using namespace mlir;

/// The name of the function (or other symbol) that holds `op`.
static StringRef enclosingSymbol(Operation *op) {
  for (; op; op = op->getParentOp())
    if (auto name = op->getAttrOfType<StringAttr>(
            SymbolTable::getSymbolAttrName()))
      return name.getValue();
  return "?";
}

/// How many OptBisectPause objects exist.
static unsigned pauses = 0;

grey::OptBisectPause::OptBisectPause() { ++pauses; }
grey::OptBisectPause::~OptBisectPause() { --pauses; }

bool grey::shouldApplyRewrite(Operation *scope, StringRef pass,
                              StringRef what) {
  llvm::OptPassGate &gate = llvm::getGlobalPassGate();
  if (!gate.isEnabled() || pauses)
    return true;
  std::string description =
      ("@" + enclosingSymbol(scope) + ": " + what).str();
  return gate.shouldRunPass(pass, description);
}

void grey::prepareContextForOptBisect(MLIRContext &context) {
  if (llvm::getGlobalPassGate().isEnabled())
    context.disableMultithreading();
}
