//===- MemoryAccess.cpp - what a pvm load or store touches ----------------===//

#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace grey::pvm;

bool MemoryAccess::isCoveredBy(const MemoryAccess &other) const {
  return base == other.base && offset >= other.offset &&
         offset + int64_t(width) <= other.offset + int64_t(other.width);
}

/// Absolute addresses are lo32, written either way round (PVM_Addr32).
static int64_t absoluteAddress(int64_t address) {
  return int64_t(uint32_t(address));
}

std::optional<MemoryAccess> grey::pvm::getMemoryAccess(Operation *op) {
  auto absLoad = [](auto load, unsigned width) {
    return MemoryAccess{{}, absoluteAddress(int64_t(load.getAddress())), width, false};
  };
  auto absStore = [](auto store, unsigned width) {
    return MemoryAccess{{}, absoluteAddress(int64_t(store.getAddress())), width, true};
  };
  auto indLoad = [](auto load, unsigned width) {
    return MemoryAccess{load.getBase(), int64_t(load.getOffset()), width, false};
  };
  auto indStore = [](auto store, unsigned width) {
    return MemoryAccess{store.getBase(), int64_t(store.getOffset()), width, true};
  };
  return llvm::TypeSwitch<Operation *, std::optional<MemoryAccess>>(op)
      .Case<LoadU8Op, LoadI8Op>([&](auto o) { return absLoad(o, 1); })
      .Case<LoadU16Op, LoadI16Op>([&](auto o) { return absLoad(o, 2); })
      .Case<LoadU32Op, LoadI32Op>([&](auto o) { return absLoad(o, 4); })
      .Case<LoadU64Op>([&](auto o) { return absLoad(o, 8); })
      .Case<StoreU8Op, StoreImmU8Op>([&](auto o) { return absStore(o, 1); })
      .Case<StoreU16Op, StoreImmU16Op>([&](auto o) { return absStore(o, 2); })
      .Case<StoreU32Op, StoreImmU32Op>([&](auto o) { return absStore(o, 4); })
      .Case<StoreU64Op, StoreImmU64Op>([&](auto o) { return absStore(o, 8); })
      .Case<LoadIndU8Op, LoadIndI8Op>([&](auto o) { return indLoad(o, 1); })
      .Case<LoadIndU16Op, LoadIndI16Op>([&](auto o) { return indLoad(o, 2); })
      .Case<LoadIndU32Op, LoadIndI32Op>([&](auto o) { return indLoad(o, 4); })
      .Case<LoadIndU64Op>([&](auto o) { return indLoad(o, 8); })
      .Case<StoreIndU8Op, StoreImmIndU8Op>([&](auto o) { return indStore(o, 1); })
      .Case<StoreIndU16Op, StoreImmIndU16Op>(
          [&](auto o) { return indStore(o, 2); })
      .Case<StoreIndU32Op, StoreImmIndU32Op>(
          [&](auto o) { return indStore(o, 4); })
      .Case<StoreIndU64Op, StoreImmIndU64Op>(
          [&](auto o) { return indStore(o, 8); })
      .Default([](Operation *) { return std::nullopt; });
}

SafeLoads::SafeLoads(FuncOp func) {
  // Byte ranges [begin, end) of the program's data segments.
  SmallVector<std::pair<int64_t, int64_t>> segments;
  if (auto program = func->getParentOfType<ProgramOp>())
    for (SegmentOp segment : program.getOps<SegmentOp>())
      segments.push_back({segment.getBase(),
                          segment.getBase() + int64_t(segment.getSize())});
  auto inSegment = [&](const MemoryAccess &access) {
    return llvm::any_of(segments, [&](auto range) {
      return access.offset >= range.first &&
             access.offset + int64_t(access.width) <= range.second;
    });
  };

  for (Block &block : func.getBody()) {
    SmallVector<MemoryAccess> earlier;
    for (Operation &op : block) {
      std::optional<MemoryAccess> access = getMemoryAccess(&op);
      if (!access)
        continue;
      if (!access->isStore &&
          ((access->isAbsolute() && inSegment(*access)) ||
           llvm::any_of(earlier, [&](const MemoryAccess &prior) {
             return access->isCoveredBy(prior);
           })))
        safe.insert(&op);
      earlier.push_back(*access);
    }
  }
}
