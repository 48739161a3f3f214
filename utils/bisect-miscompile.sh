#!/usr/bin/env bash
# Finds the optimization rewrite that makes a program misbehave.
#
#   utils/bisect-miscompile.sh PROGRAM.c|PROGRAM.elf [-O1|-O2] [grey-compile flags...]
#
# Every optional rewrite of grey's passes asks LLVM's pass gate first, so
# `grey-compile --opt-bisect-limit=N` runs only the first N of them (and
# prints each, numbered). This script finds the smallest N whose blob's
# outcome (exit reason and φ7, as grey-run prints them) differs from the
# expected one, and prints that rewrite: the pass and the function.
#
# The expected outcome is the native program's result for a .c file (built
# with utils/build-guest.sh, REPLY = the value grey_main returns), and the
# outcome of the blob with no optional rewrite at all (limit 0) for an ELF.
# Environment: GREY_BUILD_DIR (default build/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${GREY_BUILD_DIR:-$ROOT/build}/bin"

if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
input="$1"; shift
level="-O2"
if [[ "${1:-}" == -O* ]]; then level="$1"; shift; fi
extra=("$@")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

expected=""
case "$input" in
  *.c)
    elf="$work/prog.elf"
    "$ROOT/utils/build-guest.sh" "$input" -o "$elf" >/dev/null
    "$ROOT/utils/build-guest.sh" "$input" -o "$work/native" --native >/dev/null
    value="$("$work/native")"
    expected="$(printf 'exit: halt r7: 0x%016x' "$value")"
    ;;
  *) elf="$input" ;;
esac

# outcome N: exit reason and φ7 of the blob built with the first N rewrites.
outcome() {
  local blob="$work/limit-$1.jar"
  if ! "$BIN/grey-compile" "$elf" "$level" "${extra[@]}" \
        --opt-bisect-limit="$1" -o "$blob" 2>"$work/log-$1"; then
    echo "translation failed"
    return
  fi
  local report
  report="$("$BIN/grey-run" "$blob" 2>&1 || true)"
  printf '%s %s' "$(grep -m1 '^exit:' <<<"$report")" \
    "$(sed -n 's/^r7: \(0x[0-9a-f]*\).*/r7: \1/p' <<<"$report")"
}

outcome 2147483647 >/dev/null
total="$(grep -c '^BISECT: running' "$work/log-2147483647" || true)"
[[ -n "$expected" ]] || expected="$(outcome 0)"
echo "rewrites at $level: $total; expected outcome: $expected"

if [[ "$(outcome 0)" != "$expected" ]]; then
  echo "even with no optional rewrite the outcome is '$(outcome 0)':" \
       "the conversion (or the expectation), not an optimization, is at fault"
  exit 1
fi
if [[ "$(outcome "$total")" == "$expected" ]]; then
  echo "all $total rewrites together give the expected outcome: nothing to bisect"
  exit 0
fi

# Invariant: outcome(good) == expected, outcome(bad) != expected.
good=0 bad="$total"
while (( bad - good > 1 )); do
  mid=$(( (good + bad) / 2 ))
  if [[ "$(outcome "$mid")" == "$expected" ]]; then good=$mid; else bad=$mid; fi
done
echo "first bad rewrite: $bad (outcome '$(outcome "$bad")')"
grep -m1 "^BISECT: running pass ($bad) " "$work/log-$bad" | sed 's/^BISECT: running pass/  rewrite/'
