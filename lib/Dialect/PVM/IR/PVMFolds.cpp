//===- PVMFolds.cpp - PVM folders -----------------------------------------===//
//
// Constant folding for the PVM ops where it is trivially correct. A fold that
// forwards an operand does so only when the operand already lives in the
// result's register: MLIR does not check that a fold keeps the type.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"

using namespace mlir;
using namespace grey::pvm;

/// Folds a 64-bit binary op whose two operands are constants.
template <typename Fn>
static OpFoldResult foldBinary(Attribute lhs, Attribute rhs, Fn fn) {
  auto l = dyn_cast_if_present<IntegerAttr>(lhs);
  auto r = dyn_cast_if_present<IntegerAttr>(rhs);
  if (!l || !r)
    return {};
  uint64_t v = fn(l.getValue().getZExtValue(), r.getValue().getZExtValue());
  return IntegerAttr::get(l.getType(), static_cast<int64_t>(v));
}

/// `x op c` -> `x` when `c` is the identity and `x` is already in rd.
static OpFoldResult foldIdentity(Value x, Attribute c, int64_t identity,
                                 Type resultType) {
  auto attr = dyn_cast_if_present<IntegerAttr>(c);
  if (attr && attr.getValue().getSExtValue() == identity &&
      x.getType() == resultType)
    return x;
  return {};
}

OpFoldResult LoadImmOp::fold(FoldAdaptor) { return getValueAttr(); }
OpFoldResult LoadImm64Op::fold(FoldAdaptor) { return getValueAttr(); }

OpFoldResult AddImm64Op::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getRs(), getImmAttr(),
                          [](uint64_t a, uint64_t b) { return a + b; }))
    return c;
  return foldIdentity(getRs(), getImmAttr(), 0, getType());
}

OpFoldResult Add64Op::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a + b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), 0, getType());
}

OpFoldResult Sub64Op::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a - b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), 0, getType());
}

OpFoldResult Mul64Op::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a * b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), 1, getType());
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a & b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), -1, getType());
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a ^ b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), 0, getType());
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (auto c = foldBinary(adaptor.getLhs(), adaptor.getRhs(),
                          [](uint64_t a, uint64_t b) { return a | b; }))
    return c;
  return foldIdentity(getLhs(), adaptor.getRhs(), 0, getType());
}
