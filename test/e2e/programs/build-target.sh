#!/usr/bin/env bash
# Build every test/e2e/programs/*.c for the JAVM target (RISC-V ELF) with
# utils/build-guest.sh (which also checks the ELF: 32-bit instructions only,
# x0..x15 only, .rela sections, e_entry == _start).
#
#   test/e2e/programs/build-target.sh OUT_DIR [extra flags...]
#
# Writes OUT_DIR/<name>.elf; prints "<name> <text bytes> <file bytes>".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [flags...]" >&2; exit 2; }
out="$1"; shift
mkdir -p "$out"
status=0
for src in "$here"/*.c; do
  name="$(basename "$src" .c)"
  if "$root/utils/build-guest.sh" "$src" -o "$out/$name.elf" "$@"; then
    text="$(llvm-size-22 -A "$out/$name.elf" | awk '$1 == ".text" {s += $2} END {print s + 0}')"
    echo "$name $text $(stat -c %s "$out/$name.elf")"
  else
    echo "$name FAILED"
    status=1
  fi
done
exit $status
