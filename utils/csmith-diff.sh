#!/usr/bin/env bash
# Differential testing with csmith-generated programs: for each seed, generate
# a random C program, build it natively (host clang-22 with csmith's own
# runtime header) and for the JAVM target (utils/build-guest.sh with the
# freestanding checksum runtime in test/e2e/csmith/), run the target ELF with
# a runner and compare its 64-bit result with the native checksum.
#
#   utils/csmith-diff.sh [--seeds A..B | --count N [--first-seed S]]
#                        [--runner CMD] [--keep DIR] [--timeout SECS]
#                        [--run-timeout SECS] [--csmith-opts "OPTS"] [-q]
#                        [-- extra build-guest.sh flags...]
#
#   --seeds A..B      seeds A to B inclusive
#   --count N         N seeds starting at --first-seed (default 1); default
#                     when no seed option is given: --count 10
#   --runner CMD      run as `CMD ELF` (CMD is split on blanks); it must print
#                     the guest's 64-bit REPLY value as 0x%016llx on stdout and
#                     exit 0, or exit non-zero on failure.  Default: the rvemu
#                     emulator (test/e2e/rvemu/rvemu.c, built into the work dir).
#   --keep DIR        keep every seed's files in DIR/seed-S/ (program, ELF,
#                     native binary, logs); otherwise a temporary directory is
#                     used and removed at the end
#   --timeout SECS    limit for the native run (default 2); a native timeout
#                     skips the seed: csmith loops may run for billions of
#                     iterations, and such programs are useless here
#   --run-timeout SECS  limit for the runner (default 60); counts as failure
#   --csmith-opts     replaces the default csmith options (see CSMITH_OPTS)
#   -q                print only failing/skipped seeds and the summary
#   after --           flags for utils/build-guest.sh (target build), e.g. -O1
#
# Result per seed: "ok", MISMATCH, TARGET-BUILD-FAILED, RUN-FAILED,
# RUN-TIMEOUT (these count as failed), or SKIP (csmith failed, native build
# failed, native run timed out or crashed: no reference value).  The last line
# of output is exactly "N passed, M failed"; the exit status is 1 when M > 0.
#
# Environment: CLANG (default clang-22), NATIVE_CFLAGS (default
# "-O0 -funsigned-char": plain char is unsigned on RISC-V; -O0 because an
# optimised build may delete a side-effect-free infinite loop, which C11
# 6.8.5p6 allows, and then prints a checksum for a program that never ends),
# CSMITH (default csmith), CSMITH_INCLUDE (csmith's header directory;
# default: probed).
# csmith and its headers (Debian: csmith, libcsmith-dev) are installed with
# apt-get when missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rt_dir="$root/test/e2e/csmith"
CLANG="${CLANG:-clang-22}"
CSMITH="${CSMITH:-csmith}"
NATIVE_CFLAGS="${NATIVE_CFLAGS:--O0 -funsigned-char}"
# Small, terminating, freestanding-friendly programs: no argc/argv (no
# strcmp, no hash printing), no floating point (default, made explicit), no
# builtins, bounded size.
CSMITH_OPTS="${CSMITH_OPTS:---no-argc --no-float --no-builtins --max-funcs 6 --max-block-depth 4 --max-array-len-per-dim 6 --max-expr-complexity 8}"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

first=""; last=""; count=""; first_seed=1
runner=""; keep=""; timeout_s=2; run_timeout=60; quiet=0
build_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds)
      [ $# -ge 2 ] || usage
      case "$2" in
        *..*) first="${2%%..*}"; last="${2##*..}" ;;
        *) first="$2"; last="$2" ;;
      esac
      shift 2 ;;
    --count) [ $# -ge 2 ] || usage; count="$2"; shift 2 ;;
    --first-seed) [ $# -ge 2 ] || usage; first_seed="$2"; shift 2 ;;
    --runner) [ $# -ge 2 ] || usage; runner="$2"; shift 2 ;;
    --keep) [ $# -ge 2 ] || usage; keep="$2"; shift 2 ;;
    --timeout) [ $# -ge 2 ] || usage; timeout_s="$2"; shift 2 ;;
    --run-timeout) [ $# -ge 2 ] || usage; run_timeout="$2"; shift 2 ;;
    --csmith-opts) [ $# -ge 2 ] || usage; CSMITH_OPTS="$2"; shift 2 ;;
    -q) quiet=1; shift ;;
    --) shift; build_flags=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "csmith-diff.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
if [ -n "$first" ]; then
  [ -z "$count" ] || { echo "csmith-diff.sh: --seeds and --count exclude each other" >&2; exit 2; }
else
  first="$first_seed"; last=$((first_seed + ${count:-10} - 1))
fi
for v in "$first" "$last"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "csmith-diff.sh: bad seed '$v'" >&2; exit 2; }
done

# ---- csmith itself ------------------------------------------------------------
find_csmith_include() {
  local d
  for d in "${CSMITH_INCLUDE:-}" /usr/include/csmith /usr/local/include/csmith \
           /usr/local/include/csmith-* "$(dirname "$(command -v "$CSMITH" 2>/dev/null || echo /x/x)")"/../include/csmith*; do
    [ -n "$d" ] && [ -f "$d/safe_math.h" ] && [ -f "$d/csmith.h" ] && { echo "$d"; return 0; }
  done
  return 1
}
if ! command -v "$CSMITH" >/dev/null 2>&1 || ! find_csmith_include >/dev/null; then
  echo "csmith-diff.sh: installing csmith libcsmith-dev" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq --no-install-recommends csmith libcsmith-dev >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq &&
      $SUDO apt-get install -y -qq --no-install-recommends csmith libcsmith-dev >/dev/null; }
fi
csmith_inc="$(find_csmith_include)" ||
  { echo "csmith-diff.sh: csmith headers (safe_math.h) not found; set CSMITH_INCLUDE" >&2; exit 2; }

# ---- work directory and runner -----------------------------------------------
if [ -n "$keep" ]; then
  mkdir -p "$keep"; work="$(cd "$keep" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/csmith-diff.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
if [ -z "$runner" ]; then
  "$CLANG" -O2 -Wall -o "$work/rvemu" "$root/test/e2e/rvemu/rvemu.c"
  runner="$work/rvemu"
fi
read -r -a runner_cmd <<< "$runner"

# ---- per-seed loop (sequential) ----------------------------------------------
passed=0; failed=0; generated=0; built=0; mismatched=0; target_build_failed=0
run_failed=0; run_timeout_n=0; skip_csmith=0; skip_native_build=0
skip_native_timeout=0; skip_native_crash=0
failures=()

say() { [ "$quiet" = 1 ] || echo "$@"; }
first_line() { grep -m1 -E 'error|failed|fault|rvemu:' "$1" 2>/dev/null || head -n1 "$1" 2>/dev/null || true; }
fail_seed() { # seed, kind, detail
  failed=$((failed + 1)); failures+=("seed $1: $2 $3"); echo "seed $1: $2 $3"
}

for ((seed = first; seed <= last; seed++)); do
  d="$work/seed-$seed"
  mkdir -p "$d"
  src="$d/csmith-$seed.c"
  # csmith writes platform.info into its working directory: the seed's.
  # shellcheck disable=SC2086
  if ! (cd "$d" && timeout 60 "$CSMITH" $CSMITH_OPTS --seed "$seed" -o "$src") >"$d/csmith.log" 2>&1; then
    skip_csmith=$((skip_csmith + 1)); echo "seed $seed: SKIP csmith failed: $(first_line "$d/csmith.log")"
    [ -n "$keep" ] || rm -rf "$d"; continue
  fi
  generated=$((generated + 1))

  # Native reference: csmith's own runtime, prints "checksum = %X".
  # shellcheck disable=SC2086
  if ! "$CLANG" $NATIVE_CFLAGS -w -I"$csmith_inc" "$src" -o "$d/native" >"$d/native-build.log" 2>&1; then
    skip_native_build=$((skip_native_build + 1))
    echo "seed $seed: SKIP native build failed: $(first_line "$d/native-build.log")"
    [ -n "$keep" ] || rm -rf "$d"; continue
  fi
  set +e
  timeout -k 2 "$timeout_s" "$d/native" >"$d/native.out" 2>&1
  rc=$?
  set -e
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    skip_native_timeout=$((skip_native_timeout + 1)); echo "seed $seed: SKIP native run timed out (${timeout_s}s)"
    [ -n "$keep" ] || rm -rf "$d"; continue
  fi
  sum="$(sed -n 's/^checksum = \([0-9A-Fa-f]\{1,8\}\)$/\1/p' "$d/native.out")"
  if [ $rc -ne 0 ] || [ -z "$sum" ]; then
    skip_native_crash=$((skip_native_crash + 1)); echo "seed $seed: SKIP native run failed (exit $rc)"
    [ -n "$keep" ] || rm -rf "$d"; continue
  fi
  expect="$(printf '0x%016x' "$((16#$sum))")"

  # Target build: the freestanding runtime's csmith.h shadows csmith's.
  if ! "$root/utils/build-guest.sh" "$src" -o "$d/target.elf" -w -I"$rt_dir" -I"$csmith_inc" \
       "${build_flags[@]+"${build_flags[@]}"}" >"$d/target-build.log" 2>&1; then
    target_build_failed=$((target_build_failed + 1))
    fail_seed "$seed" TARGET-BUILD-FAILED "$(first_line "$d/target-build.log")"
    continue
  fi
  built=$((built + 1))

  set +e
  timeout -k 5 "$run_timeout" "${runner_cmd[@]}" "$d/target.elf" >"$d/run.out" 2>"$d/run.err"
  rc=$?
  set -e
  got="$(tr -d '[:space:]' <"$d/run.out")"
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    run_timeout_n=$((run_timeout_n + 1)); fail_seed "$seed" RUN-TIMEOUT "(${run_timeout}s)"
  elif [ $rc -ne 0 ] || ! [[ "$got" =~ ^0x[0-9a-fA-F]{16}$ ]]; then
    run_failed=$((run_failed + 1))
    fail_seed "$seed" RUN-FAILED "(exit $rc) $(head -c 200 "$d/run.err" | head -n1)"
  elif [ "${got,,}" != "$expect" ]; then
    mismatched=$((mismatched + 1)); fail_seed "$seed" MISMATCH "native=$expect target=${got,,}"
  else
    passed=$((passed + 1)); say "seed $seed: ok $expect"
    [ -n "$keep" ] || rm -rf "$d"
  fi
done

echo "csmith options: $CSMITH_OPTS"
echo "seeds $first..$last: generated $generated, built $built, matched $passed," \
     "mismatched $mismatched, target build failures $target_build_failed," \
     "run failures $run_failed, run timeouts $run_timeout_n;" \
     "skipped: csmith $skip_csmith, native build $skip_native_build," \
     "native timeout $skip_native_timeout, native crash $skip_native_crash"
if ((${#failures[@]})); then
  if [ -n "$keep" ]; then
    echo "failures (files in $work/seed-S/):"
  else
    echo "failures (files removed on exit; rerun one with --seeds S --keep DIR):"
  fi
  printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
