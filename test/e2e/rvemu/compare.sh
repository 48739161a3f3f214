#!/usr/bin/env bash
# Differential check of the guest programs without grey: for every
# test/e2e/programs/*.c and bench/*.c, build natively and for the JAVM target
# (utils/build-guest.sh, extra flags passed to both), run the native binary
# and the target ELF under rvemu, and compare the printed results.
#
#   test/e2e/rvemu/compare.sh [extra flags...]
#
# Environment: OUT_DIR (default: temporary), CC for rvemu (default clang-22).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
if [ -n "${OUT_DIR:-}" ]; then
  out="$OUT_DIR"; mkdir -p "$out"
else
  out="$(mktemp -d "${TMPDIR:-/tmp}/grey-rvemu.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi
"${CC:-clang-22}" -O2 -Wall -o "$out/rvemu" "$here/rvemu.c"
status=0
for src in "$root"/test/e2e/programs/*.c "$root"/bench/*.c; do
  name="$(basename "$src" .c)"
  if ! "$root/utils/build-guest.sh" --native "$src" -o "$out/$name.native" "$@" ||
     ! "$root/utils/build-guest.sh" "$src" -o "$out/$name.elf" "$@"; then
    echo "$name BUILD-FAILED"; status=1; continue
  fi
  n="$("$out/$name.native" 2>&1 || true)"
  e="$("$out/rvemu" "$out/$name.elf" 2>&1 || true)"
  if [ "$n" = "$e" ]; then
    echo "$name $n ok"
  else
    echo "$name native=$n rvemu=$e MISMATCH"; status=1
  fi
done
exit $status
