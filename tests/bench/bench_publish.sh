#!/usr/bin/env bash
# Publish speed of samenkaart into the programme store (PostGIS), against ogr2ogr, on one machine in one run
# (issue 14). Not a ctest test.
#
#   tests/bench/bench_publish.sh [SAMENKAART] [WORK]
#       SAMENKAART  the binary to time (default build/samenkaart). Copy it first when a build may
#                   replace it during the run:  cp build/samenkaart /tmp/bench-samenkaart
#       WORK        folder for the generated data (default: a new /tmp/samenkaart-bench-publish.*,
#                   removed at the end; a folder you name is kept)
#   Environment: RUNS (3), PINS (100000), BIG_PINS (1000000), SMALL_PINS (1000), NEW_PINS (10).
#
# What it measures, each RUNS times, and prints as one table:
#  1. First publish: a project made with `samenkaart new` from generate_buurten.py's layer (14,000
#     polygons, 2.5 M vertices), one session with consent and PINS pins from `samenkaart pin import`,
#     `samenkaart publish`ed into an empty store (a fresh database from the cluster's PostGIS template,
#     `programme init`, one werkplaats), against `ogr2ogr -f PostgreSQL` copying the same project file's
#     `boundaries` and `pins` tables (one ogr2ogr per layer, COPY, `-lco GEOMETRY_NAME=geom`) into another
#     fresh database of the same cluster. Each round starts from an untouched copy of the project file,
#     so every publish is a first publish. Yardstick: publish / ogr2ogr <= 1.0 (by the medians).
#     Publish sends more than ogr2ogr copies: each geometry twice (map CRS and the programme's CRS),
#     the pins' history rows, and it checks the server's counts and records what it sent in the project.
#  2. Incremental publish of NEW_PINS new pins (`samenkaart pin add`) into a store that already holds
#     BIG_PINS pins (one project with BIG_PINS pins, published once as set-up, timed but not repeated):
#       a. the pins added to that big project itself (the publish compares all BIG_PINS pins);
#       b. the pins added to a second, small project (SMALL_PINS pins, same buurten) in the same store.
#     Target < 0.5 s.
#  3. `samenkaart export STORE --out FILE.gpkg` of that store (the research file: pins, history,
#     buurten, counts per buurt) against `ogr2ogr -f GPKG` of the store's `samenkaart.pins_map` view.
#     Target <= 1.5x (by the medians).
#
# Wall time and client CPU from bash's `time`; server CPU as the PostgreSQL
# backends' CPU (the postmaster's reaped-children time, /proc/PID/stat). For each kind of publish the
# first round's phases come from the server's statement log (log_min_duration_statement = 0 on the
# publish databases only): process start and connect, reading the project (until BEGIN), the
# transaction (with every statement of >= 50 ms), and after COMMIT (the count check, publish_state
# written into the project file).
#
# The cluster is scripts/pg-test-cluster.sh's (fsync=off, on 127.0.0.1), started here and stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
samenkaart=${1:-$root/build/samenkaart}
samenkaart=$(cd "$(dirname "$samenkaart")" && pwd)/$(basename "$samenkaart")
runs=${RUNS:-3}
pins=${PINS:-100000}
big_pins=${BIG_PINS:-1000000}
small_pins=${SMALL_PINS:-1000}
new_pins=${NEW_PINS:-10}
[ -x "$samenkaart" ] || { echo "no samenkaart at $samenkaart (build first)" >&2; exit 1; }
for tool in ogr2ogr ogrinfo psql python3; do
    command -v "$tool" >/dev/null || { echo "bench_publish: $tool is missing" >&2; exit 1; }
done

if [ -n "${2:-}" ]; then
    work=$2 keep_work=1
    mkdir -p "$work"
else
    work=$(mktemp -d /tmp/samenkaart-bench-publish.XXXXXX) keep_work=0
fi
work=$(cd "$work" && pwd)
state=$work/cluster

cleanup() {
    bash "$root/scripts/pg-test-cluster.sh" stop "$state" >/dev/null 2>&1 || true
    [ "$keep_work" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench_publish: $*" >&2; }

# ---- the cluster ------------------------------------------------------------------------------
bash "$root/scripts/pg-test-cluster.sh" start "$state" >&2
# cluster.env is KEY=VALUE lines, not a shell file (the server options hold spaces).
env_value() { sed -n "s/^$1=//p" "$state/cluster.env"; }
export PGHOST PGPORT PGUSER
PGHOST=$(env_value PGHOST) PGPORT=$(env_value PGPORT) PGUSER=$(env_value PGUSER)
pg_data=$(env_value SAMENKAART_PG_DATA)
server_log=$pg_data/server.log
postmaster=$(head -n 1 "$pg_data/data/postmaster.pid")
# Statement log lines start with the epoch time in ms (for `phases`); the throwaway cluster only.
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "ALTER SYSTEM SET log_line_prefix = '%n [%p] '" -c "SELECT pg_reload_conf()" >/dev/null
conninfo() { echo "host=$PGHOST port=$PGPORT user=$PGUSER dbname=$1"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }
count() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# A fresh programme store: a copy of the PostGIS template, the schema, one werkplaats, statement log on.
new_store() {
    sql "CREATE DATABASE $1 TEMPLATE samenkaart_template"
    "$samenkaart" programme init "$(conninfo "$1")" >/dev/null
    "$samenkaart" programme werkplaats add "$(conninfo "$1")" bench >/dev/null
    sql "ALTER DATABASE $1 SET log_min_duration_statement = 0"
}

# ---- timing -----------------------------------------------------------------------------------
clock_ticks=$(getconf CLK_TCK)
# CPU seconds of the server's backends so far: the postmaster reaps each backend when its connection
# ends and adds its user + system time to its own children's times (fields 16 and 17 of stat).
server_cpu() {
    sed 's/^.*) //' "/proc/$postmaster/stat" | awk -v hz="$clock_ticks" '{ printf "%.3f\n", ($14 + $15) / hz }'
}
# Before each timed command: dirty buffers written out and the backends of earlier psql calls reaped.
settle() {
    sql CHECKPOINT
    sleep 0.3
}

# timed NAME COMMAND...: runs COMMAND (a program or a function of this script) once, appends
# "wall client_cpu server_cpu" to $work/times/NAME and leaves its stdout in $work/last.out; the server
# log offset and the clock before and after it are kept for `phases`. Wall and client CPU (user + system
# of COMMAND and its children) come from bash's `time`.
mkdir -p "$work/times"
timed() {
    local name=$1; shift
    settle
    local s0 s1 TIMEFORMAT='%3R %3U %3S'
    wc -l <"$server_log" >"$work/last.logstart"
    s0=$(server_cpu)
    date +%s.%N >"$work/last.start"
    { time "$@" >"$work/last.out" 2>"$work/last.err"; } 2>"$work/last.time" ||
        { log "failed: $*"; cat "$work/last.out" "$work/last.err" >&2; exit 1; }
    date +%s.%N >"$work/last.end"
    sleep 0.3  # the backend exits after the client; let the postmaster reap it
    s1=$(server_cpu)
    awk -v s0="$s0" -v s1="$s1" '{ printf "%.3f %.2f %.2f\n", $1, $2 + $3, s1 - s0 }' "$work/last.time" \
        >>"$work/times/$name"
}

# The phases of the last timed publish, from the statement log (each line stamped by the server at the
# end of its statement; the same clock as the shell's on this machine).
phases() {
    python3 - "$1" "$server_log" "$(cat "$work/last.logstart")" "$(cat "$work/last.start")" "$(cat "$work/last.end")" <<'PY'
import re, sys
title, path, skip, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
line = re.compile(r"^(\d+\.\d+) \[\d+\] LOG:  duration: ([\d.]+) ms  (.*)$")
events = []
with open(path, encoding="utf-8", errors="replace") as f:
    for i, text in enumerate(f):
        m = line.match(text.rstrip("\n")) if i >= skip else None
        if m:
            events.append((float(m[1]), float(m[2]) / 1000, m[3].split(": ", 1)[-1]))
def first(prefix):
    return next(t for t, _, s in events if s.startswith(prefix))
connected, begin, commit = first("set client_encoding"), first("BEGIN"), first("COMMIT")
print(f"  {title}: {end - start:.2f} s = start and connect {connected - start:.2f} + reading the project "
      f"{begin - connected:.2f} + transaction {commit - begin:.2f} + after COMMIT {end - commit:.2f}")
for t, d, s in events:
    if begin <= t <= end and d >= 0.05:
        print(f"      {d:6.2f} s  {s[:100]}")
PY
}

median() { sort -g | awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
column_of() { awk -v c="$2" '{ print $c }' "$work/times/$1"; }

# ---- data -------------------------------------------------------------------------------------
# pins_csv N SEED OUT: N random pins inside the buurten layer's extent (x 120000..180000, y 430000..490000),
# in the same columns as tests/bench/bench_export.py's.
pins_csv() {
    python3 - "$@" <<'PY'
import csv, random, sys
n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
cats = ["kans", "hulpbron", "knelpunt", "idee"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["x", "y", "title", "description", "category", "contributor"])
    for i in range(n):
        w.writerow([f"{rnd.uniform(120500, 179500):.2f}", f"{rnd.uniform(430500, 489500):.2f}", f"Pin {i} café",
                    "Beschrijving met 'aanhalingstekens', komma's en é", rnd.choice(cats),
                    f"bewoner{i % 97}" if i % 3 == 0 else ""])
PY
}

# project OUT N SEED: a project of the buurten with one consented session and N imported pins.
project() {
    "$samenkaart" new "$1" --boundaries "$work/buurten.shp" >/dev/null
    local session
    session=$("$samenkaart" session start "$1" --title "Benchmark" --facilitator "Bench" --consent)
    pins_csv "$2" "$3" "$work/pins.csv"
    "$samenkaart" pin import "$1" "$work/pins.csv" --session "$session" --category-field category \
        --source-crs EPSG:28992 >/dev/null
    rm -f "$work/pins.csv"
    echo "$session" >"$1.session"
}

# add_pins PROJECT N SEED: N pins one by one, as a facilitator adds them at the table.
add_pins() {
    local session i
    session=$(cat "$1.session")
    for i in $(seq "$2"); do
        "$samenkaart" pin add "$1" --session "$session" --category idee --title "Nieuw $3-$i" \
            --xy "$((121000 + (RANDOM * 58000 / 32768))).5" "$((431000 + (RANDOM * 58000 / 32768))).5" >/dev/null
    done
}

expect_sent() {  # the publish's receipt must say it sent what we think
    grep -q "sent $1 pins ($1 new" "$work/last.out" || { log "unexpected receipt:"; cat "$work/last.out" >&2; exit 1; }
}

log "load before: $(uptime)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "generating the buurten layer and a project with $pins pins in $work"
[ -f "$work/buurten.shp" ] || /usr/bin/python3 "$here/generate_buurten.py" --out "$work/buurten.shp" >/dev/null
buurten=$(ogrinfo -so -al "$work/buurten.shp" | sed -n 's/^Feature Count: //p')
project "$work/base.sqlite" "$pins" 1

# ---- 1. first publish against ogr2ogr -----------------------------------------------------------
for run in $(seq "$runs"); do
    log "first publish, round $run of $runs"
    rm -f "$work"/publish.sqlite*
    cp "$work/base.sqlite" "$work/publish.sqlite"
    cp "$work/base.sqlite.session" "$work/publish.sqlite.session"
    new_store "pub_$run"
    sql "CREATE DATABASE ogr_$run TEMPLATE samenkaart_template"
    ogr_target="PG:$(conninfo "ogr_$run")"
    ogr() {
        ogr2ogr -f PostgreSQL "$ogr_target" "$work/base.sqlite" boundaries -lco GEOMETRY_NAME=geom &&
            ogr2ogr -f PostgreSQL "$ogr_target" "$work/base.sqlite" pins -lco GEOMETRY_NAME=geom
    }
    pub() { "$samenkaart" publish "$work/publish.sqlite" "$(conninfo "pub_$run")" --werkplaats bench; }
    # Alternate which goes first, so neither always meets the other's leftover work.
    if [ $((run % 2)) = 1 ]; then order="pub ogr"; else order="ogr pub"; fi
    for what in $order; do
        if [ "$what" = pub ]; then
            timed first_publish pub
            expect_sent "$pins"
            if [ "$run" = 1 ]; then phases "first publish, round 1" >"$work/phases_first"; fi
        else
            timed ogr2ogr ogr
        fi
    done
    [ "$(count "ogr_$run" "SELECT (SELECT count(*) FROM pins) || ' ' || (SELECT count(*) FROM boundaries)")" = \
        "$pins $buurten" ] || { log "ogr2ogr copied other counts"; exit 1; }
    [ "$(count "pub_$run" "SELECT (SELECT count(*) FROM samenkaart.pins) || ' ' || (SELECT count(*) FROM samenkaart.boundaries)")" = \
        "$pins $buurten" ] || { log "publish left other counts"; exit 1; }
    sql "DROP DATABASE pub_$run"
    sql "DROP DATABASE ogr_$run"
done

# ---- 2. incremental publish into a store with BIG_PINS pins ----------------------------------
log "set-up: a project with $big_pins pins, published once into an empty store"
rm -f "$work"/publish.sqlite*
project "$work/big.sqlite" "$big_pins" 2
project "$work/small.sqlite" "$small_pins" 3
new_store store
store=$(conninfo store)
timed setup_big "$samenkaart" publish "$work/big.sqlite" "$store" --werkplaats bench
expect_sent "$big_pins"
phases "set-up, first publish of $big_pins pins" >"$work/phases_setup"
timed setup_small "$samenkaart" publish "$work/small.sqlite" "$store" --werkplaats bench
expect_sent "$small_pins"
phases "set-up, first publish of $small_pins pins into that store" >"$work/phases_setup_small"
log "the store holds $(count store "SELECT count(*) FROM samenkaart.pins") pins"

for run in $(seq "$runs"); do
    log "incremental publish, round $run of $runs"
    add_pins "$work/big.sqlite" "$new_pins" "big$run"
    timed incremental_big "$samenkaart" publish "$work/big.sqlite" "$store"
    expect_sent "$new_pins"
    if [ "$run" = 1 ]; then phases "incremental, big project, round 1" >"$work/phases_big"; fi
    add_pins "$work/small.sqlite" "$new_pins" "small$run"
    timed incremental_small "$samenkaart" publish "$work/small.sqlite" "$store"
    expect_sent "$new_pins"
    if [ "$run" = 1 ]; then phases "incremental, small project, round 1" >"$work/phases_small"; fi
done
store_pins=$(count store "SELECT count(*) FROM samenkaart.pins")

# ---- 3. the research file from that store against ogr2ogr of its pins view ---------------------
for run in $(seq "$runs"); do
    log "export from the store, round $run of $runs"
    rm -f "$work/export.gpkg" "$work/ogr_export.gpkg"
    export_store() { "$samenkaart" export "$store" --out "$work/export.gpkg"; }
    ogr_export() { ogr2ogr -f GPKG "$work/ogr_export.gpkg" "PG:$store" samenkaart.pins_map; }
    if [ $((run % 2)) = 1 ]; then order="export_store ogr_export"; else order="ogr_export export_store"; fi
    for what in $order; do timed "$what" "$what"; done
    [ "$(ogrinfo -so -al "$work/ogr_export.gpkg" | sed -n 's/^Feature Count: //p')" = "$store_pins" ] ||
        { log "ogr2ogr exported another count"; exit 1; }
    [ "$(ogrinfo -so "$work/export.gpkg" pins | sed -n 's/^Feature Count: //p')" = "$store_pins" ] ||
        { log "the export holds another count"; exit 1; }
done
rm -f "$work/export.gpkg" "$work/ogr_export.gpkg"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
log "load after: $(uptime)"

# ---- report -----------------------------------------------------------------------------------
row() {  # row LABEL NAME TARGET
    local walls
    walls=$(column_of "$2" 1 | tr '\n' ' ')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(column_of "$2" 1 | median)" "${walls% }" \
        "$(column_of "$2" 2 | median)" "$(column_of "$2" 3 | median)" "$3"
}
pub_median=$(column_of first_publish 1 | median)
ogr_median=$(column_of ogr2ogr 1 | median)
ratio=$(awk -v p="$pub_median" -v o="$ogr_median" 'BEGIN { printf "%.2f", p / o }')
inc_big=$(column_of incremental_big 1 | median)
inc_small=$(column_of incremental_small 1 | median)
export_ratio=$(awk -v p="$(column_of export_store 1 | median)" -v o="$(column_of ogr_export 1 | median)" \
    'BEGIN { printf "%.2f", p / o }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "NOT met" }'; }

echo
echo "samenkaart publish vs ogr2ogr -f PostgreSQL: $buurten buurten (2.5 M vertices), $pins pins; $runs runs each;"
echo "$(nproc) cores; load average before $load_before, after $load_after; $(psql -X -qAt -d postgres -c 'SHOW server_version') with fsync=off"
echo
echo "| what | median wall (s) | each run (s) | client CPU (s) | server CPU (s) | target |"
echo "| --- | --- | --- | --- | --- | --- |"
row "first publish, $pins pins + $buurten buurten + history" first_publish "<= 1.0x ogr2ogr"
row "ogr2ogr boundaries + pins (two runs)" ogr2ogr "-"
row "set-up: first publish of $big_pins pins (once)" setup_big "-"
row "set-up: first publish of $small_pins pins (once)" setup_small "-"
row "incremental: $new_pins new pins, the $big_pins-pin project" incremental_big "< 0.5 s"
row "incremental: $new_pins new pins, a $small_pins-pin project" incremental_small "< 0.5 s"
row "export of the store ($store_pins pins) to GeoPackage" export_store "<= 1.5x ogr2ogr"
row "ogr2ogr -f GPKG of samenkaart.pins_map" ogr_export "-"
echo
echo "ratio publish / ogr2ogr (medians): $ratio (target <= 1.0: $(verdict "$ratio" 1.0))"
echo "incremental publish into a store of $store_pins pins: big project $inc_big s ($(verdict "$inc_big" 0.499)), small project $inc_small s ($(verdict "$inc_small" 0.499))"
echo "ratio export from the store / ogr2ogr of its pins view (medians): $export_ratio (target <= 1.5: $(verdict "$export_ratio" 1.5))"
echo
echo "phases (from the server's statement log; statements of >= 50 ms listed):"
cat "$work/phases_first" "$work/phases_setup" "$work/phases_setup_small" "$work/phases_big" "$work/phases_small"
