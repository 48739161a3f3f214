//===- Passes.h - dialect conversion passes -------------------*- C++ -*-===//
//
// Declares the passes that convert between grey's dialects.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_CONVERSION_PASSES_H
#define GREY_CONVERSION_PASSES_H

#include "grey/Dialect/PVM/PVMDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace grey {

#define GEN_PASS_DECL
#include "grey/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "grey/Conversion/Passes.h.inc"

} // namespace grey

#endif // GREY_CONVERSION_PASSES_H
