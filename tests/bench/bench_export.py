#!/usr/bin/python3
"""Benchmark: research export and bulk pin import at buurten scale (not a ctest test).

    /usr/bin/python3 tests/bench/bench_export.py [--exe build/samenkaart] [--work /tmp/samenkaart-bench]
        [--pins 100000] [--runs 3] [--import-only]

Builds (once, cached in --work) a project from tests/bench/generate_buurten.py's 14,000-polygon /
2.5-million-vertex layer, imports --pins random points from a CSV with `samenkaart pin import` (one
transaction; reported as points/s), then times `samenkaart export` to a GeoPackage against
`ogr2ogr` copying just the pins and boundaries tables of the same project to a GeoPackage (the
issue's yardstick: export <= 1.5 x ogr2ogr). Best of --runs for both. Checks the export with GDAL's
validate_gpkg.py and prints one summary line per figure. --import-only stops after the import; the
import line gives wall and CPU time and the load average before it (wall time on a busy machine is
mostly waiting for a core).
"""

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VALIDATE = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


CPU = {}  # command -> CPU seconds (user + sys) of its last run: less sensitive to a busy machine than wall time


def run(args, **kw):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[os.path.basename(args[0])] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return dt, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exe", default=os.path.join(ROOT, "build", "samenkaart"))
    ap.add_argument("--work", default="/tmp/samenkaart-bench")
    ap.add_argument("--pins", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--import-only", action="store_true", help="time pin import alone, not the export")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)

    shp = os.path.join(a.work, "buurten.shp")
    if not os.path.exists(shp):
        dt, _ = run(["/usr/bin/python3", os.path.join(HERE, "generate_buurten.py"), "--out", shp])
        print(f"generate_buurten: {dt:.1f} s")

    base = os.path.join(a.work, "base.sqlite")
    if not os.path.exists(base):
        dt, _ = run([a.exe, "new", base, "--boundaries", shp])
        print(f"samenkaart new (14k boundaries): {dt:.1f} s")

    # A fresh copy per run of the import, so that every import writes into the same state.
    project = os.path.join(a.work, "bench.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(project + suffix):
            os.remove(project + suffix)
    shutil.copy(base, project)
    _, r = run([a.exe, "session", "start", project, "--title", "Benchmark", "--facilitator", "Bench", "--consent"])
    session = r.stdout.strip()

    pins_csv = os.path.join(a.work, f"pins_{a.pins}.csv")
    if not os.path.exists(pins_csv):
        rnd = random.Random(1)
        cats = ["kans", "hulpbron", "knelpunt", "idee"]
        with open(pins_csv, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["x", "y", "title", "description", "category", "contributor"])
            for i in range(a.pins):
                w.writerow([f"{rnd.uniform(120500, 179500):.2f}", f"{rnd.uniform(430500, 489500):.2f}",
                            f"Pin {i} café", "Beschrijving met 'aanhalingstekens', komma's en é",
                            rnd.choice(cats), f"bewoner{i % 97}" if i % 3 == 0 else ""])

    exe = os.path.basename(a.exe)  # CPU is kept by the program's file name
    load = os.getloadavg()[0]
    dt, r = run([a.exe, "pin", "import", project, pins_csv, "--session", session, "--category-field", "category",
                 "--source-crs", "EPSG:28992"])
    print(f"pin import: {a.pins} points in {dt:.2f} s = {a.pins / dt:,.0f} points/s, CPU {CPU[exe]:.2f} s "
          f"= {a.pins / CPU[exe]:,.0f} points per CPU second, load {load:.1f} before  ({r.stdout.strip()})")
    if a.import_only:
        return

    out = os.path.join(a.work, "export.gpkg")
    ogr = os.path.join(a.work, "ogr2ogr.gpkg")
    export_times, ogr_times, export_cpu, ogr_cpu = [], [], [], []
    for _ in range(a.runs):
        # --keep-aliases: the same work as before exports anonymized by default (a personal
        # category is exported here), so these numbers stay comparable with the earlier ones.
        dt, r = run([a.exe, "export", project, "--out", out, "--overwrite", "--keep-aliases"])
        export_times.append(dt)
        export_cpu.append(CPU[exe])
        if os.path.exists(ogr):
            os.remove(ogr)
        dt, _ = run(["ogr2ogr", "-f", "GPKG", ogr, project, "pins", "boundaries"])
        ogr_times.append(dt)
        ogr_cpu.append(CPU["ogr2ogr"])
    e, o = min(export_times), min(ogr_times)
    print(f"export: best {e:.2f} s of {[round(t, 2) for t in export_times]}  ({r.stdout.strip()})")
    print(f"ogr2ogr pins+boundaries: best {o:.2f} s of {[round(t, 2) for t in ogr_times]}")
    print(f"ratio export / ogr2ogr: {e / o:.2f} (target <= 1.5); CPU seconds: export {min(export_cpu):.2f}, "
          f"ogr2ogr {min(ogr_cpu):.2f}")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if os.path.exists(VALIDATE):
        v = subprocess.run(["/usr/bin/python3", VALIDATE, out], capture_output=True, text=True)
        print("validate_gpkg:", "OK" if v.returncode == 0 and not v.stdout.strip() else v.stdout + v.stderr)
    print(f"sizes: export {os.path.getsize(out) / 1e6:.0f} MB, ogr2ogr {os.path.getsize(ogr) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
