#!/usr/bin/env bash
# The cluster hierarchy of 1,000,000 pins: Samenkaart's index beside mapbox's supercluster (npm, run
# with Node on the same points), in one run. Needs node and npm (not in CI: a benchmark run by hand).
# Usage: bash tests/bench/bench_clusters.sh [build dir, default build] [pins, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
pins=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" bench_clusters >/dev/null
(cd "$work" && npm install --silent --no-audit --no-fund supercluster@8 >/dev/null)
"$build/tests/bench/bench_clusters" "$pins" "$work/points.f64"
cat >"$work/peer.mjs" <<'JS'
import fs from 'fs';
import Supercluster from 'supercluster';
const buf = fs.readFileSync(process.argv[2]);
const xy = new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
const features = [];
for (let i = 0; i < xy.length; i += 2)
    features.push({type: 'Feature', properties: {}, geometry: {type: 'Point', coordinates: [xy[i], xy[i + 1]]}});
const times = [];
for (let run = 0; run < 5; ++run) {
    const index = new Supercluster({radius: 40, maxZoom: 16});
    const start = process.hrtime.bigint();
    index.load(features);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({bench: 'supercluster_load', pins: features.length, min_ms: +times[0].toFixed(1),
                            median_ms: +times[2].toFixed(1), max_ms: +times[4].toFixed(1),
                            node: process.version}));
JS
(cd "$work" && node peer.mjs points.f64)
