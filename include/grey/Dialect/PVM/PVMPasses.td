//===- PVMPasses.td - passes on the PVM dialect ------------*- tablegen -*-===//
//
// Every pass over `pvm` IR.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMPASSES_TD
#define GREY_DIALECT_PVM_PVMPASSES_TD

include "mlir/Pass/PassBase.td"

def PVMVerifyRegisters : Pass<"pvm-verify-registers"> {
  let summary = "check that no two live values share a register";
  let description = [{
    Fails when a value is written into a register while another value
    assigned to that register is still live, or when two values live into a
    block share a register. Unallocated values (`!pvm.reg`) are ignored.
    Changes nothing; run it in tests after every pass that touches
    registers.
  }];
}

def PVMFoldConstants : Pass<"pvm-fold-constants"> {
  let summary = "fold constant operands into immediate forms";
  let description = [{
    The reference translator's constant fusions (anchors grey-transpiler
    T2, T5–T7, P1–P3), done with SSA use lists so a constant whose register
    is still read stays: a register operand defined by `load_imm K` becomes
    the immediate of the instruction's immediate form (`add_64 x, K` →
    `add_imm_64 x, K`; `K << x` → `shlo_l_imm_alt_64`; `K < x` →
    `set_gt_*_imm`; branches on a constant → `branch_*_imm`; a constant base
    → an absolute load or store; a constant stored value →
    `store_imm_ind_*`), constant operations fold to `load_imm`, and
    `load_imm`s nothing reads any more disappear. Keeps every value in its
    register and never reorders or merges blocks.
  }];
}

def PVMDeadCodeElimination : Pass<"pvm-dce", "::grey::pvm::FuncOp"> {
  let summary = "remove instructions, block arguments and blocks nothing needs";
  let description = [{
    Dead-code elimination across blocks on register-typed SSA. Starting from
    what must stay (stores, host calls, calls, branches and what they read,
    the registers returns and tail calls pass on, jump-table entries), it
    marks the values those need, following block arguments back to the
    branches that pass them; everything unmarked goes. A definition whose
    register is overwritten on every path before a read has no SSA use, so
    it goes too. An unused load goes only when it cannot fault (optimizer's
    contract, docs/Optimizer.md): its address lies in a data segment, or the
    same bytes were accessed earlier in the block through the same base
    value. Blocks that no path from the function's entry reaches and that
    the jump table does not name go as well. A call's or host call's
    results stay even when unused: they say which registers it clobbers.
  }];
}

def PVMSubstituteBuiltins : Pass<"pvm-substitute-builtins", "::grey::pvm::FuncOp"> {
  let summary = "replace memcpy, memmove, memset, memcmp and bcmp with grey's own code";
  let description = [{
    Gives the functions named `memcpy`, `memmove`, `memset`, `memcmp` and
    `bcmp` grey's own bodies: 8-byte accesses (unaligned ones are allowed on
    PVM and cost what a byte costs), 32 bytes copied, 64 bytes set or 8
    bytes compared per gas block, and copies or fills shorter than that done
    in one block of overlapping words. The names are the C library's: the C
    and Rust compilers already assume their meaning (they call them for
    struct and slice copies and comparisons and turn loops into them), so a
    guest that defines them differently is already miscompiled by its own
    compiler. The copies and fills touch exactly the bytes the C standard
    says, each at least once, so they fault exactly when the guest's would;
    memcpy gets memmove's body, which is right for every memcpy call.
    memcmp (and bcmp, which gets its body) reads a word only where it does
    not cross a page and starts at a byte the guest's loop reads, so it
    touches no page the guest's would not. A function that code enters
    other than at its entry (a jump-table entry inside it) is kept, with a
    missed-optimization remark in category `pvm-substitute-builtins`.
  }];
}

def PVMInline : Pass<"pvm-inline"> {
  let summary = "replace direct calls by a copy of the callee";
  let description = [{
    Copies the body of the callee in place of a `pvm.call`: the call's
    block runs straight into the callee's first block, and each return
    (`jump_ind` through r0, the psABI return) becomes a jump to the
    continuation. Values keep their registers: at a call only values in the
    callee-saved registers (sp, r5, r6) live on, and the callee hands those
    back at each return (the contract the translation's call model already
    relies on), so the continuation takes them, and the call's results, as
    block arguments. The callee's frame stays as it is inside the caller's:
    the copy moves the stack pointer down and back up exactly as the call
    did, so stack accesses, faults and the stack-depth analysis see the
    same addresses. Return sites inside the copy get new jump-table
    entries; the inlined call's own return site is retired (its number
    stays declared on a block that traps), since nothing jumps to it any
    more; a callee that uses its return address for anything but returning
    and saving it in its frame is not inlined.

    Not inlined: indirect calls, callees with tail calls, switch tables or
    other jumps through registers, callees that never return, and a
    recursive function into itself more than once (call sites in a copy are
    not visited again). Functions are visited callees first. A call site is
    inlined when the callee has at most `max-callee-size` instructions (or
    it is the callee's only caller and the callee's address is not taken),
    the caller stays under `max-function-size` instructions and the
    program's growth stays under `max-growth` percent; the cost query
    estimates what each site saves, and sites in loops and with the largest
    saving per instruction go first. Each inlined site asks the bisection
    gate; `-Rpass=pvm-inline` reports each, `-Rpass-missed=pvm-inline` why
    a call stayed. Expects allocated IR (the unallocated values of earlier
    passes make a site or callee ineligible).
  }];
  let options = [
    Option<"maxCalleeSize", "max-callee-size", "unsigned", /*default=*/"200",
           "largest callee, in instructions, to copy into any caller">,
    Option<"maxFunctionSize", "max-function-size", "unsigned",
           /*default=*/"4000",
           "largest a caller may grow to, in instructions">,
    Option<"maxGrowth", "max-growth", "unsigned", /*default=*/"300",
           "most the program's code may grow, in percent of its "
           "instructions">,
  ];
}

def PVMRemoveDeadFunctions : Pass<"pvm-remove-dead-functions"> {
  let summary = "remove functions no code can reach";
  let description = [{
    Removes the functions that no call or tail call reaches from the
    program's entry function or from an address-taken function (one whose
    entry is a jump-table entry: code pointers in registers or data may
    reach it from anywhere). Control passes between functions only that way:
    the ELF importer turns code that falls into the next function into a
    tail call. The jump-table entries of a removed function (its return
    sites) are retired: their numbers stay declared on a block that traps,
    so no code address changes meaning. Each removal asks the bisection gate;
    `-Rpass=pvm-remove-dead-functions` names each removed function.
  }];
}

def PVMInterproceduralRegisters : Pass<"pvm-interprocedural-registers"> {
  let summary = "direct calls name only the registers the callee reads and writes";
  let description = [{
    Computes for every function which argument registers it reads and which
    caller-saved registers (t0-t2, a0-a5) it may change, through its
    callees (CallRegisters.h, a least fixpoint over the call graph). Then:

    - a direct call or tail call passes only the argument registers its
      callee reads (`uses`), so values computed only for the others die;
    - a direct call defines only the registers its callee writes (`defs`,
      plus the link register), so its caller may keep values in the others
      across the call. The callee says it hands them back: each of its
      returns and tail calls names their entry value, so they are live
      throughout it and no later pass there takes them.

    Indirect calls, and calls into a function through its address, keep
    the whole calling convention: the callee is unknown there, and a callee
    only ever hands back more than the convention asks. Each rewrite asks
    the bisection gate.
  }];
}

def PVMFormTailCalls : Pass<"pvm-form-tail-calls"> {
  let summary = "a direct call whose return site only returns becomes a tail call";
  let description = [{
    A `pvm.call` whose return path (the continuation and the blocks it
    jumps or falls into, such as an epilogue other paths share) does nothing
    but the function's return sequence (reload the return address and
    callee-saved registers from the frame, copy them, move the stack pointer
    back up by a constant, `jump_ind` through r0 passing the call's results
    on unchanged) becomes a copy of that sequence followed by a
    `pvm.tail_call`: the callee returns straight to the caller's caller. The
    return site's jump-table entry is retired (a jump to it traps), as
    pvm-inline does.

    The callee then runs with the caller's frame released, so a call is
    left alone when the callee could still reach that frame: an address
    derived from the stack pointer is stored to memory or handed to any
    call, tail call or jump of the function (the frame escapes), or the
    callee, or a function it tail-calls, touches memory at or above its
    entry stack pointer (stack-passed arguments, varargs; StackDepth.h).
    It is also left alone when a reload would overwrite a register the call
    passes, or reload a register the callee does not hand back. A tail call
    never costs more gas than the call, its return site and the return, so
    the pass does not ask the cost query. Each rewrite asks the bisection
    gate; `-Rpass=pvm-form-tail-calls` reports each, `-Rpass-missed` why a
    call followed by a return stayed. Indirect calls are not changed.
  }];
}

def PVMAttachProfile : Pass<"pvm-attach-profile"> {
  let summary = "put a profile's execution counts on the functions";
  let description = [{
    Reads a profile in guest addresses (`@function 0xaddress count` per
    line: how often a gas block that started with the code of the RISC-V
    instruction at that address ran; Analysis/GuestProfile.h) and attaches
    it to every function as `pvm.profile`, which the control-flow passes
    read through BlockFrequency. grey-compile --profile-use makes such a
    profile from grey-run --profile and runs this pass right after the
    conversion; here `file` names one for tests. Functions the profile
    does not name get an empty one: they never ran.
  }];
  let options = [
    Option<"file", "file", "std::string", "",
           "the profile (`@function 0xaddress count` lines)">,
  ];
}

def PVMFormSuperblocks : Pass<"pvm-form-superblocks"> {
  let summary = "merge, thread and tail-duplicate blocks into longer gas blocks";
  let description = [{
    A gas block ends at every terminator, pays its own longest dependence
    chain and at least 1, and a `jump` alone costs 15 cycles: code that
    shares one gas block is cheaper than the same code in two. This pass
    grows single-entry blocks along jump and fall-through edges:

    - Merge: a block whose only predecessor reaches it by `jump` or
      `fallthrough` (the function's entry block of `get_register`s
      included) is appended to that predecessor.
    - Thread: an edge to a block that holds nothing but a `jump` or
      `fallthrough` goes straight to that block's destination (a branch's
      `next` edge only when the destination can then be laid out after the
      branch).
    - Tail-duplicate: a block of at most `max-block-size` instructions that
      a predecessor reaches by `jump` or `fallthrough` is copied into that
      predecessor when the cost query (GasCost.h) says the copy is cheaper
      than the two gas blocks it replaces. The copy of a block that ends in
      a branch must fall through to the branch's taken successor (inverting
      the branch), so it is made only when nothing else needs that block
      laid out next; this rotates loops whose latch jumps to the header.
      Candidates are taken hottest first (edge frequency times gas saved per
      copied instruction, BlockFrequency.h) while the copies fit the code
      growth bounds: per function `max-function-growth` percent of its
      instructions plus 16, per program `max-program-growth` percent of its
      instructions plus 64.

    What it leaves: blocks that are jump-table entries (return sites,
    computed-goto targets) stay block starts, since the jump table must
    point at a gas block; blocks entered by a branch stay where they are
    (the branch's cost is the block's end either way); call continuations
    stay after their calls. Merging and threading never change a value's
    register. Blocks nothing reaches any more go; the result is laid out
    legally (ControlFlow.h), otherwise in the order it had.
  }];
  let options = [
    Option<"maxBlockSize", "max-block-size", "unsigned", "8",
           "largest block (in instructions) that is tail-duplicated">,
    Option<"maxFunctionGrowth", "max-function-growth", "unsigned", "25",
           "code growth allowed per function, in percent of its instructions "
           "(plus 16 instructions)">,
    Option<"maxProgramGrowth", "max-program-growth", "unsigned", "10",
           "code growth allowed per program, in percent of its instructions "
           "(plus 64 instructions)">,
  ];
}

def PVMUnrollCounted : Pass<"pvm-unroll-counted"> {
  let summary = "unroll loops with their counted exit tests computed once per "
                "k iterations";
  let description = [{
    A gas block ends at every branch, so a one-block loop pays a block (and
    its 20-cycle branch, and the latency of its memory accesses, which do
    not overlap across blocks) per iteration. When the loop's exit test
    depends only on values the loop computes from its own arguments without
    memory (counters, pointers, bounds: the test's slice, followed around
    the back edge), the tests of the next k iterations can be computed
    before those iterations run. This pass makes a block of k copies of the
    body followed by the tests of the next k iterations, reduced with
    `or`/`and` to one value and one branch back; a guard block computes the
    first k tests where the loop was entered. When any of the k would leave,
    control goes to the original block, which runs what is left and is the
    only way out of the loop.

    The same holds for a loop that is one path of blocks (each entered only
    from the one before; found from every back edge, so an inner cycle that
    shares its header with an outer loop counts): exits whose tests the
    loop computes without memory are computed ahead and left out of the
    copies, other exits (a test of a loaded value) stay in the copies as
    branches to an `unlikely` block before their target (cost 1), which the
    target must take only as block arguments. An iteration of insertion
    sort's inner loop then costs one gas block instead of two.

    The tests are the loop's own instructions (its exact wrap-around and
    width semantics), evaluated ahead, so any exit test qualifies: up or
    down, equality or ordering, signed or unsigned, 32 or 64 bits, against
    a constant or a register the loop does not change. The copies keep the
    registers of the original block (loops whose back edge would need a
    register move are left alone); the values of the tests are unallocated
    and placed by RegisterAssigner, the unrolling undone when one finds no
    register. k is 2, 4 or 8 (up to `max-factor`, and k copies at most
    `max-unrolled-size` instructions), the one the cost query charges least
    per entry for the expected trip count (BlockFrequency: the profile, or
    32), and only when that is cheaper than the loop as it is; loops are
    unrolled hottest first within `max-program-growth` percent of the
    program's instructions (plus 64). A loop whose count is only the
    static guess may get a wider k, cheaper when counts vary, from the
    budget those choices leave over. The new back edges carry
    `pvm.unrolled`, which pvm-unroll-loops respects.
  }];
  let options = [
    Option<"maxFactor", "max-factor", "unsigned", "8",
           "most copies of the loop body in the unrolled block">,
    Option<"maxUnrolledSize", "max-unrolled-size", "unsigned", "128",
           "most instructions of all copies of the body together">,
    Option<"maxProgramGrowth", "max-program-growth", "unsigned", "50",
           "code growth allowed per program, in percent of its instructions "
           "(plus 64 instructions)">,
  ];
}

def PVMUnrollLoops : Pass<"pvm-unroll-loops"> {
  let summary = "unroll one-block loops so most loop branches cost 1";
  let description = [{
    A loop that is one block pays a 20-cycle branch per iteration, as its
    back edge must be the branch's taken successor. Superblock loop
    unrolling: the block is copied k times in a row; each copy falls
    through to the next and leaves the loop by branching (with the inverted
    condition) to a block that starts with `unlikely` and falls through to
    the exit, so every copy's branch costs 1 (gas-model.md §4.1); after the
    last copy a `jump` (15 cycles) goes back to the first. Per entry of the
    loop this trades t·c for t·c' + (t/k)·j + u, where t is the expected
    number of iterations (BlockFrequency.h: the profile, or 32 from the
    static back-edge probability), c and c' the block's cost with the
    expensive and the cheap branch, j the jump block's cost and u the
    `unlikely` block's under the optimizer's model (37: the costlier
    reading, optimizer's contract); the loop is unrolled only when that
    pays. k is the expected trip count rounded up, between 2 and
    `max-factor`, and at most `max-unrolled-size` instructions in all;
    copies are made hottest loop first while they fit
    `max-program-growth` percent of the program's instructions (plus 64).

    Only loops whose exit can take the `unlikely` block right before it
    (nothing else falls through into the exit) and whose values are used
    only in the loop block are unrolled; each copy keeps every value in its
    register.
  }];
  let options = [
    Option<"maxFactor", "max-factor", "unsigned", "8",
           "most copies of a loop block">,
    Option<"maxUnrolledSize", "max-unrolled-size", "unsigned", "96",
           "most instructions of all copies of a loop block together">,
    Option<"maxProgramGrowth", "max-program-growth", "unsigned", "15",
           "code growth allowed per program, in percent of its instructions "
           "(plus 64 instructions)">,
  ];
}

def PVMLayoutBlocks : Pass<"pvm-layout-blocks"> {
  let summary = "order blocks so likely successors fall through";
  let description = [{
    Orders each function's blocks into chains so that, on the likely path,
    a block's successor is the block laid out next: a `jump` to it becomes
    a `fallthrough` (2 cycles instead of 15) and a branch keeps it as
    `next`, inverting the branch (`branch_lt_u` ↔ `branch_ge_u`,
    `branch_le_s_imm` ↔ `branch_gt_s_imm`, …, ConditionalBranchOpInterface)
    when the likely successor was its `target`.

    Edges are taken by decreasing frequency (BlockFrequency.h: a profile
    when the function has one, else static heuristics: loop back edges
    taken, loop exits and paths to `trap`, to functions that never return
    and to panic handlers unlikely); an edge joins two chains when its
    source ends one and its destination starts the other. Calls and their
    continuations, and `unlikely` and its successor, are never separated.
    The entry block's chain comes first, then the other chains hottest
    first; chains that run only on paths that cannot leave the function
    (or, with a profile, never ran) go to the end. Where a branch's `next`
    cannot follow it, a block that jumps is put after it (ControlFlow.h).
  }];
}

def PVMMarkColdPaths : Pass<"pvm-mark-cold-paths"> {
  let summary = "make branches to cold paths cost 1 instead of 20";
  let description = [{
    A conditional branch costs 20 cycles, but 1 when its target starts with
    `trap` or `unlikely` (gas-model.md §4.1). Run after pvm-layout-blocks,
    which makes the likely successor the fall-through, so cold successors
    are targets:

    - Trap paths: a branch whose target leads only to `trap` with nothing
      observable on the way (only ops without memory effects, none writing
      φ7, which a caller of a trapped VM receives; no store, load, host
      call or call) branches straight to a block holding only `trap`, made
      once per function at its end.
    - Unlikely: otherwise a target that only this branch enters gets a
      block of its own holding `unlikely` laid out right before it, when
      `f(b) * s > f(b→t) * u`: f(b) is how often the branch block runs,
      s the gas the cheaper branch saves its block (cost query, GasCost.h),
      f(b→t) how often the target is taken and u the gas of the `unlikely`
      block under the optimizer's model (37: `unlikely` costs 40 cycles in
      the Lean spec and the interpreter, 2 in the recompiler). Without a
      profile only targets from which the function cannot be left normally
      (paths to trap, noreturn calls, panics) qualify, as static guesses
      of other probabilities are too rough for a 37-gas bet.
  }];
}

def PVMIfConvert : Pass<"pvm-if-convert"> {
  let summary = "turn short diamonds and triangles into conditional moves";
  let description = [{
    A branch ends its gas block and costs 20 cycles. When a branch only
    chooses between two short ways of computing some values before a common
    join (a diamond: both successors are arms that jump or fall through to
    the join; a triangle: one successor is such an arm, the other the join
    itself), this pass computes both ways in the branch's block and selects
    with `cmov_iz`/`cmov_nz` (`cmov_iz_imm`/`cmov_nz_imm` for a constant),
    then jumps to the join, which is appended when nothing else enters it.

    An arm qualifies when only the branch enters it, it holds at most
    `max-arm-size` instructions, all without memory effects (no load that
    could fault, no store, call or host call) and none a conditional move,
    and its values are used only in it. The condition is computed into a
    register: the compared register itself for a comparison with 0,
    `xor`/`xor_imm` for other (in)equalities, `set_lt_*`/`set_gt_*_imm`
    for orderings. Every value computed this way is new and unallocated
    (`!pvm.reg`); each select's `prev` is a `move_reg` copy in the result's
    register (the instruction reads and writes one register). The rewrite
    is kept only when the cost query (GasCost.h) charges the new code less
    than the cheapest path through the old one, and RegisterAssigner finds
    a register for every new value (docs/Optimizer.md); otherwise the
    original code stays.
  }];
  let options = [
    Option<"maxArmSize", "max-arm-size", "unsigned", "4",
           "most instructions an arm may hold (its jump not counted)">,
  ];
}

def PVMLoopInvariantCodeMotion : Pass<"pvm-licm"> {
  let summary = "move arithmetic and loads a loop does not change out of it";
  let description = [{
    An op without memory effects (PVM arithmetic never traps) whose operands
    the loop does not change (defined outside it, header arguments every
    latch hands back unchanged, or results of other ops that move) computes
    the same value at every iteration. So does a load from such an address
    when nothing in the loop may write its bytes (MemoryModel: no store that
    may alias it, no call or host call that may reach it); it moves only
    where SafeAccesses proves it cannot fault, both in the loop and before
    it, on what runs before it there. This pass moves such ops, innermost
    loops first, to the end of the block that enters the loop, or to a new
    preheader when several blocks enter it or they pass the header
    different values. The moved values become unallocated and
    RegisterAssigner places them, preferring the register they had: they
    now occupy a register across the whole loop, and when none is free (or
    a branch would need a move to pass one on) the loop keeps its ops.

    A loop's ops move together, and only when the cost query charges the
    loop's blocks (weighted by BlockFrequency) less, net of what the
    entering block gains; at equal gas, when they run fewer instructions.
    Conditional moves (they read their destination), register copies and
    values the ABI places (call, host-call and jump operands) stay.
  }];
}

def PVMAllocateRegisters : Pass<"pvm-allocate-registers", "::grey::pvm::FuncOp"> {
  let summary = "give every unallocated value a register";
  let description = [{
    Assigns each `!pvm.reg` value a register, in dominance order, with
    RegisterAssigner (Transforms/RegisterAssignment.h): a register no value
    it interferes with holds, preferring one it is copied from or to, so
    unchanged code keeps its registers and copies vanish. Then makes every
    branch pass its block arguments in their registers, with parallel moves
    before the branch (or on a new block on the edge when the branch has two
    successors; cycles are broken with three `xor`s, which need no scratch
    register), and removes `move_reg`s whose source and destination ended
    up in one register. The allocator never spills: a pass that creates an
    unallocated value asks RegisterAssigner first and undoes its rewrite
    when no register is free (docs/Optimizer.md), so a value left with no
    register is reported as an error. Unallocated values must not be passed
    where the ABI fixes the register (call, tail-call, return, host-call and
    indirect-jump operands); that is reported too.
  }];
}

def PVMLegalizeJITHazards : Pass<"pvm-legalize-jit-hazards"> {
  let summary = "rewrite code that javm's x86-64 recompiler miscompiles";
  let description = [{
    Finds every occurrence of the known recompiler bugs
    (anchors/javm-recompiler-bugs.md, detector in Target/Blob/JITHazards.h)
    in each block's instruction stream and rewrites it into an equivalent
    form the recompiler compiles correctly, choosing among the forms that
    remove it the one whose gas block costs least in the single-pass model:

    - A (shift by a register into φ12): compute into a free register and
      `move_reg` the result to φ12, or (64-bit, count in φ12) move the
      count to a free register first.
    - B (stale scaled-address record): rewrite the `shlo_l_imm_64 D,S,s` or
      `add_64 D,S,S` that started the record as `move_reg D,S` plus the
      in-place shift, or as `mul_imm_64 D,S,2^s`; neither is recorded.
    - C (scaled-index fusion): `add_64 D,A,A; add_64 D,D,D` becomes
      `[move_reg D,A;] shlo_l_imm_64 D,D,2`, `mul_imm_64 D,A,4`, or the
      second add an in-place shift by 1.
    - D (stale carry flag): a `move_reg` into a free register before the
      `set_lt_u` makes the recompiler forget the add (with no free register,
      a store of φ1 just below the stack pointer does).
    - E (division): sign-extend (`add_imm_32 x, 0`) the operands of a 32-bit
      division the block does not show extended; guard a signed division
      branch-free: `t = (b + 1) | (a << 1)` (a remainder needs only
      `b + 1`), `b' = cmov_iz_imm t, 1, b`, so MIN / -1 never reaches the
      divide while every result stays the same.

    Scratch registers are registers that hold no live value at that point
    (values typed with a register are the only register state). When a
    rewrite needs more than are free, it borrows registers whose values are
    live across the rewrite: each is stored just below the stack pointer
    (`store_ind_u64 v, φ1, -8k`) before and reloaded after, and later uses
    read the reloaded value. Memory below the stack pointer is unused stack
    in the RISC-V ABI, so this only faults where the program's stack is
    already full.

    Expects allocated, laid-out IR; runs last at every level, so that
    nothing after it can bring a pattern back (the blob writer refuses one
    anyway). Keeps every value in its register.
  }];
}

def PVMForwardLoads : Pass<"pvm-forward-loads", "::grey::pvm::ProgramOp"> {
  let summary = "replace loads of bytes a register already holds";
  let description = [{
    A load whose bytes an earlier store or load put in a register (or a
    store wrote as an immediate) on every path from the function's entry,
    with no store, call or host call that may write them in between
    (MemoryModel, Analysis/MemoryAccess.h), becomes register operations:
    nothing or a `move_reg` when the widths and extensions agree, a shift
    and an extension when the load reads part of the bytes or extends them
    differently (`store_u32` then `load_i32`: `add_imm_32 x, 0`), a
    `load_imm` for an immediate. Facts flow along dominance: across blocks,
    around loops (a block argument that receives the holding register on
    every edge holds the bytes too), past stores that provably do not
    overlap and, for private frame slots, past calls and host calls.

    A load that is removed cannot fault: the same bytes were accessed
    through the same address on every path before it (docs/Optimizer.md).
    When the holding register is overwritten before the load, the bytes are
    copied into an unallocated value right where they were stored or
    loaded, and RegisterAssigner gives it a register; when none is free the
    load stays. A rewrite is also undone when the cost query says the
    blocks it touches would cost more gas. Bytes a loop left in a register
    are not forwarded to a load after the loop: that would make a value of
    the loop live after it and keep the loop from being unrolled. Anchored on the program because
    a call's effect on the caller's frame depends on the callee
    (StackArgumentAreas). Expects allocated IR; leaves it allocated.
  }];
}

def PVMPromoteStackSlots : Pass<"pvm-promote-stack-slots", "::grey::pvm::ProgramOp"> {
  let summary = "keep private frame slots in registers";
  let description = [{
    A slot of the function's own frame that does not escape (MemoryModel,
    Analysis/MemoryAccess.h), that only whole 8-byte loads and stores touch
    at a known offset, that no call, host call or other op may read or
    write, and that no path reads before a store, lives in registers
    instead: each store becomes a copy of the stored value (a `load_imm`
    for an immediate) into an unallocated value, each load a `move_reg`
    of the value before it into the load's own register, and a block where
    edges with different values meet gets an argument. This is stack-slot
    promotion (mem2reg) on allocated code, for the spill slots and locals
    the guest compiler kept in memory.

    RegisterAssigner gives the new values registers at once; when none is
    free over the slot's whole life, or an edge would have to pass
    the value in another register (allocated code needs no moves), or the cost query
    (weighted by block frequency) says the blocks would cost more gas, the
    slot stays as it was. The loads and stores go only when none of them
    could fault, proven without them (SafeAccesses). Slots are tried
    hottest first. `-Rpass[-missed]=pvm-promote-stack-slots` says which
    slots moved and why the others stayed. Anchored on the program because
    a call's effect on the caller's frame depends on the callee
    (StackArgumentAreas). Expects allocated IR; leaves it allocated.
  }];
}

def PVMEliminateDeadStores : Pass<"pvm-eliminate-dead-stores", "::grey::pvm::ProgramOp"> {
  let summary = "remove stores whose bytes nothing reads";
  let description = [{
    A store is dead when no path from it reads its bytes before a store
    that overwrites all of them: a load that may overlap them, a call, tail
    call, host call, return or `trap` that may see them (MemoryModel,
    Analysis/MemoryAccess.h) reads them. A private frame slot is forgotten
    when the function returns, so a store to it that no later load reads is
    dead too (a spill whose reloads were forwarded away, a slot written
    just before the function returns).

    A dead store goes only when it cannot fault (SafeAccesses, proven
    without the other stores that go): otherwise the program would stop
    faulting there (docs/Optimizer.md). Anchored on the program because a
    call's effect on the caller's frame depends on the callee
    (StackArgumentAreas).
  }];
}

def PVMSizeStack : Pass<"pvm-size-stack"> {
  let summary = "map only the stack pages the program can use";
  let description = [{
    Bounds the program's stack depth with the stack-depth analysis (the
    call graph, every function's stack-pointer adjustments and the stack
    slots it touches; see StackDepth.h) and shrinks the stack cap to that
    depth plus `margin` bytes, rounded up to whole pages. The stack keeps its
    place at address 0 (so page 0 stays mapped and stack addresses stay
    offsets into the stack cap, kernel-abi.md §8), and the start function's
    `load_imm sp, TOP` is rewritten so the stack still ends where the first
    stack pointer points. Each page not mapped saves 1500 gas at load.

    When the depth is unbounded or unknown (recursion that grows the stack,
    a stack pointer changed by a non-constant amount, anything the analysis
    does not model), or the code names a fixed address inside the pages it
    would give up, the program keeps its stack, and a missed-optimization
    remark in category `pvm-size-stack` says why; a passed remark reports
    the new size and analysis remarks give each reachable function's frame
    and depth (`grey-compile -Rpass-missed=pvm-size-stack`, or `grey-opt
    --remarks-filter=pvm-size-stack`). Run it last: it sizes the frames the
    final code has.
  }];
  let options = [
    Option<"margin", "margin", "uint64_t", /*default=*/"256",
           "bytes added to the computed depth before rounding up to pages">,
  ];
}

def PVMSchedule : Pass<"pvm-schedule", "::grey::pvm::FuncOp"> {
  let summary = "reorder each gas block's instructions so it costs less gas";
  let description = [{
    List scheduling under the single-pass gas model (gas-model.md §5): in
    each gas block, every maximal run of instructions that only touch
    registers or memory is reordered within its dependences (a value's
    definition before its uses; since values are pinned to registers, a
    register's readers before its next writer and its writers in order;
    a store and another access in their order unless they provably touch
    different bytes: the same base value, or both absolute, with disjoint
    ranges; loads pass loads freely), placing
    first the instruction with the longest latency-weighted path to the end
    of the block, the gas block's last instruction (a branch waits for its
    operands) included. Two priorities are tried (that one, and memory ops
    first); an order is kept only when the cost query says the whole gas
    block costs less and it holds no more JIT hazards than the old one (the
    legalization that runs next would repair them at a cost the query does
    not see: reordered add_64/set_lt_u carry chains made secp256k1 0.9%
    dearer). Runs on allocated code, after pvm-allocate-registers and
    pvm-choose-forms, before the JIT-hazard legalization. Nothing crosses a
    gas-block boundary, a host call or a terminator.

    `gas-model=latency` decides with three-register instructions modelled
    by their real operands (the destination written, both sources read)
    instead of the consensus rule the kernel charges today (the first source
    written, the destination read; gas-model.md §3), for blobs that must stay
    good if the model is corrected.
  }];
  let options = [
    Option<"gasModel", "gas-model", "std::string", /*default=*/"\"consensus\"",
           "cost model to decide with: consensus (what the kernel charges) "
           "or latency (three-register forms by their real operands)">,
  ];
}

def PVMShareEpilogues : Pass<"pvm-share-epilogues"> {
  let summary = "let rarely run returns share one copy of their epilogue";
  let description = [{
    Return blocks (`jump_ind` through r0) whose last instructions are the
    same (same op, registers and immediates: typically the reloads of the
    return address and callee-saved registers, the frame pop and the
    return) keep one copy: a new block holds the common epilogue, taking as
    block arguments the registers it reads from before it, and each shared
    return block jumps to it (the most frequent one, laid out right before
    it, falls through). Only allocated code is compared, so it runs on
    allocated code, first after pvm-allocate-registers: after
    pvm-form-superblocks, whose tail duplication makes most of these
    copies, and before pvm-schedule and pvm-legalize-jit-hazards, which
    then see the blocks as they will be encoded.

    It saves code bytes but costs gas: each shared return pays a jump (15
    cycles) and a gas block more (cost query, GasCost.h, on the block split
    in two). The rule: with f(b) the frequency of a return block b and
    d(b) the gas one run of it costs more once shared, returns are taken
    cheapest f(b)·d(b) first while their sum stays within
    `max-gas-increase` percent of the function's own gas, the sum over its
    blocks of frequency times block cost (BlockFrequency.h: per entry
    statically, absolute counts with a profile). Since the budget is a
    share of every function's own gas, the program's gas grows by at most
    that share as far as the frequencies are right. So returns in
    functions whose gas is in loops go, returns of small leaf functions
    stay, and with a profile every return that never ran goes. Among the
    sets of at least two returns each return, with each epilogue length it
    has in common with another, can seed, the one that saves the most bytes
    is shared (one epilogue per function). `-Rpass=pvm-share-epilogues`
    reports each; each asks the bisection gate.
  }];
  let options = [
    Option<"maxGasIncrease", "max-gas-increase", "double", /*default=*/"0.01",
           "gas a function may cost more, in percent of its estimated own "
           "gas, for the returns it shares">,
  ];
}
def PVMChooseForms : Pass<"pvm-choose-forms", "::grey::pvm::FuncOp"> {
  let summary = "pick the operand order the gas model charges least for";
  let description = [{
    A commutative three-register instruction (`add_64`, `mul_64`, `and`,
    `or`, `xor`, `add_32`, `mul_32`, `mul_upper_s_s/u_u`, `xnor`, `min`,
    `max`, ...) computes the same value with its sources swapped, but the
    model does not charge both orders alike: decode slots depend on whether
    the destination equals the first source (gas-model.md §4, rule R3), and
    under the consensus three-register rule (§3) the first source is the
    register the model treats as written, so only the second source and the
    destination delay the instruction. For each such instruction, in order,
    the pass keeps the order for which the cost query charges the gas block
    less. Runs on allocated code before pvm-schedule, so the schedule is
    judged with the forms the code will have. `gas-model=latency`
    decides with three-register forms modelled by their real operands, which
    leaves only the decode-slot difference.
  }];
  let options = [
    Option<"gasModel", "gas-model", "std::string", /*default=*/"\"consensus\"",
           "cost model to decide with: consensus (what the kernel charges) "
           "or latency (three-register forms by their real operands)">,
  ];
}

//===----------------------------------------------------------------------===//
// Test passes: print analyses for lit tests.
//===----------------------------------------------------------------------===//

def PVMTestPrintLiveness : Pass<"pvm-test-print-liveness", "::grey::pvm::FuncOp"> {
  let summary = "print the register liveness of every block and op";
  let description = [{
    For lit tests of RegisterLiveness: prints, per block, the registers live
    in and out, and per op the registers live before and after it (and, for
    calls, host calls and returns, the registers live across it).
  }];
}

def PVMTestPrintLoops : Pass<"pvm-test-print-loops", "::grey::pvm::FuncOp"> {
  let summary = "print the natural loops, counters and exit tests";
  let description = [{
    For lit tests of LoopAnalysis: prints each loop's header, blocks,
    latches, exits, preheader and depth, the counters (header arguments
    stepped by a constant on every back edge, with their start value) and
    the exit tests (branches leaving the loop that compare a counter with
    a constant or a loop-invariant register). Blocks are numbered in
    layout order; a value prints as `^bbN#I` (argument I of block N) or as
    the name of the op that defines it, with its register.
  }];
}

def PVMTestPrintGasCost : Pass<"pvm-test-print-gas-cost", "::grey::pvm::FuncOp"> {
  let summary = "print what each block will cost in gas";
  let description = [{
    For lit tests of the cost query (Analysis/GasCost.h): prints, per block,
    the single-pass gas of one execution under the optimizer's model at the
    program's memory tier, and the function's total over its blocks.
  }];
}

def PVMTestPrintMemoryModel : Pass<"pvm-test-print-memory-model", "::grey::pvm::ProgramOp"> {
  let summary = "print what the memory model knows about every access";
  let description = [{
    For lit tests of MemoryModel (Analysis/MemoryAccess.h): prints, per
    function, whether its frame escapes and the stack-argument area callers
    must assume it touches; per load or store, its location, whether it is a
    private frame slot, whether it cannot fault (SafeAccesses), and which
    earlier accesses it may alias; per call,
    return or host call, which accesses of the function it may read or
    write.
  }];
}

def PVMTestPrintBlockFrequency : Pass<"pvm-test-print-block-frequency"> {
  let summary = "print branch probabilities and block frequencies";
  let description = [{
    For lit tests of BlockFrequency (Analysis/BlockFrequency.h): prints, per
    function, whether a profile was used and which functions never return;
    per block, its frequency, whether the function cannot be left from it
    (cold), and the probability of each successor edge.
  }];
}

#endif // GREY_DIALECT_PVM_PVMPASSES_TD
