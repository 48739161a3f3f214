#!/usr/bin/env bash
# fuzz-elf.sh - runs the libFuzzer target of the ELF importer (import and
# conversion to pvm) for a given time.
#
# Usage: utils/fuzz-elf.sh [seconds=600] [build-dir=build] [extra libFuzzer flags...]
# Configures the build dir with -DGREY_BUILD_ELF_FUZZER=ON, builds
# grey-elf-fuzzer, seeds the corpus with the ELFs of the end-to-end programs
# and benchmarks (utils/build-guest.sh) and of the test/Target/ELF sources,
# then fuzzes with one job. The corpus grows in <build-dir>/fuzz-elf/corpus;
# crashes and hangs land in <build-dir>/fuzz-elf/artifacts. Reproduce one
# with `<build-dir>/bin/grey-elf-fuzzer ARTIFACT`.
set -euo pipefail

seconds=${1:-600}
build=${2:-build}
shift $(( $# < 2 ? $# : 2 ))
src=$(cd "$(dirname "$0")/.." && pwd)

cmake -S "$src" -B "$build" -DGREY_BUILD_ELF_FUZZER=ON > /dev/null
ninja -C "$build" grey-elf-fuzzer
work="$build/fuzz-elf"
mkdir -p "$work/corpus" "$work/artifacts" "$work/seeds"

# Seeds: every e2e program and benchmark at two optimization levels.
for program in "$src"/test/e2e/programs/*.c "$src"/bench/*.c; do
  name=$(basename "$program" .c)
  for level in -O0 -O2; do
    out="$work/seeds/$name$level.elf"
    [ -f "$out" ] || "$src/utils/build-guest.sh" "$program" -o "$out" "$level" \
      > /dev/null 2>&1 || rm -f "$out"
  done
done
# And the hand-written import tests (assembled whole; split-file inputs are
# skipped).
for test in "$src"/test/Target/ELF/*.s; do
  out="$work/seeds/$(basename "$test" .s).elf"
  [ -f "$out" ] && continue
  llvm-mc-22 -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj \
    "$test" -o "$out.o" 2> /dev/null &&
    ld.lld-22 --emit-relocs "$out.o" -o "$out" 2> /dev/null || true
  rm -f "$out.o"
done

# Inputs up to 20 KiB: every seed but the sieve (a 100 KB table) fits, and
# larger inputs only slow the search. A slow input is a hang: the importer
# must stay practical on any input. Leak checks are off: each scans the
# MLIR context the target keeps and cut the speed sevenfold.
exec "$build/bin/grey-elf-fuzzer" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=20480 -detect_leaks=0 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$@" "$work/corpus" "$work/seeds"
