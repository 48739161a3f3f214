//===- MemoryAccess.h - what a pvm load or store touches -------*- C++ -*-===//
//
// The address and width of every memory op, which loads cannot fault (the
// optimizer's contract, docs/Optimizer.md), and the memory model the memory
// passes decide with: where an address points (the function's frame, a
// constant address, or an offset from a value the model cannot see through),
// whether the frame's addresses escape, and which accesses may overlap.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H
#define GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <optional>

namespace grey::pvm {

class FuncOp;
class ProgramOp;

/// The bytes one load or store touches: `lo32(base + offset)` for `width`
/// bytes, or the absolute address `offset` when `base` is null.
struct MemoryAccess {
  mlir::Value base;
  int64_t offset = 0;
  unsigned width = 0;
  bool isStore = false;

  bool isAbsolute() const { return !base; }
  /// Whether this access touches only bytes that `other` touches: the same
  /// base value and a range inside the other's.
  bool isCoveredBy(const MemoryAccess &other) const;
};

/// The access `op` makes, if it is a load or store.
std::optional<MemoryAccess> getMemoryAccess(mlir::Operation *op);

/// Whether code the function cannot see runs at `op`: a call, tail call,
/// return or other indirect jump out of the function, host call or `ecall`
/// (a switch, an indirect jump within the function, is none).
bool leavesForOtherCode(mlir::Operation *op);

/// Where an address register points, as far as one function can tell.
struct Address {
  enum class Kind {
    /// The stack pointer at function entry plus `offset`; a negative offset
    /// is the function's own frame, a non-negative one the caller's.
    Frame,
    /// The constant address `offset`.
    Absolute,
    /// `root` plus `offset`, where `root` is a value the model cannot see
    /// through (an argument, a loaded pointer, a sum of registers).
    Based,
  };
  Kind kind = Kind::Based;
  mlir::Value root;
  /// Unknown for a frame address computed from a register (an index into
  /// a local array, a pointer that differs between loop iterations).
  std::optional<int64_t> offset;

  bool operator==(const Address &other) const {
    return kind == other.kind && root == other.root && offset == other.offset;
  }
};

/// The bytes a load or store touches: `width` bytes from `address`.
struct MemoryLocation {
  Address address;
  unsigned width = 0;

  bool isFrame() const { return address.kind == Address::Kind::Frame; }
  bool hasKnownOffset() const { return address.offset.has_value(); }
  /// Whether this location holds only bytes of `other`: the same root and a
  /// byte range inside the other's (addresses wrap at 2^32).
  bool isCoveredBy(const MemoryLocation &other) const;
  /// The first byte's distance from `other`'s first byte, when both have
  /// the same root and known offsets.
  std::optional<int64_t> distanceFrom(const MemoryLocation &other) const;
  void print(llvm::raw_ostream &os) const;
};

/// The program's read-only data segments: their bytes never change (a store
/// to them faults), so a load from them reads a constant.
class ReadOnlyMemory {
public:
  explicit ReadOnlyMemory(ProgramOp program);
  /// The little-endian value of the bytes at `loc`, when `loc` is a
  /// constant address inside one read-only segment.
  std::optional<uint64_t> read(const MemoryLocation &loc) const;

private:
  struct Segment {
    int64_t base, size;
    llvm::StringRef init;
  };
  llvm::SmallVector<Segment> segments;
};

/// The loads and stores of a function that cannot fault (the optimizer's
/// contract, docs/Optimizer.md), so a pass may remove them:
///
/// - a load inside one of the program's data segments, a store inside a
///   read-write one;
/// - an access whose bytes were touched (for a store: written) through the
///   same address on every path before it, or later in its block before
///   any host call: a fault would have stopped the program there, or stops
///   it there now, before anything observable. Pages are 4096 bytes, so
///   two touched bytes at most 4096 apart prove every byte between them.
///
/// Mappings change only through `ecall` (UNMAP), which forgets everything;
/// a call or host call forgets everything but the frame (the stack's pages
/// stay mapped while the function runs).
class SafeAccesses {
public:
  /// Accesses in `notEvidence` (ones a pass is about to remove) prove
  /// nothing about others.
  explicit SafeAccesses(FuncOp func,
                        const llvm::DenseSet<mlir::Operation *> &notEvidence = {});
  /// Whether `op` (a load or store) cannot fault.
  bool contains(mlir::Operation *op) const { return safe.contains(op); }

private:
  llvm::DenseSet<mlir::Operation *> safe;
};

/// For each function of a program, how many bytes above its stack pointer
/// at entry it (or a function it calls with its stack pointer) may read or
/// write: the stack-passed arguments its callers store just above the stack
/// pointer they pass. Unbounded when the function's frame addresses escape,
/// it indexes its frame with a register, or it calls through a register.
class StackArgumentAreas {
public:
  explicit StackArgumentAreas(ProgramOp program);
  /// The bytes `callee` may touch above its entry stack pointer, or nullopt
  /// when unbounded or unknown.
  std::optional<int64_t> lookup(llvm::StringRef callee) const;

private:
  llvm::StringMap<std::optional<int64_t>> areas;
};

/// The memory model of one function. Addresses are resolved through
/// `add_imm_64`, `move_reg`, `add_64` with one frame operand, constants and
/// block arguments (when every incoming value resolves alike). The frame
/// escapes when an address derived from the stack pointer is stored, passed
/// to a call, tail call, host call or return in a register other than the
/// stack pointer, used by an op the model does not understand, merged with a
/// non-frame address, or handed to a callee that may touch an unbounded
/// area above its stack pointer. While it does not escape, the function's
/// own frame (below the entry stack pointer) is private: only the function's
/// own frame accesses and the stack-argument areas of its direct calls
/// reach it.
///
/// The model assumes what every compiler does: a constant address never
/// points into a frame, callees restore the stack pointer, and a call's
/// continuation is entered only by the call returning (no longjmp).
class MemoryModel {
public:
  /// `areas` may be null: then every call may touch an unbounded area above
  /// the stack pointer it is given.
  MemoryModel(FuncOp func, const StackArgumentAreas *areas);

  /// What `value` points to when used as an address.
  Address getAddress(mlir::Value value) const;
  /// The bytes `op` reads or writes, if it is a load or store.
  std::optional<MemoryLocation> getLocation(mlir::Operation *op) const;

  /// Whether an address derived from the stack pointer leaves the model's
  /// sight.
  bool frameEscapes() const { return escapes; }
  /// Whether `loc` lies in the function's own frame, at a known offset, and
  /// the frame does not escape.
  bool isPrivate(const MemoryLocation &loc) const;
  /// Whether two accesses may touch a common byte.
  bool mayAlias(const MemoryLocation &a, const MemoryLocation &b) const;
  /// Whether `op`, which is no load or store, may read or write `loc` (the
  /// one place that says what other ops do to memory):
  /// - code the function cannot see (leavesForOtherCode) and `trap`, which
  ///   ends the program with what is not private visible: everything except
  ///   private frame bytes outside the stack-argument area of a direct
  ///   callee;
  /// - a jump within the function (a switch), ops without memory effects
  ///   and ops that only name machine state: nothing;
  /// - any other op: everything.
  bool mayAccess(mlir::Operation *op, const MemoryLocation &loc) const;
  /// The frame bytes [first, first + size) a direct call's callee may touch
  /// above the stack pointer it is given; nullopt when unbounded.
  std::optional<std::pair<int64_t, int64_t>>
  calleeFrameArea(mlir::Operation *call) const;
  /// The stack-argument bytes this function may touch above its entry
  /// stack pointer (for StackArgumentAreas), or nullopt when unbounded.
  std::optional<int64_t> incomingArea() const { return incoming; }

private:
  void resolveAddresses(FuncOp func);
  void findEscapes(FuncOp func, const StackArgumentAreas *areas);

  llvm::DenseMap<mlir::Value, Address> addresses;
  /// The frame area each direct call's callee may touch (unbounded calls
  /// make the frame escape, so they are not listed).
  llvm::DenseMap<mlir::Operation *, std::pair<int64_t, int64_t>> callAreas;
  std::optional<int64_t> incoming = 0;
  bool escapes = false;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H
