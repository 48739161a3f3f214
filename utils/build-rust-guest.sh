#!/usr/bin/env bash
# Build a grey guest program written in Rust into a RISC-V ELF for the JAVM
# target, or natively for differential testing.
#
#   utils/build-rust-guest.sh CRATE_DIR -o OUT [--native] [--no-check]
#       [--opt-level 0|1|2|3|s|z] [--lto fat|thin|off] [--codegen-units N]
#       [--inline-threshold N] [--panic immediate-abort|abort]
#       [--rustflag FLAG]... [--target-dir DIR]
#
# CRATE_DIR is a cargo package with one binary that uses the grey_guest
# crate of guest/rust (see guest/README.md). Only Debian's packages are used:
# cargo and rustc from cargo-web and rustc-web, core and alloc built from
# rust-web-src. Nothing is fetched: cargo runs --offline.
#
# Target build (default): RUSTC_BOOTSTRAP=1 cargo build --release
#   --target guest/rust/riscv64em-javm.json -Zjson-target-spec
#   -Zbuild-std=core,alloc, with the settings below for the program and for
#   core/alloc alike (rustflags and profile overrides of the crate's own
#   Cargo.toml). The ELF is then checked by utils/check-guest-elf.sh
#   (--no-check skips it).
#     --opt-level       default 3     (cargo profile opt-level)
#     --lto             default fat   (fat = whole program incl. core/alloc)
#     --codegen-units   default 1
#     --inline-threshold default 275  (-Cllvm-args=--inline-threshold=N;
#                                      LLVM's own default is 225)
#     --panic           default immediate-abort: a panic is an `unimp` where
#                       it happens (-Cpanic=immediate-abort); abort calls
#                       grey_guest's panic handler (which also traps) and
#                       links core's panic formatting
#     --rustflag FLAG   an extra rustc flag, e.g. -Ctarget-feature=-zbb
#   These defaults are the measured winners of docs/target-tuning.md (the
#   reference's settings, but for --panic).
# Native build (--native): cargo build --release for the host (std from
#   rustc-web); the same program prints its result, as build-guest.sh
#   --native does for C. The tuning options do not apply.
#
# Build cache: --target-dir DIR (default $GREY_RUST_TARGET_DIR, else
# ${GREY_BUILD_DIR:-build}/rust-guest). Each combination of settings gets
# its own subdirectory, so core/alloc are built once per combination and
# shared by every crate built with it; concurrent builds wait on cargo's
# lock. The first build of a combination also builds core, alloc and
# compiler_builtins: about 25 s of CPU (23 s with the defaults, 26 s with
# opt-level 2, no LTO and 16 codegen units, measured with rustc 1.96).
# Environment: CARGO (default /usr/bin/cargo), RUSTC (/usr/bin/rustc): the
# Debian toolchain, not a rustup one that may come first in PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO="${CARGO:-/usr/bin/cargo}"
RUSTC="${RUSTC:-/usr/bin/rustc}"
TARGET_SPEC="$ROOT/guest/rust/riscv64em-javm.json"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die() { echo "build-rust-guest.sh: $*" >&2; exit 1; }

crate=""
out=""
native=0
check=1
opt_level=3
lto=fat
codegen_units=1
inline_threshold=275
panic=immediate-abort
rustflags=()
target_root="${GREY_RUST_TARGET_DIR:-${GREY_BUILD_DIR:-$ROOT/build}/rust-guest}"
while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    --native) native=1; shift ;;
    --no-check) check=0; shift ;;
    --opt-level) [ $# -ge 2 ] || usage; opt_level="$2"; shift 2 ;;
    --lto) [ $# -ge 2 ] || usage; lto="$2"; shift 2 ;;
    --codegen-units) [ $# -ge 2 ] || usage; codegen_units="$2"; shift 2 ;;
    --inline-threshold) [ $# -ge 2 ] || usage; inline_threshold="$2"; shift 2 ;;
    --panic) [ $# -ge 2 ] || usage; panic="$2"; shift 2 ;;
    --rustflag) [ $# -ge 2 ] || usage; rustflags+=("$2"); shift 2 ;;
    --target-dir) [ $# -ge 2 ] || usage; target_root="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "build-rust-guest.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$crate" ] || usage; crate="$1"; shift ;;
  esac
done
[ -n "$crate" ] || { echo "build-rust-guest.sh: no crate directory" >&2; usage; }
[ -n "$out" ] || { echo "build-rust-guest.sh: missing -o OUT" >&2; usage; }
[ -f "$crate/Cargo.toml" ] || die "$crate has no Cargo.toml"
case "$opt_level" in 0|1|2|3|s|z) ;; *) die "--opt-level must be 0, 1, 2, 3, s or z" ;; esac
case "$lto" in fat|thin|off) ;; *) die "--lto must be fat, thin or off" ;; esac
[[ "$codegen_units" =~ ^[1-9][0-9]*$ ]] || die "--codegen-units must be a positive number"
[[ "$inline_threshold" =~ ^[0-9]+$ ]] || die "--inline-threshold must be a number"
case "$panic" in immediate-abort|abort) ;; *) die "--panic must be immediate-abort or abort" ;; esac
for tool in "$CARGO" "$RUSTC"; do
  command -v "$tool" >/dev/null ||
    die "$tool not found: install Debian's rustc-web, cargo-web and rust-web-src (utils/setup.sh does)"
done

mkdir -p "$target_root"
target_root="$(cd "$target_root" && pwd)"
# Cargo's own home under the cache: no user configuration (~/.cargo) leaks
# into the build, and nothing is written outside the build directory.
export CARGO_HOME="$target_root/cargo-home"
export RUSTC CARGO_NET_OFFLINE=true
manifest="$(cd "$crate" && pwd)/Cargo.toml"

# Runs cargo build and prints the path of the executable it produced.
cargo_build() {
  local log
  log="$("$CARGO" build --release --offline --quiet --manifest-path "$manifest" \
           --message-format=json-render-diagnostics "$@")" || exit 1
  local exe
  exe="$(printf '%s\n' "$log" | grep -o '"executable":"[^"]*"' | tail -n 1 |
         sed 's/^"executable":"\(.*\)"$/\1/')"
  [ -n "$exe" ] || die "cargo built no executable for $manifest"
  printf '%s\n' "$exe"
}

if [ "$native" = 1 ]; then
  # panic=abort as on the target: a panic ends the program at once.
  exe="$(CARGO_TARGET_DIR="$target_root/native" CARGO_PROFILE_RELEASE_PANIC=abort cargo_build)"
  cp "$exe" "$out"
  exit 0
fi

# ---- the standard library sources -------------------------------------------
# -Zbuild-std resolves the whole library workspace of rust-src, including
# std's dependencies from crates.io, which cannot be fetched. core, alloc and
# compiler_builtins need none of them, so cargo is pointed at a trimmed copy
# of that workspace: symlinks to rust-web-src's core and alloc, and
# compiler_builtins with its optional C build dependency (cc) removed. Cargo
# reads the location from __CARGO_TESTS_ONLY_SRC_ROOT, its hook for a
# library source tree outside the sysroot.
library="$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library"
[ -f "$library/core/Cargo.toml" ] || die "no Rust library sources in $library (install rust-web-src)"
rust_version="$("$RUSTC" --version | awk '{print $2}')"
src_root="$target_root/library-$rust_version"
make_src_root() {
  local tmp cb
  tmp="$(mktemp -d "$target_root/library.XXXXXX")"
  mkdir -p "$tmp/sysroot" "$tmp/compiler-builtins/compiler-builtins"
  ln -s "$library/core" "$tmp/core"
  ln -s "$library/alloc" "$tmp/alloc"
  ln -s "$library/compiler-builtins/libm" "$tmp/compiler-builtins/libm"
  cb="$library/compiler-builtins/compiler-builtins"
  for f in build.rs configure.rs src; do ln -s "$cb/$f" "$tmp/compiler-builtins/compiler-builtins/$f"; done
  awk '/^\[/ { skip = ($0 == "[build-dependencies]") } !skip' "$cb/Cargo.toml" |
    sed 's/"dep:cc"//' > "$tmp/compiler-builtins/compiler-builtins/Cargo.toml"
  printf '[workspace]\nresolver = "1"\nmembers = ["sysroot"]\n' > "$tmp/Cargo.toml"
  # Cargo resolves the crate named sysroot with the -Zbuild-std-features
  # (default: panic-unwind, backtrace, default); here it only gathers the
  # crates that are built.
  cat > "$tmp/sysroot/Cargo.toml" <<'TOML'
[package]
name = "sysroot"
version = "0.0.0"
edition = "2024"

[lib]
path = "lib.rs"

[dependencies]
core = { path = "../core" }
alloc = { path = "../alloc" }
compiler_builtins = { path = "../compiler-builtins/compiler-builtins" }

[features]
default = []
panic-unwind = []
backtrace = []
compiler-builtins-mem = ["alloc/compiler-builtins-mem"]
TOML
  echo '#![no_std]' > "$tmp/sysroot/lib.rs"
  (cd "$tmp" && CARGO_TARGET_DIR="$tmp/unused" "$CARGO" generate-lockfile --offline --quiet) ||
    die "cannot resolve the trimmed library workspace in $tmp"
  # Another build may have made it meanwhile; theirs is as good as ours.
  mv -T "$tmp" "$src_root" 2>/dev/null || rm -rf "$tmp"
}
[ -f "$src_root/Cargo.lock" ] || make_src_root

# ---- the target build ---------------------------------------------------------
flags=("-Cllvm-args=--inline-threshold=$inline_threshold")
# immediate-abort is a panic strategy rustc 1.96 still calls unstable.
[ "$panic" = abort ] || flags+=(-Zunstable-options "-Cpanic=$panic")
flags+=("${rustflags[@]+"${rustflags[@]}"}")
case "$lto" in off) lto_profile=false ;; *) lto_profile="$lto" ;; esac
# One cache per combination of settings (cargo does not key core/alloc on
# rustflags, so two combinations in one directory would rebuild each other).
config="opt-level=$opt_level lto=$lto codegen-units=$codegen_units rustflags=[${flags[*]}] target=$(sha256sum "$TARGET_SPEC" | cut -c1-16)"
config_dir="$target_root/$(printf '%s' "$config" | sha256sum | cut -c1-16)"
if [ ! -d "$config_dir" ]; then
  echo "build-rust-guest.sh: first build with $config: building core and alloc too (cached in $config_dir)" >&2
  mkdir -p "$config_dir"
  printf '%s\n' "$config" > "$config_dir/settings.txt"
fi

exe="$(
  export RUSTC_BOOTSTRAP=1 __CARGO_TESTS_ONLY_SRC_ROOT="$src_root"
  export CARGO_TARGET_DIR="$config_dir"
  export CARGO_ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; printf '%s' "${flags[*]}")"
  export CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level"
  export CARGO_PROFILE_RELEASE_LTO="$lto_profile"
  export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="$codegen_units"
  export CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_INCREMENTAL=false
  export CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=false CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=false
  # Cargo 1.95 and later want target specifications in JSON announced.
  json_spec=()
  cargo_minor="$("$CARGO" --version | sed -n 's/^cargo 1\.\([0-9]*\)\..*/\1/p')"
  if [ "${cargo_minor:-0}" -ge 95 ]; then json_spec=(-Zjson-target-spec); fi
  cargo_build --target "$TARGET_SPEC" "${json_spec[@]+"${json_spec[@]}"}" -Zbuild-std=core,alloc
)"
cp "$exe" "$out"

[ "$check" = 1 ] || exit 0
"$ROOT/utils/check-guest-elf.sh" "$out" build-rust-guest.sh
