#!/usr/bin/env bash
# Sets grey up (utils/setup.sh) and runs its main job on the bundled
# examples: each workload of bench/ is built into a RISC-V ELF (C with
# clang, utils/build-guest.sh; Rust crates bench/NAME-rs with Debian's rustc,
# utils/build-rust-guest.sh), translated with grey-compile and run with
# grey-run; prints the REPLY value, the gas used and the PVM instructions
# executed.
#
#   utils/run-example.sh [-O0|-O1|-O2] [bench/NAME.c | bench/NAME-rs ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GREY_BUILD_DIR:-$ROOT/build}"
LEVEL="-O2"
if [[ "${1:-}" == -O* ]]; then LEVEL="$1"; shift; fi
"$ROOT/utils/setup.sh" grey-compile grey-run >/dev/null

programs=("$@")
if [ ${#programs[@]} -eq 0 ]; then programs=("$ROOT"/bench/*.c "$ROOT"/bench/*-rs); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%-12s %-20s %-6s %12s %14s\n' example result exit gas instructions
for source in "${programs[@]}"; do
  name="$(basename "$source" .c)"
  if [ -f "$source/Cargo.toml" ]; then
    "$ROOT/utils/build-rust-guest.sh" "$source" -o "$work/$name.elf" \
      --target-dir "$BUILD/rust-guest"
  else
    "$ROOT/utils/build-guest.sh" "$source" -o "$work/$name.elf"
  fi
  "$BUILD/bin/grey-compile" "$work/$name.elf" "$LEVEL" -o "$work/$name.jar"
  report="$("$BUILD/bin/grey-run" "$work/$name.jar" || true)"
  field() { sed -n "s/^$1: \([^ ]*\).*/\1/p" <<<"$report"; }
  printf '%-12s %-20s %-6s %12s %14s\n' "$name" "$(field r7)" "$(field exit)" \
    "$(field 'gas used')" "$(field instructions)"
done
