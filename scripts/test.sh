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
configure() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja -DSAMENKAART_WERROR=ON "$@" >/dev/null
}
run_tests() {
    local dir=$1 exclude=$2
    # Every test gets a time limit; GL tests bring their own xvfb-run.
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600 ${exclude:+-E "$exclude"}
}
sanitizers=1
[ "${SAMENKAART_SKIP_SANITIZERS:-0}" = 1 ] && sanitizers=0

echo "== Release build, warnings as errors"
configure build-test -DCMAKE_BUILD_TYPE=Release
ninja -C build-test

# The window scenarios run one at a time and mostly wait for the window to settle: about a third
# of two cores is busy then. clang-tidy and the sanitizer build use the rest, at the lowest
# priority so that the scenarios keep theirs; their output is shown once the tests are done.
logs=$(mktemp -d)
background=()
stop_background() {
    for pid in "${background[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
    rm -rf "$logs"
}
trap stop_background EXIT
# The house rules that .clang-tidy names (clang-tidy 14), over the Release build's compile commands.
# Each in its own process group (setsid), so that a failure above stops all of it.
setsid bash -c 'nice -n 19 bash scripts/check-tidy.sh build-test >"$1/tidy" 2>&1; echo $? >"$1/tidy.rc"' _ "$logs" &
background+=($!)
if [ $sanitizers = 1 ]; then
    configure build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMENKAART_SANITIZE=ON
    setsid bash -c 'nice -n 19 ninja -C build-asan >"$1/asan" 2>&1; echo $? >"$1/asan.rc"' _ "$logs" &
    background+=($!)
fi

echo "== Release build: every test"
run_tests build-test ""

echo "== clang-tidy"
wait "${background[0]}" || true
cat "$logs/tidy"
[ "$(cat "$logs/tidy.rc" 2>/dev/null)" = 0 ]

if [ $sanitizers = 1 ]; then
    echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
    wait "${background[1]}" || true
    tail -n 40 "$logs/asan"
    [ "$(cat "$logs/asan.rc" 2>/dev/null)" = 0 ]
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    # Every test except those that drive Mesa's llvmpipe (its JIT code is invisible to the
    # sanitizers, and at ASan's speed the timed window scenarios no longer mean what they test);
    # those ran above in the Release build.
    run_tests build-asan "^(mapping_gl|gui_render|gui_window|window_gui_.*|window_every_control_.*|window_crash_during_pin_writes|programme_gui_.*)$"
fi
