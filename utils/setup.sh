#!/usr/bin/env bash
# Installs grey's build dependencies (Debian 12 packages) when missing, then
# configures and builds grey in ./build (or $GREY_BUILD_DIR).
#
#   utils/setup.sh [ninja targets...]     default target: all
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GREY_BUILD_DIR:-$ROOT/build}"
# rustc-web, cargo-web and rust-web-src: Debian's Rust toolchain and the
# library sources utils/build-rust-guest.sh builds core and alloc from.
PACKAGES=(llvm-22-dev libmlir-22-dev mlir-22-tools clang-22 lld-22 llvm-22-tools
          cmake ninja-build libgtest-dev python3 python3-matplotlib csmith
          libcsmith-dev libclang-rt-22-dev rustc-web cargo-web rust-web-src)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "grey setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

LLVM=/usr/lib/llvm-22
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR="$LLVM/lib/cmake/mlir" \
    -DCMAKE_C_COMPILER="$LLVM/bin/clang" \
    -DCMAKE_CXX_COMPILER="$LLVM/bin/clang++" \
    -DLLVM_ENABLE_LLD=ON
fi
ninja -C "$BUILD" "$@"
