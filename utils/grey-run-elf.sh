#!/usr/bin/env bash
# Runner for utils/csmith-diff.sh: translates a RISC-V ELF with grey-compile,
# runs the blob with grey-run and prints its REPLY value as 0x%016x. Exits
# non-zero (with grey's messages on stderr) if either step fails or the
# blob stops any other way than by replying.
#
#   utils/grey-run-elf.sh [-O0|-O1|-O2] ELF
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${GREY_BUILD_DIR:-$ROOT/build}/bin"
LEVEL="-O2"
if [[ "${1:-}" == -O* ]]; then LEVEL="$1"; shift; fi
elf="$1"
blob="$(mktemp --suffix=.jar)"
trap 'rm -f "$blob"' EXIT
"$BIN/grey-compile" "$elf" "$LEVEL" -o "$blob"
report="$("$BIN/grey-run" "$blob" || true)"
if ! grep -q '^exit: halt' <<<"$report"; then
  echo "$report" >&2
  exit 1
fi
value="$(sed -n 's/^r7: \(0x[0-9a-f]*\).*/\1/p' <<<"$report")"
printf '0x%016x\n' "$value"
