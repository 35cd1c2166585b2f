#!/usr/bin/env bash
# README command 2 (and CI): install, build with warnings as errors, run the whole test suite, then
# build again with AddressSanitizer + UBSan and run it once more. GUI tests run under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

jobs=$(nproc)
run_suite() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja -DSAMENKAART_WERROR=ON "$@" >/dev/null
    ninja -C "$dir"
    # Every test gets a time limit; GL tests bring their own xvfb-run.
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600
}

echo "== Release build, warnings as errors"
run_suite build-test -DCMAKE_BUILD_TYPE=Release

if [ "${SAMENKAART_SKIP_SANITIZERS:-0}" != 1 ]; then
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMENKAART_SANITIZE=ON
fi
