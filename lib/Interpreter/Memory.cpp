//===- Memory.cpp - the 32-bit paged address space of one VM --------------===//
//
// Mapping and the page-crossing slow paths.
//
//===----------------------------------------------------------------------===//

#include "grey/Interpreter/Memory.h"

#include <cstring>

using namespace grey;
using namespace grey::interp;

Memory::Memory() : readPages(kPageCount), writePages(kPageCount) {}

llvm::Error Memory::map(uint32_t basePage, uint32_t pageCount, bool writable,
                        llvm::ArrayRef<uint8_t> init) {
  if (uint64_t(basePage) + pageCount > kPageCount)
    return llvm::createStringError(
        "pages [%u, %llu) lie outside the 32-bit address space", basePage,
        (unsigned long long)(uint64_t(basePage) + pageCount));
  if (init.size() > uint64_t(pageCount) * kPageSize)
    return llvm::createStringError("%zu initial bytes do not fit in %u pages",
                                   init.size(), pageCount);
  if (pageCount == 0)
    return llvm::Error::success();
  auto bytes = std::make_unique<uint8_t[]>(size_t(pageCount) * kPageSize);
  std::memcpy(bytes.get(), init.data(), init.size());
  for (uint32_t i = 0; i < pageCount; ++i) {
    uint8_t *page = bytes.get() + size_t(i) * kPageSize;
    readPages[basePage + i] = page;
    writePages[basePage + i] = writable ? page : nullptr;
  }
  storage.push_back(std::move(bytes));
  return llvm::Error::success();
}

bool Memory::read(uint32_t addr, llvm::MutableArrayRef<uint8_t> out) const {
  // No wrap past 4 GiB: such an access faults (pvm-isa.md §4.2).
  if (uint64_t(addr) + out.size() > (uint64_t(1) << 32))
    return false;
  for (uint64_t at = addr, end = addr + out.size(); at < end;) {
    if (!readPages[at >> kPageBits])
      return false;
    at = ((at >> kPageBits) + 1) << kPageBits;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    uint64_t at = uint64_t(addr) + i;
    out[i] = readPages[at >> kPageBits][at & (kPageSize - 1)];
  }
  return true;
}

bool Memory::write(uint32_t addr, llvm::ArrayRef<uint8_t> bytes) {
  if (uint64_t(addr) + bytes.size() > (uint64_t(1) << 32))
    return false;
  // Check every page first so a fault leaves memory unchanged.
  for (uint64_t at = addr, end = addr + bytes.size(); at < end;) {
    if (!writePages[at >> kPageBits])
      return false;
    at = ((at >> kPageBits) + 1) << kPageBits;
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    uint64_t at = uint64_t(addr) + i;
    writePages[at >> kPageBits][at & (kPageSize - 1)] = bytes[i];
  }
  return true;
}
