#!/bin/bash
# Render and import speed of samenkaart against GDAL on a buurten-scale layer (about 14,000 polygons with
# 2.5 million vertices, tests/bench/generate_buurten.py):
#   * full render: `samenkaart render --size 1600x1000` (open, load, prepare, draw, write PNG), wall time,
#     against `gdal_rasterize` of the same layer to a 1600 x 1000 GeoTIFF;
#   * interactive frames: `samenkaart render --bench 200` at 1600 x 1000 (median, p95, p99);
#   * import: `samenkaart new` against `ogr2ogr -f SQLite -dsco SPATIALITE=YES` of the same shapefile.
# Wall times are the median of RUNS runs (hyperfine when installed). Needs a display: run under
#   xvfb-run -a -s "-screen 0 1920x1080x24" tests/bench/bench_render_vs_gdal.sh [BUILD_DIR]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
samenkaart=$(cd "$build" && pwd)/samenkaart
runs=${RUNS:-3}
work=${WORK:-$(mktemp -d /tmp/samenkaart-bench.XXXXXX)}
mkdir -p "$work"
shp=$work/buurten.shp

[ -x "$samenkaart" ] || { echo "no samenkaart at $samenkaart (build first)" >&2; exit 1; }
[ -f "$shp" ] || /usr/bin/python3 "$here/generate_buurten.py" --out "$shp" >&2

# Median wall time in seconds of a command, run $runs times; `prepare` runs before each (untimed).
median_wall() {
    local prepare=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine --runs "$runs" --prepare "$prepare" --export-json "$work/hf.json" "$*" >/dev/null
        python3 -c "import json;print('%.3f'%json.load(open('$work/hf.json'))['results'][0]['median'])"
        return
    fi
    local times=()
    for _ in $(seq "$runs"); do
        bash -c "$prepare"
        local start end
        start=$(date +%s.%N)
        bash -c "$*" >/dev/null 2>"$work/stderr.txt" || { echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)]}'
}

project=$work/bench.sqlite
import_samenkaart=$(median_wall "rm -f $project" "$samenkaart new $project --boundaries $shp")
[ -f "$project" ] || "$samenkaart" new "$project" --boundaries "$shp" >/dev/null
import_ogr2ogr=$(median_wall "rm -f $work/ogr.sqlite" \
    "ogr2ogr -f SQLite -dsco SPATIALITE=YES -nlt PROMOTE_TO_MULTI $work/ogr.sqlite $shp")

extent=$(ogrinfo -so -al "$shp" | sed -n 's/^Extent: (\(.*\), \(.*\)) - (\(.*\), \(.*\))$/\1 \2 \3 \4/p')
render_samenkaart=$(median_wall true "$samenkaart render $project --out $work/render.png --size 1600x1000")
# The same grid as samenkaart's picture (its world file), so both draw the same number of pixels.
read -r te < <(python3 - "$work/render.pgw" <<'PY'
import sys
a, _, _, e, c, f = (float(v) for v in open(sys.argv[1]).read().split())
left, top = c - a / 2, f - e / 2
print(f"{left:.6f} {top + 1000 * e:.6f} {left + 1600 * a:.6f} {top:.6f}")
PY
)
render_gdal=$(median_wall "rm -f $work/gdal.tif" \
    "gdal_rasterize -q -burn 255 -ts 1600 1000 -te $te -ot Byte -l boundaries $project $work/gdal.tif")
render_gdal_shp=$(median_wall "rm -f $work/gdal_shp.tif" \
    "gdal_rasterize -q -burn 255 -ts 1600 1000 -te $te -ot Byte $shp $work/gdal_shp.tif")

bench_json=$("$samenkaart" render "$project" --bench 200 --size 1600x1000 --samples 4 | tail -n 1)
bench_json_1x=$("$samenkaart" render "$project" --bench 200 --size 1600x1000 --samples 1 | tail -n 1)

python3 - "$import_samenkaart" "$import_ogr2ogr" "$render_samenkaart" "$render_gdal" "$render_gdal_shp" \
    "$bench_json" "$bench_json_1x" "$extent" <<'PY'
import json, sys
imp_s, imp_o, ren_s, ren_g, ren_gs = (float(v) for v in sys.argv[1:6])
bench, bench1 = json.loads(sys.argv[6]), json.loads(sys.argv[7])
result = {
    "layer_extent": sys.argv[8],
    "import_samenkaart_s": imp_s, "import_ogr2ogr_s": imp_o, "import_ratio": round(imp_s / imp_o, 2),
    "render_samenkaart_s": ren_s, "render_gdal_rasterize_s": ren_g, "render_gdal_rasterize_shp_s": ren_gs,
    "render_ratio": round(ren_s / ren_g, 2),
    "frames_msaa4": bench, "frames_msaa1": bench1,
}
print(f"import:  samenkaart new {imp_s:.2f} s   ogr2ogr -f SQLite SPATIALITE {imp_o:.2f} s   ({imp_s / imp_o:.2f}x)")
print(f"render:  samenkaart render {ren_s:.2f} s   gdal_rasterize (project) {ren_g:.2f} s   "
      f"(shapefile {ren_gs:.2f} s)   ({ren_s / ren_g:.2f}x; target <= 2x)")
for name, b in (("4x MSAA", bench), ("no MSAA", bench1)):
    print(f"frames 1600x1000 {name}: median {b['median_ms']:.1f} ms  p95 {b['p95_ms']:.1f} ms  "
          f"p99 {b['p99_ms']:.1f} ms  ({b['triangles']:.0f} triangles + {b['outline_segments']:.0f} outline "
          f"segments/frame, {b['renderer']}; target p95 <= 20 ms)")
with open("/proc/loadavg") as f:
    print("load average while measuring:", f.read().split()[0], "on", __import__("os").cpu_count(), "cores")
print(json.dumps(result))
PY
