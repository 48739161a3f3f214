//===- ProgramStructure.cpp - riscv program to pvm program ----------------===//
//
// Program restructuring for the conversion: everything that is not the
// choice of instructions. Registers without a PVM counterpart, blocks split
// after calls, jump-table numbering, code addresses, address-taken blocks,
// merged data segments, the start function and the `pvm.func` shells.
//
//===----------------------------------------------------------------------===//

#include "ProgramStructure.h"

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

#include <map>
#include <set>

using namespace mlir;
using namespace grey;
namespace rv = grey::riscv;

namespace {

constexpr llvm::StringLiteral kStartFunction = "__grey_start";
constexpr uint64_t kPageSize = 4096;
constexpr uint64_t kDefaultStack = 16 * 1024;

bool isUnavailable(Type type) {
  auto reg = dyn_cast<rv::RegType>(type);
  return reg && (reg.getReg() == rv::Reg::GP || reg.getReg() == rv::Reg::TP);
}

/// gp and tp have no PVM register. The importer lists them among the
/// registers calls and returns pass along; drop them there, and reject any
/// instruction that really reads or writes them.
LogicalResult dropUnavailableRegisters(rv::FuncOp func) {
  WalkResult walk = func.walk([](Operation *op) {
    for (Value result : op->getResults())
      if (isUnavailable(result.getType()))
        return WalkResult(op->emitOpError("writes ")
                          << result.getType()
                          << ", which has no PVM register");
    bool passesAlong = isa<rv::CallOp, rv::CallIndirectOp, rv::TailOp,
                           rv::JalrOp, rv::EcallOp, BranchOpInterface>(op);
    for (OpOperand &use : op->getOpOperands())
      if (isUnavailable(use.get().getType()) &&
          (!passesAlong || (isa<rv::CallIndirectOp, rv::JalrOp>(op) &&
                            use.getOperandNumber() == 0)))
        return WalkResult(op->emitOpError("reads ")
                          << use.get().getType()
                          << ", which has no PVM register");
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();

  for (Block &block : func.getBody()) {
    // Successor operands first, then the operands of call-like ops.
    if (auto branch = dyn_cast<BranchOpInterface>(block.getTerminator()))
      for (unsigned s = 0, e = branch->getNumSuccessors(); s < e; ++s) {
        SuccessorOperands operands = branch.getSuccessorOperands(s);
        for (int i = int(operands.size()) - 1; i >= 0; --i)
          if (isUnavailable(operands[i].getType()))
            operands.erase(i);
      }
    for (Operation &op : block)
      if (isa<rv::CallOp, rv::CallIndirectOp, rv::TailOp, rv::JalrOp,
              rv::EcallOp>(op))
        for (int i = int(op.getNumOperands()) - 1; i >= 0; --i)
          if (isUnavailable(op.getOperand(i).getType()))
            op.eraseOperand(i);
  }
  for (Block &block : func.getBody()) {
    llvm::BitVector drop(block.getNumArguments());
    for (BlockArgument arg : block.getArguments())
      if (isUnavailable(arg.getType()))
        drop.set(arg.getArgNumber());
    block.eraseArguments(drop);
  }
  return success();
}

/// A guest code address that the program stores or computes.
struct CodeRef {
  StringRef function;
  uint64_t target;
  bool operator<(const CodeRef &other) const {
    return std::tie(function, target) < std::tie(other.function, other.target);
  }
};

/// Assigns jump-table entries and resolves code addresses.
class JumpTableBuilder {
public:
  explicit JumpTableBuilder(rv::ProgramOp program) : program(program) {}

  /// Numbers, in program order, function entries whose address is taken,
  /// labelled blocks that are referenced and every call's return site.
  LogicalResult assign(const std::set<CodeRef> &refs) {
    for (rv::FuncOp func : program.getBody().front().getOps<rv::FuncOp>()) {
      if (refs.count({func.getSymName(), uint64_t(func.getAddress())}))
        entryIndex[func.getSymName()] = next++;
      for (Block &block : func.getBody())
        for (Operation &op : block) {
          if (auto label = dyn_cast<rv::CodeLabelOp>(op)) {
            if (!refs.count({func.getSymName(), uint64_t(label.getAddress())}))
              continue;
            labelIndex[{func.getSymName(), uint64_t(label.getAddress())}] =
                next;
            label->setAttr(kJumpTableIndexAttr, indexAttr(next++));
          } else if (isa<rv::CallOp, rv::CallIndirectOp>(op)) {
            op.setAttr(kJumpTableIndexAttr, indexAttr(next++));
          }
        }
    }
    return success();
  }

  /// The jump-table address of a stored or computed code address.
  FailureOr<uint64_t> addressOf(Operation *user, const CodeRef &ref) const {
    auto it = entryIndex.find(ref.function);
    auto func = dyn_cast_or_null<rv::FuncOp>(
        SymbolTable::lookupSymbolIn(program, ref.function));
    if (func && uint64_t(func.getAddress()) == ref.target &&
        it != entryIndex.end())
      return 2 * (it->second + 1);
    auto label = labelIndex.find({ref.function, ref.target});
    if (label != labelIndex.end())
      return 2 * (label->second + 1);
    return user->emitOpError("refers to code address ")
           << "0x" << llvm::utohexstr(ref.target) << " in @" << ref.function
           << ", which starts no block";
  }

  std::optional<uint64_t> entryIndexOf(StringRef function) const {
    auto it = entryIndex.find(function);
    if (it == entryIndex.end())
      return std::nullopt;
    return it->second;
  }

private:
  IntegerAttr indexAttr(uint64_t index) {
    return IntegerAttr::get(IntegerType::get(program.getContext(), 64),
                            int64_t(index));
  }

  mutable rv::ProgramOp program;
  uint64_t next = 0;
  llvm::StringMap<uint64_t> entryIndex;
  std::map<CodeRef, uint64_t> labelIndex;
};

/// Ends the block after each call with a jump to a new block: the call's
/// return site, which PVM reaches through the jump table.
void splitAfterCalls(rv::FuncOp func) {
  SmallVector<Operation *> calls;
  func.walk([&](Operation *op) {
    if (isa<rv::CallOp, rv::CallIndirectOp>(op))
      calls.push_back(op);
  });
  OpBuilder builder(func.getContext());
  for (Operation *call : calls) {
    Block *continuation = call->getBlock()->splitBlock(call->getNextNode());
    builder.setInsertionPointAfter(call);
    rv::JalOp::create(builder, call->getLoc(), ValueRange(), continuation);
  }
}

/// Blocks reachable from `roots`.
llvm::SmallPtrSet<Block *, 32> reachableBlocks(SmallVector<Block *> work) {
  llvm::SmallPtrSet<Block *, 32> reached;
  while (!work.empty()) {
    Block *block = work.pop_back_val();
    if (!reached.insert(block).second)
      continue;
    llvm::append_range(work, block->getSuccessors());
  }
  return reached;
}

/// Erases the blocks of `func` that neither its entry nor a block whose
/// address the program takes (`refs`) leads to, before the jump table is
/// numbered: a call in such a block would take an entry that no block
/// then declares. (A label some other function's copy of the code owns
/// is such a block.)
void eraseUnreachableBlocks(rv::FuncOp func, const std::set<CodeRef> &refs) {
  SmallVector<Block *> roots = {&func.getBody().front()};
  for (Block &block : func.getBody())
    if (llvm::any_of(block.getOps<rv::CodeLabelOp>(), [&](rv::CodeLabelOp l) {
          return refs.count({func.getSymName(), uint64_t(l.getAddress())});
        }))
      roots.push_back(&block);
  llvm::SmallPtrSet<Block *, 32> live = reachableBlocks(roots);
  SmallVector<Block *> dead;
  for (Block &block : func.getBody())
    if (!live.contains(&block))
      dead.push_back(&block);
  for (Block *block : dead)
    block->dropAllDefinedValueUses();
  for (Block *block : dead)
    block->erase();
}

/// Makes every block of `func` reachable in the CFG, as the conversion
/// requires: dead blocks are erased, and blocks entered only through the
/// jump table (computed gotos, labels whose address is stored) become
/// possible targets of the function's indirect jumps, which is where such
/// addresses go.
LogicalResult connectAddressTakenBlocks(rv::FuncOp func) {
  auto isAddressTaken = [](Block &block) {
    return llvm::any_of(block.getOps<rv::CodeLabelOp>(),
                        [](rv::CodeLabelOp label) {
                          return label->hasAttr(kJumpTableIndexAttr);
                        });
  };
  while (true) {
    Block *entry = &func.getBody().front();
    llvm::SmallPtrSet<Block *, 32> reached = reachableBlocks({entry});
    // What an orphan reaches stays: it becomes reachable with the orphan.
    SmallVector<Block *> orphans, dead;
    for (Block &block : func.getBody())
      if (!reached.contains(&block) && isAddressTaken(block))
        orphans.push_back(&block);
    SmallVector<Block *> roots = {entry};
    llvm::append_range(roots, orphans);
    llvm::SmallPtrSet<Block *, 32> live = reachableBlocks(roots);
    for (Block &block : func.getBody())
      if (!live.contains(&block))
        dead.push_back(&block);
    if (dead.empty() && orphans.empty())
      return success();
    for (Block *block : dead)
      block->dropAllDefinedValueUses();
    for (Block *block : dead)
      block->erase();
    if (orphans.empty())
      continue;
    SmallVector<rv::JalrOp> jumps;
    for (Block *block : reached)
      if (auto jump = dyn_cast<rv::JalrOp>(block->getTerminator()))
        jumps.push_back(jump);
    if (jumps.empty())
      return func.emitOpError("has blocks whose address is taken but no "
                              "indirect jump that could reach them");
    for (rv::JalrOp jump : jumps) {
      SmallVector<Block *> targets(jump.getTargets());
      llvm::append_range(targets, orphans);
      OpBuilder builder(jump);
      rv::JalrOp::create(builder, jump.getLoc(), jump.getRs1(),
                         jump.getImmAttr(), jump.getUses(), targets);
      jump.erase();
    }
  }
}

/// One data segment of the PVM program: riscv segments sharing a page are
/// merged, since a page can belong to one capability only.
struct MergedSegment {
  std::string name;
  uint64_t base = 0, end = 0;
  bool writable = false;
  std::string init;
};

std::vector<MergedSegment> mergeSegments(rv::ProgramOp program) {
  SmallVector<rv::SegmentOp> segments(
      program.getBody().front().getOps<rv::SegmentOp>());
  llvm::sort(segments, [](rv::SegmentOp a, rv::SegmentOp b) {
    return a.getAddress() < b.getAddress();
  });
  std::vector<MergedSegment> merged;
  for (rv::SegmentOp segment : segments) {
    uint64_t address = segment.getAddress();
    uint64_t end = address + segment.getSize();
    if (merged.empty() ||
        address >= llvm::alignTo(merged.back().end, kPageSize)) {
      merged.push_back({segment.getSymName().str(), address, end,
                        segment.getWritable(), ""});
    } else {
      merged.back().end = std::max(merged.back().end, end);
      merged.back().writable |= segment.getWritable();
    }
    MergedSegment &into = merged.back();
    StringRef init = segment.getInit();
    uint64_t offset = address - into.base;
    if (!init.empty()) {
      if (into.init.size() < offset + init.size())
        into.init.resize(offset + init.size(), '\0');
      std::copy(init.begin(), init.end(), into.init.begin() + offset);
    }
  }
  return merged;
}

/// Writes the jump-table address of each code pointer into the data.
LogicalResult patchCodePointers(rv::ProgramOp program,
                                const JumpTableBuilder &jumpTable) {
  SmallVector<rv::CodePointerOp> pointers(
      program.getBody().front().getOps<rv::CodePointerOp>());
  SmallVector<rv::SegmentOp> segments(
      program.getBody().front().getOps<rv::SegmentOp>());
  for (rv::CodePointerOp pointer : pointers) {
    FailureOr<uint64_t> address = jumpTable.addressOf(
        pointer, {pointer.getFunction(), uint64_t(pointer.getTarget())});
    if (failed(address))
      return failure();
    uint64_t value = *address;
    if (std::optional<int64_t> base = pointer.getBase())
      value -= uint64_t(*base); // PC-relative switch tables
    uint64_t at = pointer.getAddress(), size = pointer.getSize();
    auto holder = llvm::find_if(segments, [&](rv::SegmentOp segment) {
      return at >= uint64_t(segment.getAddress()) &&
             at + size <= uint64_t(segment.getAddress()) + segment.getSize();
    });
    if (holder == segments.end())
      return pointer.emitOpError("is not inside a data segment");
    // The importer trims trailing zero bytes; the pointer may lie past them.
    std::string bytes = holder->getInit().str();
    bytes.resize(std::max<uint64_t>(bytes.size(),
                                    at - holder->getAddress() + size),
                 '\0');
    for (uint64_t i = 0; i < size; ++i)
      bytes[at - holder->getAddress() + i] = char(value >> (8 * i));
    holder->setInit(bytes);
    pointer.erase();
  }
  return success();
}

} // namespace

LogicalResult grey::rebuildProgram(rv::ProgramOp program,
                                   const RISCVToPVMTypeConverter &converter,
                                   uint64_t stackSize, uint64_t heapSize,
                                   uint64_t argsPages) {
  SmallVector<rv::FuncOp> funcs(program.getBody().front().getOps<rv::FuncOp>());
  for (rv::FuncOp func : funcs) {
    if (failed(dropUnavailableRegisters(func)))
      return failure();
    splitAfterCalls(func);
  }

  // Code addresses the program stores or computes.
  std::set<CodeRef> refs;
  program.walk([&](Operation *op) {
    if (auto addr = dyn_cast<rv::CodeAddrOp>(op))
      refs.insert({addr.getFunction(), uint64_t(addr.getTarget())});
    if (auto pointer = dyn_cast<rv::CodePointerOp>(op))
      refs.insert({pointer.getFunction(), uint64_t(pointer.getTarget())});
  });
  for (rv::FuncOp func : funcs)
    eraseUnreachableBlocks(func, refs);
  JumpTableBuilder jumpTable(program);
  if (failed(jumpTable.assign(refs)) ||
      failed(patchCodePointers(program, jumpTable)))
    return failure();
  for (rv::FuncOp func : funcs)
    if (failed(connectAddressTakenBlocks(func)))
      return failure();
  SmallVector<rv::CodeAddrOp> addrs;
  program.walk([&](rv::CodeAddrOp op) { addrs.push_back(op); });
  for (rv::CodeAddrOp addr : addrs) {
    FailureOr<uint64_t> value = jumpTable.addressOf(
        addr, {addr.getFunction(), uint64_t(addr.getTarget())});
    if (failed(value))
      return failure();
    OpBuilder builder(addr);
    auto constant =
        rv::ConstantOp::create(builder, addr.getLoc(), addr.getType(),
                               builder.getI64IntegerAttr(int64_t(*value)));
    addr.replaceAllUsesWith(constant.getResult());
    addr.erase();
  }

  // Data keeps its ELF address, which must be one of PVM's 32-bit ones.
  for (rv::SegmentOp segment :
       program.getBody().front().getOps<rv::SegmentOp>()) {
    constexpr uint64_t kAddressSpace = uint64_t(1) << 32;
    uint64_t address = segment.getAddress(), size = segment.getSize();
    if (address > kAddressSpace || size > kAddressSpace - address)
      return segment.emitOpError("at 0x")
             << llvm::utohexstr(address) << " (" << size
             << " bytes) does not fit in PVM's 32-bit address space";
  }

  // Memory: the stack sits below the lowest data page, as in the
  // reference, unless a size is given.
  std::vector<MergedSegment> segments = mergeSegments(program);
  uint64_t lowestData = segments.empty() ? 0 : segments.front().base;
  uint64_t stack = stackSize;
  if (stack == 0)
    stack = segments.empty() ? kDefaultStack
                             : llvm::alignDown(lowestData, kPageSize);
  if (stack == 0 || stack % kPageSize != 0)
    return program.emitOpError("stack size ")
           << stack << " is not a positive number of pages";
  if (!segments.empty() && stack > lowestData)
    return program.emitOpError("the stack (")
           << stack << " bytes from address 0) overlaps data at 0x"
           << llvm::utohexstr(lowestData);
  if (heapSize % kPageSize != 0)
    return program.emitOpError("heap size ")
           << heapSize << " is not a whole number of pages";

  OpBuilder builder(program);
  Location loc = program.getLoc();
  MLIRContext *ctx = program.getContext();
  auto pvmProgram = pvm::ProgramOp::create(
      builder, loc, FlatSymbolRefAttr::get(ctx, kStartFunction),
      builder.getI64IntegerAttr(stack), builder.getI64IntegerAttr(heapSize),
      pvm::CapLayoutAttr::get(ctx, pvm::CapLayout::Current), IntegerAttr());
  if (argsPages != 1) // absent means the writer's one page
    pvmProgram.setArgsPages(argsPages);
  Block *body = builder.createBlock(&pvmProgram.getBody());
  builder.setInsertionPointToStart(body);

  for (const MergedSegment &segment : segments)
    pvm::SegmentOp::create(
        builder, loc, segment.name, segment.base, segment.end - segment.base,
        segment.writable ? pvm::Access::RW : pvm::Access::RO, segment.init);

  // Start-up: sp at the top of the stack, then the ELF entry point.
  auto start = pvm::FuncOp::create(builder, loc, kStartFunction);
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.createBlock(&start.getBody());
    Operation *sp =
        ctx->getLoadedDialect<pvm::PVMDialect>()->materializeConstant(
            builder, builder.getI64IntegerAttr(stack),
            pvm::RegType::get(ctx, pvm::Reg::R1), loc);
    pvm::TailCallOp::create(builder, loc, program.getEntryAttr(),
                            sp->getResults());
  }

  for (rv::FuncOp func : funcs) {
    auto pvmFunc =
        pvm::FuncOp::create(builder, func.getLoc(), func.getSymName());
    pvmFunc.getBody().takeBody(func.getBody());
    // The entry block of a PVM function has no arguments: read the
    // registers live on entry from the machine, then enter the old entry.
    Block *oldEntry = &pvmFunc.getBody().front();
    Block *entry = new Block();
    pvmFunc.getBody().push_front(entry);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(entry);
    if (std::optional<uint64_t> index =
            jumpTable.entryIndexOf(func.getSymName()))
      pvm::JumpTableEntryOp::create(builder, func.getLoc(),
                                    builder.getI64IntegerAttr(*index));
    SmallVector<Value> liveIn;
    for (BlockArgument arg : oldEntry->getArguments()) {
      Type type = converter.convertType(arg.getType());
      if (!type)
        return func.emitOpError("has an unmappable live-in register ")
               << arg.getType();
      liveIn.push_back(
          pvm::GetRegisterOp::create(builder, func.getLoc(), type));
    }
    pvm::FallthroughOp::create(builder, func.getLoc(), liveIn, oldEntry);
  }
  program.erase();
  return success();
}
