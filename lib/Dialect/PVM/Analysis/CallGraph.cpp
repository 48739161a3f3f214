//===- CallGraph.cpp - who calls whom in a pvm.program --------------------===//

#include "grey/Dialect/PVM/Analysis/CallGraph.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"

#include <deque>

using namespace mlir;
using namespace grey::pvm;

bool grey::pvm::isReturn(JumpIndOp jump) {
  auto base = cast<RegType>(jump.getBase().getType());
  return base.getReg() == Reg::R0 && jump.getOffset() == 0 &&
         jump.getTargets().empty();
}

namespace {
/// A function with its callees, as llvm::scc_iterator walks them; the root
/// (no function) has every function as a child, so one walk visits all.
struct CallNode {
  FuncOp func;
  llvm::SmallVector<CallNode *> children;
};
} // namespace

template <> struct llvm::GraphTraits<CallNode *> {
  using NodeRef = CallNode *;
  using ChildIteratorType = llvm::SmallVector<CallNode *>::iterator;
  static NodeRef getEntryNode(CallNode *root) { return root; }
  static ChildIteratorType child_begin(NodeRef node) {
    return node->children.begin();
  }
  static ChildIteratorType child_end(NodeRef node) {
    return node->children.end();
  }
};

ProgramCallGraph::ProgramCallGraph(ProgramOp program) {
  for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
    functions.push_back(func);
    byName[func.getSymNameAttr()] = func;
  }
  entry = lookup(program.getEntryAttr());
  for (FuncOp caller : functions) {
    llvm::SmallVector<FuncOp> &out = callees[caller];
    caller.walk([&](Operation *op) {
      FlatSymbolRefAttr name;
      if (auto call = dyn_cast<CallOp>(op))
        name = call.getCalleeAttr();
      else if (auto tail = dyn_cast<TailCallOp>(op))
        name = tail.getCalleeAttr();
      FuncOp callee = name ? lookup(name) : FuncOp();
      if (!callee)
        return;
      callSites[callee].push_back(op);
      if (!llvm::is_contained(out, callee))
        out.push_back(callee);
    });
  }

  std::deque<CallNode> nodes;
  llvm::DenseMap<FuncOp, CallNode *> nodeOf;
  CallNode root;
  for (FuncOp func : functions) {
    nodeOf[func] = &nodes.emplace_back(CallNode{func, {}});
    root.children.push_back(nodeOf[func]);
  }
  for (CallNode &node : nodes)
    for (FuncOp callee : getCallees(node.func))
      node.children.push_back(nodeOf[callee]);
  // llvm::scc_iterator yields components callees first.
  for (auto scc = llvm::scc_begin(&root); !scc.isAtEnd(); ++scc) {
    llvm::SmallVector<FuncOp> members;
    for (CallNode *node : *scc)
      if (node != &root)
        members.push_back(node->func);
    if (members.empty())
      continue;
    for (FuncOp func : members)
      componentOf[func] = bottomUp.size();
    bottomUp.push_back(std::move(members));
  }
}

FuncOp ProgramCallGraph::lookup(FlatSymbolRefAttr name) const {
  return byName.lookup(name.getAttr());
}

ArrayRef<Operation *> ProgramCallGraph::getCallSites(FuncOp callee) const {
  auto it = callSites.find(callee);
  return it == callSites.end() ? ArrayRef<Operation *>() : it->second;
}

ArrayRef<FuncOp> ProgramCallGraph::getCallees(FuncOp caller) const {
  auto it = callees.find(caller);
  return it == callees.end() ? ArrayRef<FuncOp>() : it->second;
}

bool ProgramCallGraph::isAddressTaken(FuncOp func) const {
  return !func.getBody().front().getOps<JumpTableEntryOp>().empty();
}

bool ProgramCallGraph::isRecursive(FuncOp func) const {
  const auto &members = bottomUp[componentOf.at(func)];
  return members.size() > 1 || llvm::is_contained(getCallees(func), func);
}
