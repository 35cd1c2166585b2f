#!/bin/bash
# Launch to the whole map drawn: `samenkaart open P --timings`, from the process's start to the frame that
# first shows the map, with the prepared-map cache (mapping/prepared_map_cache.hpp) warm and without one
# (a fresh XDG_CACHE_HOME each time: what every launch cost before the cache, and the first launch still
# costs). Cold and warm runs alternate, so both see the same load on the machine.
#   xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" tests/bench/bench_launch.sh PROJECT [BUILD_DIR]
# PROJECT: e.g. one made with `samenkaart new P --boundaries buurten.shp` from generate_buurten.py's layer.
# Prints one line per launch and the medians; RUNS (default 5) launches of each kind.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=${1:?usage: bench_launch.sh PROJECT [BUILD_DIR]}
build=${2:-$here/../../build}
samenkaart=$(cd "$build" && pwd)/samenkaart
runs=${RUNS:-5}
work=$(mktemp -d /tmp/samenkaart-launch.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$samenkaart" ] || { echo "no samenkaart at $samenkaart (build first)" >&2; exit 1; }

# One launch; prints the ms of "map loaded and drawn" and the loading line. The window is closed once
# the map is drawn, or with "fill" once it has also written the prepared map to the cache (which it
# does after showing the map).
launch() {
    local cache=$1 fill=${2:-} log=$work/log.txt
    : >"$log"
    XDG_CACHE_HOME=$cache "$samenkaart" open "$project" --timings 2>"$log" &
    local pid=$!
    for _ in $(seq 1200); do
        if grep -q "map loaded and drawn" "$log"; then
            [ -z "$fill" ] && break
            compgen -G "$cache/samenkaart/maps/*.map" >/dev/null && break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local drawn first loading
    drawn=$(sed -n 's/.*map loaded and drawn after \([0-9]*\) ms.*/\1/p' "$log")
    first=$(sed -n 's/.*first frame after \([0-9]*\) ms.*/\1/p' "$log")
    loading=$(sed -n 's/^samenkaart: map loading: //p' "$log")
    [ -n "$drawn" ] || { echo "no map drawn; the window said:" >&2; cat "$log" >&2; exit 1; }
    echo "$drawn first frame $first ms; $loading"
}

warm=$work/warm
launch "$warm" fill >/dev/null  # fills the warm cache
cold_ms=() warm_ms=()
for i in $(seq "$runs"); do
    rm -rf "$work/cold"
    line=$(launch "$work/cold")
    echo "cold $i: map drawn after $line"
    cold_ms+=("${line%% *}")
    line=$(launch "$warm")
    echo "warm $i: map drawn after $line"
    warm_ms+=("${line%% *}")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: without a cache $(median "${cold_ms[@]}") ms, with the cache $(median "${warm_ms[@]}") ms" \
    "(load $(cut -d' ' -f1 /proc/loadavg))"
