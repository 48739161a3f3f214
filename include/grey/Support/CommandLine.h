//===- CommandLine.h - --help that shows a tool's own options ---*- C++ -*-===//
//
// libLLVM registers some 3000 back-end options (AArch64, AMDGPU, Polly...)
// in every program that links it. grey's tools hide them from --help.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_SUPPORT_COMMANDLINE_H
#define GREY_SUPPORT_COMMANDLINE_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

namespace grey {

/// Hides from --help every option registered so far except those in
/// `category` and --help/--version themselves, so that a tool calling it
/// first shows its own options and those it registers afterwards (MLIR's
/// printing and pass-manager options). Unlike cl::HideUnrelatedOptions,
/// which makes them ReallyHidden, --help-hidden still lists them.
inline void hideUnrelatedOptions(llvm::cl::OptionCategory &category) {
  auto &options = llvm::cl::getRegisteredOptions();
  llvm::cl::Option *help = options.lookup("help");
  for (auto &entry : options) {
    llvm::cl::Option *option = entry.second;
    auto isKept = [&](llvm::cl::OptionCategory *optionCategory) {
      return optionCategory == &category ||
             (help && llvm::is_contained(help->Categories, optionCategory));
    };
    if (option->getOptionHiddenFlag() == llvm::cl::NotHidden &&
        !llvm::any_of(option->Categories, isKept))
      option->setHiddenFlag(llvm::cl::Hidden);
  }
}

} // namespace grey

#endif // GREY_SUPPORT_COMMANDLINE_H
