#!/usr/bin/env bash
# README command 2 (and CI): install, check the formatting, build with warnings as errors, run the
# whole test suite, then build again with AddressSanitizer + UBSan and run it once more. GUI tests
# run under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# The house style is the tools': every C and C++ file as .clang-format asks (clang-format 14).
bash scripts/check-format.sh

jobs=$(nproc)
run_suite() {
    local dir=$1 exclude=$2
    shift 2
    cmake -S . -B "$dir" -G Ninja -DSAMENKAART_WERROR=ON "$@" >/dev/null
    ninja -C "$dir"
    # Every test gets a time limit; GL tests bring their own xvfb-run.
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600 ${exclude:+-E "$exclude"}
}

echo "== Release build, warnings as errors: every test"
run_suite build-test "" -DCMAKE_BUILD_TYPE=Release

# The house rules that .clang-tidy names (clang-tidy 14), over the Release build's compile commands.
echo "== clang-tidy"
bash scripts/check-tidy.sh build-test

if [ "${SAMENKAART_SKIP_SANITIZERS:-0}" != 1 ]; then
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    # Every test except those that drive Mesa's llvmpipe (its JIT code is invisible to the
    # sanitizers, and at ASan's speed the timed window scenarios no longer mean what they test);
    # those ran above in the Release build.
    run_suite build-asan "^(mapping_gl|gui_render|gui_window|window_gui_.*|window_every_control_.*|window_crash_during_pin_writes|programme_gui_publish)$" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMENKAART_SANITIZE=ON
fi
