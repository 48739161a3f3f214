//===- OpFields.cpp - where an op keeps its instruction fields ------------===//
//
// Immediate attribute names per format class; see OpFields.h.
//
//===----------------------------------------------------------------------===//

#include "OpFields.h"

using namespace grey;
using namespace grey::blob;

std::pair<llvm::StringRef, llvm::StringRef>
detail::immediateAttrNames(mlir::RegisteredOperationName name,
                           pvm::Format format) {
  using pvm::Format;
  switch (format) {
  case Format::TwoImm:
    return {"address", "value"};
  case Format::OneRegTwoImm:
    return {"offset", "value"};
  case Format::TwoRegTwoImm:
    return {"value", "offset"};
  case Format::NoArgs:
  case Format::OneOffset:
  case Format::TwoReg:
  case Format::TwoRegOneOffset:
  case Format::ThreeReg:
    return {};
  default:
    break;
  }
  // One immediate: whichever of these the op declares.
  for (mlir::StringAttr attr : name.getAttributeNames())
    if (llvm::is_contained({"slot", "value", "address", "offset", "imm"},
                           attr.getValue()))
      return {attr.getValue(), {}};
  return {};
}
