//===- MemoryAccess.cpp - what a pvm load or store touches ----------------===//

#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"

#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/IR/RegionGraphTraits.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/PostOrderIterator.h"
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

//===----------------------------------------------------------------------===//
// Locations
//===----------------------------------------------------------------------===//

/// Addresses are lo32(base + offset): offsets that differ by a multiple of
/// 2^32 name the same byte.
static constexpr int64_t kAddressSpace = int64_t(1) << 32;

std::optional<int64_t>
MemoryLocation::distanceFrom(const MemoryLocation &other) const {
  if (address.kind != other.address.kind || address.root != other.address.root ||
      !address.offset || !other.address.offset)
    return std::nullopt;
  // The distance in [0, 2^32).
  int64_t d = (*address.offset - *other.address.offset) % kAddressSpace;
  return d < 0 ? d + kAddressSpace : d;
}

bool MemoryLocation::isCoveredBy(const MemoryLocation &other) const {
  std::optional<int64_t> d = distanceFrom(other);
  return d && *d + int64_t(width) <= int64_t(other.width);
}

void MemoryLocation::print(llvm::raw_ostream &os) const {
  switch (address.kind) {
  case Address::Kind::Frame:
    os << "frame";
    break;
  case Address::Kind::Absolute:
    os << "absolute";
    break;
  case Address::Kind::Based:
    os << "based";
    break;
  }
  if (address.offset)
    os << (address.kind == Address::Kind::Absolute || *address.offset < 0
               ? ""
               : "+")
       << *address.offset;
  else
    os << "+?";
  os << " width " << width;
}

//===----------------------------------------------------------------------===//
// Address resolution
//===----------------------------------------------------------------------===//

namespace {

/// The lattice of block-argument addresses while resolving: not yet seen
/// (optimistic top), a known address, or a value of its own.
struct Resolution {
  bool seen = false;
  Address address;
};

/// The stack pointer at function entry: the `get_register` of r1 in the
/// entry block, if the function reads it.
Value entryStackPointer(FuncOp func) {
  for (auto get : func.getBody().front().getOps<GetRegisterOp>())
    if (registerOf(get.getType()) == Reg::R1)
      return get.getResult();
  return {};
}

Address based(Value root) { return {Address::Kind::Based, root, 0}; }

Address offsetBy(Address address, int64_t delta) {
  if (address.offset)
    address.offset = *address.offset + delta;
  if (address.kind == Address::Kind::Absolute)
    address.offset = int64_t(uint32_t(*address.offset));
  return address;
}

/// Whether `op` leaves the function for good (return, tail call) or for
/// another function's code (call).
bool isReturn(Operation *op) {
  auto jump = dyn_cast<JumpIndOp>(op);
  return jump && jump.getTargets().empty() &&
         registerOf(jump.getBase().getType()) == Reg::R0;
}

} // namespace

Address MemoryModel::getAddress(Value value) const {
  auto it = addresses.find(value);
  return it == addresses.end() ? based(value) : it->second;
}

void MemoryModel::resolveAddresses(FuncOp func) {
  Value sp = entryStackPointer(func);
  if (sp)
    addresses[sp] = {Address::Kind::Frame, {}, 0};

  // Optimistic iteration over block arguments: an argument starts unseen
  // and takes the meet of what its incoming values resolve to.
  llvm::DenseMap<Value, Resolution> args;
  // Results of the ops that resolved from seen operands (or from none): a
  // result not among them is unseen, like an argument not computed yet,
  // so that a back edge does not make a loop's stack pointer opaque before
  // the loop body has been looked at.
  llvm::DenseSet<Value> resolved;
  auto current = [&](Value v) -> Resolution {
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      auto it = args.find(v);
      if (it != args.end())
        return it->second;
      if (!arg.getOwner()->isEntryBlock())
        return {}; // not computed yet this round: optimistic
    } else if (v != sp && !resolved.contains(v) &&
               v.getDefiningOp()->getNumResults() == 1) {
      return {};
    }
    return {true, getAddress(v)};
  };

  auto resolveOp = [&](Operation &op) {
    if (op.getNumResults() != 1 || op.getResult(0) == sp)
      return;
    Value result = op.getResult(0);
    bool operandsSeen = llvm::all_of(op.getOperands(), [&](Value operand) {
      return !isa<RegType>(operand.getType()) || current(operand).seen;
    });
    if (!operandsSeen) {
      resolved.erase(result);
      addresses.erase(result);
      return;
    }
    resolved.insert(result);
    std::optional<Address> address =
        llvm::TypeSwitch<Operation *, std::optional<Address>>(&op)
            .Case<LoadImmOp>([](LoadImmOp c) -> std::optional<Address> {
              return Address{Address::Kind::Absolute, {},
                             int64_t(uint32_t(c.getValue()))};
            })
            .Case<LoadImm64Op>([](LoadImm64Op c) -> std::optional<Address> {
              return Address{Address::Kind::Absolute, {},
                             int64_t(uint32_t(c.getValue()))};
            })
            .Case<AddImm64Op>([&](AddImm64Op add) -> std::optional<Address> {
              Resolution base = current(add.getRs());
              if (!base.seen)
                return std::nullopt;
              return offsetBy(base.address, add.getImm());
            })
            .Case<MoveRegOp>([&](MoveRegOp move) -> std::optional<Address> {
              Resolution source = current(move.getRs());
              if (!source.seen)
                return std::nullopt;
              return source.address;
            })
            .Case<Add64Op>([&](Add64Op add) -> std::optional<Address> {
              // A register added to a frame address: somewhere in the frame.
              Resolution lhs = current(add.getLhs()), rhs = current(add.getRhs());
              bool lhsFrame =
                  lhs.seen && lhs.address.kind == Address::Kind::Frame;
              bool rhsFrame =
                  rhs.seen && rhs.address.kind == Address::Kind::Frame;
              if (lhsFrame != rhsFrame)
                return Address{Address::Kind::Frame, {}, std::nullopt};
              return std::nullopt;
            })
            .Default([](Operation *) { return std::nullopt; });
    if (address)
      addresses[result] = *address;
    else
      addresses.erase(result);
  };

  SmallVector<Block *> order;
  for (Block *block : llvm::ReversePostOrderTraversal<Region *>(&func.getBody()))
    order.push_back(block);
  // Blocks no path from the entry reaches (jump-table entries) come last.
  llvm::SmallPtrSet<Block *, 16> ordered(order.begin(), order.end());
  for (Block &block : func.getBody())
    if (!ordered.contains(&block))
      order.push_back(&block);

  for (unsigned round = 0;; ++round) {
    bool changed = false;
    for (Block *block : order) {
      for (BlockArgument arg : block->getArguments()) {
        Resolution meet;
        bool visible = !block->hasNoPredecessors();
        for (auto it = block->pred_begin(), e = block->pred_end(); it != e;
             ++it) {
          auto branch = dyn_cast<BranchOpInterface>((*it)->getTerminator());
          Value passed;
          if (branch)
            passed = branch.getSuccessorOperands(it.getSuccessorIndex())
                         [arg.getArgNumber()];
          if (!passed) {
            visible = false;
            break;
          }
          Resolution in = current(passed);
          if (!in.seen)
            continue;
          if (!meet.seen) {
            meet = in;
            continue;
          }
          if (meet.address == in.address)
            continue;
          if (meet.address.kind == Address::Kind::Frame &&
              in.address.kind == Address::Kind::Frame) {
            meet.address.offset.reset();
            continue;
          }
          // Different roots, constants or kinds: a value of its own. (A
          // frame address merged with another kind makes the frame escape;
          // findEscapes sees it as an argument that is not a frame address.)
          meet.address = based(arg);
        }
        if (!visible)
          meet = {true, based(arg)};
        Resolution &slot = args[arg];
        if (meet.seen && (!slot.seen || !(slot.address == meet.address))) {
          slot = meet;
          changed = true;
        }
      }
      for (Operation &op : *block)
        resolveOp(op);
    }
    if (!changed)
      break;
    // The lattice is finite per argument (unseen, one address, frame at an
    // unknown offset, a value of its own), so this terminates; the bound is
    // a safety net that falls back to "a value of its own".
    if (round == 50) {
      for (auto &[arg, resolution] : args)
        resolution = {true, based(arg)};
      for (Block *block : order)
        for (Operation &op : *block)
          resolveOp(op);
      break;
    }
  }
  for (auto &[arg, resolution] : args)
    if (resolution.seen)
      addresses[arg] = resolution.address;
}

//===----------------------------------------------------------------------===//
// Escapes and stack-argument areas
//===----------------------------------------------------------------------===//

/// Whether `use` is the base register of a load or store.
static bool isAddressOperand(OpOperand &use) {
  Operation *user = use.getOwner();
  if (isa<StoreIndU8Op, StoreIndU16Op, StoreIndU32Op, StoreIndU64Op>(user))
    return use.getOperandNumber() == 1;
  return isa<LoadIndU8Op, LoadIndI8Op, LoadIndU16Op, LoadIndI16Op, LoadIndU32Op,
             LoadIndI32Op, LoadIndU64Op, StoreImmIndU8Op, StoreImmIndU16Op,
             StoreImmIndU32Op, StoreImmIndU64Op>(user);
}

void MemoryModel::findEscapes(FuncOp func, const StackArgumentAreas *areas) {
  auto isFrame = [&](Value v) {
    return getAddress(v).kind == Address::Kind::Frame;
  };
  auto widenIncoming = [&](std::optional<int64_t> end) {
    if (!end)
      incoming.reset();
    else if (incoming)
      incoming = std::max(*incoming, *end);
  };
  auto escape = [&] {
    escapes = true;
    incoming.reset();
  };
  // The stack pointer a call, tail call, return or host call is given in
  // r1 is not an escape: callees restore it and touch only their own frame
  // and the stack-argument area above it.
  auto isStackPointerOperand = [](OpOperand &use) {
    Operation *user = use.getOwner();
    if (registerOf(use.get().getType()) != Reg::R1)
      return false;
    if (auto call = dyn_cast<CallIndirectOp>(user))
      return use.getOperandNumber() != 0; // not the target
    if (auto jump = dyn_cast<JumpIndOp>(user))
      return use.getOperandNumber() != 0; // not the base
    return isa<CallOp, TailCallOp, EcalliOp, EcallOp>(user);
  };

  for (Block &block : func.getBody()) {
    auto visit = [&](Value value) {
      if (!isFrame(value))
        return;
      for (OpOperand &use : value.getUses()) {
        Operation *user = use.getOwner();
        unsigned n = use.getOperandNumber();
        if (getMemoryAccess(user)) {
          // The base of a load or store; a stored frame address escapes.
          if (isAddressOperand(use))
            continue;
          escape();
          return;
        }
        if (isa<AddImm64Op, MoveRegOp, SetLtUOp, SetLtSOp, SetLtUImmOp,
                SetLtSImmOp, SetGtUImmOp, SetGtSImmOp>(user))
          continue;
        if (isa<Add64Op>(user) && isFrame(user->getResult(0)))
          continue;
        if (isStackPointerOperand(use))
          continue;
        if (auto branch = dyn_cast<BranchOpInterface>(user)) {
          std::optional<BlockArgument> arg = branch.getSuccessorBlockArgument(n);
          if (!arg)
            continue; // a comparison
          if (isFrame(*arg))
            continue;
        }
        escape();
        return;
      }
    };
    for (BlockArgument arg : block.getArguments())
      visit(arg);
    for (Operation &op : block)
      for (Value result : op.getResults())
        visit(result);
  }

  // Accesses above the entry stack pointer, and what callees touch.
  for (Block &block : func.getBody()) {
    for (Operation &op : block) {
      if (std::optional<MemoryLocation> loc = getLocation(&op)) {
        if (loc->isFrame())
          widenIncoming(loc->address.offset
                            ? std::optional<int64_t>(*loc->address.offset +
                                                     loc->width)
                            : std::nullopt);
        continue;
      }
      if (isa<CallOp, CallIndirectOp, TailCallOp>(op)) {
        std::optional<int64_t> area;
        if (auto call = dyn_cast<CallOp>(op); call && areas)
          area = areas->lookup(call.getCallee());
        else if (auto tail = dyn_cast<TailCallOp>(op); tail && areas)
          area = areas->lookup(tail.getCallee());
        // The stack pointer the callee gets.
        std::optional<int64_t> sp;
        for (Value use : op.getOperands())
          if (registerOf(use.getType()) == Reg::R1 && isFrame(use) &&
              !(isa<CallIndirectOp>(op) && use == op.getOperand(0)))
            sp = getAddress(use).offset;
        if (!area || !sp) {
          // Unbounded, or given a stack pointer the model cannot place.
          if (isa<TailCallOp>(op))
            incoming.reset();
          else
            escape();
          continue;
        }
        widenIncoming(*sp + *area);
        if (!isa<TailCallOp>(op))
          callAreas[&op] = {*sp, *area};
        continue;
      }
      if (auto jump = dyn_cast<JumpIndOp>(op))
        if (jump.getTargets().empty() && !isReturn(&op))
          incoming.reset(); // a tail call through a register
    }
  }
}

MemoryModel::MemoryModel(FuncOp func, const StackArgumentAreas *areas) {
  resolveAddresses(func);
  findEscapes(func, areas);
}

std::optional<MemoryLocation> MemoryModel::getLocation(Operation *op) const {
  std::optional<MemoryAccess> access = getMemoryAccess(op);
  if (!access)
    return std::nullopt;
  if (access->isAbsolute())
    return MemoryLocation{{Address::Kind::Absolute, {}, access->offset},
                          access->width};
  return MemoryLocation{offsetBy(getAddress(access->base), access->offset),
                        access->width};
}

bool MemoryModel::isPrivate(const MemoryLocation &loc) const {
  return !escapes && loc.isFrame() && loc.address.offset &&
         *loc.address.offset + int64_t(loc.width) <= 0 &&
         *loc.address.offset > -kAddressSpace / 2;
}

/// Whether byte ranges [a, a + aw) and [b, b + bw) meet, modulo 2^32.
static bool rangesOverlap(int64_t a, unsigned aw, int64_t b, unsigned bw) {
  int64_t d = (b - a) % kAddressSpace;
  if (d < 0)
    d += kAddressSpace;
  return d < int64_t(aw) || kAddressSpace - d < int64_t(bw);
}

bool MemoryModel::mayAlias(const MemoryLocation &a,
                           const MemoryLocation &b) const {
  const Address &x = a.address, &y = b.address;
  if (x.kind == y.kind && x.root == y.root) {
    if (!x.offset || !y.offset)
      return true;
    return rangesOverlap(*x.offset, a.width, *y.offset, b.width);
  }
  // A private frame slot is reached only through frame addresses.
  if (x.kind == Address::Kind::Frame)
    return !isPrivate(a);
  if (y.kind == Address::Kind::Frame)
    return !isPrivate(b);
  // Two constants are the same kind and root; a constant and a based
  // address, or two roots, may meet.
  return true;
}

std::optional<std::pair<int64_t, int64_t>>
MemoryModel::calleeFrameArea(Operation *call) const {
  auto it = callAreas.find(call);
  if (it == callAreas.end())
    return std::nullopt;
  return it->second;
}

bool grey::pvm::leavesForOtherCode(Operation *op) {
  if (auto jump = dyn_cast<JumpIndOp>(op))
    return jump.getTargets().empty();
  return isa<CallOp, CallIndirectOp, TailCallOp, EcalliOp, EcallOp>(op);
}

bool MemoryModel::mayAccess(Operation *op, const MemoryLocation &loc) const {
  if (!leavesForOtherCode(op) && !isa<TrapOp>(op))
    return !isa<JumpIndOp, GetRegisterOp, JumpTableEntryOp>(op) &&
           !isMemoryEffectFree(op);
  if (!isPrivate(loc))
    return true;
  // Private bytes: only a direct call's stack-argument area reaches them.
  if (std::optional<std::pair<int64_t, int64_t>> area = calleeFrameArea(op))
    return area->second > 0 &&
           rangesOverlap(area->first, unsigned(area->second),
                         *loc.address.offset, loc.width);
  return false;
}

StackArgumentAreas::StackArgumentAreas(ProgramOp program) {
  SmallVector<FuncOp> funcs(program.getOps<FuncOp>());
  for (FuncOp func : funcs)
    areas[func.getSymName()] = 0;
  // Areas only grow from 0; a function whose area still grows after many
  // rounds (deep recursion through stack arguments) is unbounded.
  constexpr unsigned kRounds = 16;
  for (unsigned round = 0; round <= kRounds; ++round) {
    bool changed = false;
    for (FuncOp func : funcs) {
      std::optional<int64_t> area = MemoryModel(func, this).incomingArea();
      std::optional<int64_t> &known = areas[func.getSymName()];
      if (area == known)
        continue;
      known = round == kRounds ? std::nullopt : area;
      changed = true;
    }
    if (!changed)
      return;
  }
}

std::optional<int64_t>
StackArgumentAreas::lookup(llvm::StringRef callee) const {
  auto it = areas.find(callee);
  if (it == areas.end())
    return std::nullopt;
  return it->second;
}

ReadOnlyMemory::ReadOnlyMemory(ProgramOp program) {
  for (SegmentOp segment : program.getOps<SegmentOp>())
    if (segment.getAccess() == Access::RO)
      segments.push_back({int64_t(segment.getBase()), int64_t(segment.getSize()),
                          segment.getInit()});
}

std::optional<uint64_t> ReadOnlyMemory::read(const MemoryLocation &loc) const {
  if (loc.address.kind != Address::Kind::Absolute || !loc.address.offset)
    return std::nullopt;
  int64_t first = *loc.address.offset;
  for (const Segment &segment : segments) {
    if (first < segment.base ||
        first + int64_t(loc.width) > segment.base + segment.size)
      continue;
    uint64_t value = 0;
    for (unsigned i = 0; i < loc.width; ++i) {
      int64_t at = first - segment.base + i;
      uint8_t byte = at < int64_t(segment.init.size()) ? segment.init[at] : 0;
      value |= uint64_t(byte) << (8 * i);
    }
    return value;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Accesses that cannot fault
//===----------------------------------------------------------------------===//

namespace {

/// Pages are this large: two mapped bytes at most this far apart prove the
/// bytes between them mapped (they lie in one page or two adjacent ones).
constexpr int64_t kPageSize = 4096;

/// Byte ranges [first, end) known to be mapped (or writable), kept sorted,
/// with ranges close enough to bridge merged.
class ByteRanges {
public:
  void add(int64_t first, int64_t end) {
    ranges.push_back({first, end});
    llvm::sort(ranges);
    SmallVector<std::pair<int64_t, int64_t>, 4> merged;
    for (auto range : ranges) {
      // The last byte of one and the first of the next at most a page
      // apart: everything between is mapped too.
      if (!merged.empty() && range.first - (merged.back().second - 1) <= kPageSize)
        merged.back().second = std::max(merged.back().second, range.second);
      else
        merged.push_back(range);
    }
    ranges = std::move(merged);
  }
  void unite(const ByteRanges &other) {
    for (auto range : other.ranges)
      add(range.first, range.second);
  }
  bool covers(int64_t first, int64_t end) const {
    return llvm::any_of(ranges, [&](auto range) {
      return range.first <= first && end <= range.second;
    });
  }
  /// Keeps only bytes `other` knows too.
  void intersect(const ByteRanges &other) {
    SmallVector<std::pair<int64_t, int64_t>, 4> result;
    for (auto a : ranges)
      for (auto b : other.ranges) {
        int64_t first = std::max(a.first, b.first), end = std::min(a.second, b.second);
        if (first < end)
          result.push_back({first, end});
      }
    ranges = std::move(result);
  }
  bool operator==(const ByteRanges &other) const {
    return ranges == other.ranges;
  }

private:
  SmallVector<std::pair<int64_t, int64_t>, 4> ranges;
};

/// The bytes known mapped and known writable, per address root.
struct KnownBytes {
  using Key = std::pair<unsigned, Value>; // (Address::Kind, root)
  llvm::DenseMap<Key, std::pair<ByteRanges, ByteRanges>> byRoot;

  static Key keyOf(const MemoryLocation &loc) {
    return {unsigned(loc.address.kind), loc.address.root};
  }
  void add(const MemoryLocation &loc, bool written) {
    auto &[mapped, writable] = byRoot[keyOf(loc)];
    int64_t first = *loc.address.offset;
    mapped.add(first, first + loc.width);
    if (written)
      writable.add(first, first + loc.width);
  }
  bool covers(const MemoryLocation &loc, bool written) const {
    auto it = byRoot.find(keyOf(loc));
    if (it == byRoot.end())
      return false;
    int64_t first = *loc.address.offset;
    const ByteRanges &ranges = written ? it->second.second : it->second.first;
    return ranges.covers(first, first + loc.width);
  }
  void unite(const KnownBytes &other) {
    for (auto &[key, ranges] : other.byRoot) {
      auto &mine = byRoot[key];
      mine.first.unite(ranges.first);
      mine.second.unite(ranges.second);
    }
  }
  void forgetAllBut(Address::Kind kind) {
    llvm::SmallVector<Key> gone;
    for (auto &entry : byRoot)
      if (entry.first.first != unsigned(kind))
        gone.push_back(entry.first);
    for (Key key : gone)
      byRoot.erase(key);
  }
  void intersect(const KnownBytes &other) {
    llvm::SmallVector<Key> gone;
    for (auto &[key, ranges] : byRoot) {
      auto it = other.byRoot.find(key);
      if (it == other.byRoot.end()) {
        gone.push_back(key);
        continue;
      }
      ranges.first.intersect(it->second.first);
      ranges.second.intersect(it->second.second);
    }
    for (Key key : gone)
      byRoot.erase(key);
  }
  bool operator==(const KnownBytes &other) const {
    if (byRoot.size() != other.byRoot.size())
      return false;
    for (auto &[key, ranges] : byRoot) {
      auto it = other.byRoot.find(key);
      if (it == other.byRoot.end() || !(it->second == ranges))
        return false;
    }
    return true;
  }
};

/// Updates `known` for `op`: its own bytes become known, mapping changes
/// forget.
void learn(const MemoryModel &model, Operation *op, KnownBytes &known,
           const llvm::DenseSet<Operation *> &notEvidence) {
  if (std::optional<MemoryLocation> loc = model.getLocation(op)) {
    if (loc->hasKnownOffset() && !notEvidence.contains(op))
      known.add(*loc, op->getNumResults() == 0);
    return;
  }
  if (isa<EcallOp>(op))
    known.byRoot.clear();
  else if (isa<CallOp, CallIndirectOp, EcalliOp>(op))
    known.forgetAllBut(Address::Kind::Frame);
}

/// Whether `op` lets the outside world see what happened so far: a later
/// fault must not move past it.
bool isObservable(Operation *op) {
  return isa<EcalliOp, EcallOp, CallOp, CallIndirectOp, TailCallOp, JumpIndOp,
             TrapOp, UnlikelyOp>(op);
}

} // namespace

SafeAccesses::SafeAccesses(FuncOp func,
                           const llvm::DenseSet<Operation *> &notEvidence) {
  MemoryModel model(func, nullptr);
  // Byte ranges [begin, end) of the program's data segments, and whether
  // each is writable.
  SmallVector<std::tuple<int64_t, int64_t, bool>> segments;
  if (auto program = func->getParentOfType<ProgramOp>())
    for (SegmentOp segment : program.getOps<SegmentOp>())
      segments.push_back({segment.getBase(),
                          segment.getBase() + int64_t(segment.getSize()),
                          segment.getAccess() == Access::RW});
  auto inSegment = [&](const MemoryLocation &loc, bool store) {
    if (loc.address.kind != Address::Kind::Absolute)
      return false;
    int64_t first = *loc.address.offset;
    return llvm::any_of(segments, [&](auto segment) {
      auto [begin, end, writable] = segment;
      return first >= begin && first + int64_t(loc.width) <= end &&
             (writable || !store);
    });
  };

  // Bytes known on entry to each block: touched on every path from the
  // function's entry (optimistic over back edges, to a fixed point).
  SmallVector<Block *> order;
  for (Block *block : llvm::ReversePostOrderTraversal<Region *>(&func.getBody()))
    order.push_back(block);
  llvm::DenseMap<Block *, KnownBytes> exits;
  auto entryOf = [&](Block *block) {
    KnownBytes known;
    if (block->isEntryBlock())
      return known;
    bool first = true;
    for (Block *pred : block->getPredecessors()) {
      auto it = exits.find(pred);
      if (it == exits.end())
        continue;
      if (first)
        known = it->second;
      else
        known.intersect(it->second);
      first = false;
    }
    return known;
  };
  for (unsigned round = 0;; ++round) {
    bool changed = false;
    for (Block *block : order) {
      KnownBytes known = entryOf(block);
      for (Operation &op : *block)
        learn(model, &op, known, notEvidence);
      auto [it, inserted] = exits.try_emplace(block, known);
      if (!inserted && !(it->second == known)) {
        it->second = std::move(known);
        changed = true;
      }
    }
    if (round > 0 && !changed)
      break;
    if (round == 20)
      return; // no fixed point: prove nothing beyond the segments
  }

  for (Block *block : order) {
    // What the rest of the block touches before anything observable, seen
    // from each op (a backward scan).
    llvm::DenseMap<Operation *, KnownBytes> later;
    KnownBytes after;
    for (Operation &op : llvm::reverse(*block)) {
      later[&op] = after;
      if (isObservable(&op))
        after.byRoot.clear();
      else if (std::optional<MemoryLocation> loc = model.getLocation(&op);
               loc && loc->hasKnownOffset() && !notEvidence.contains(&op))
        after.add(*loc, op.getNumResults() == 0);
    }
    KnownBytes before = entryOf(block);
    for (Operation &op : *block) {
      if (std::optional<MemoryLocation> loc = model.getLocation(&op)) {
        bool store = op.getNumResults() == 0;
        bool isSafe = inSegment(*loc, store);
        if (!isSafe && loc->hasKnownOffset()) {
          // Earlier and later bytes together may bridge this access.
          KnownBytes both = later[&op];
          both.unite(before);
          isSafe = both.covers(*loc, store);
        }
        if (isSafe)
          safe.insert(&op);
      }
      learn(model, &op, before, notEvidence);
    }
  }
}
