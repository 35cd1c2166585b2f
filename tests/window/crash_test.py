#!/usr/bin/env python3
"""Kills `samenkaart pin add` (SIGKILL) at random moments while pins are written, sometimes two
writers at once, and checks that the project passes PRAGMA integrity_check and holds every pin
whose id a writer printed (a printed id is an acknowledged, committed pin).

usage: crash_test.py SAMENKAART_EXE WORK_DIR"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import json
import time

exe, work = sys.argv[1], sys.argv[2]
src = os.path.dirname(os.path.abspath(__file__))
boundaries = os.path.join(src, "..", "..", "assets", "sample", "buurten.geojson")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
project = os.path.join(work, "crash.sqlite")


def run(*args):
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


r = run("new", project, "--boundaries", boundaries)
assert r.returncode == 0, r.stderr
r = run("session", "start", project, "--title", "Crash test")
assert r.returncode == 0, r.stderr
session = r.stdout.strip()

rng = random.Random(int(os.environ.get("CRASH_SEED", "4")))
acknowledged = []
killed = 0

# How long one whole `pin add` takes on this machine now (a busy CI machine takes several times
# longer than an idle one): the kills below fall anywhere within about that time, so that some writers
# die before, during and after their commit whatever the load.
durations = []
for i in range(3):
    started = time.monotonic()
    r = run("pin", "add", project, "--session", session, "--category", "kans", "--title", f"timing {i}",
            "--xy", "156000.0", "464500.0")
    durations.append(time.monotonic() - started)
    assert r.returncode == 0, r.stderr
    acknowledged.append(r.stdout.strip())
full = sorted(durations)[1]
for i in range(int(os.environ.get("CRASH_ROUNDS", "80"))):
    writers = []
    for w in range(rng.choice([1, 1, 2])):  # sometimes two programs write at once
        x = 155500 + rng.random() * 2000  # inside the sample buurten (EPSG:28992)
        y = 463600 + rng.random() * 1800
        writers.append(subprocess.Popen(
            [exe, "pin", "add", project, "--session", session, "--category", rng.choice(["kans", "idee", "knelpunt"]),
             "--title", f"pin {i}.{w} \u00e9\u00eb\u00ef", "--xy", f"{x:.1f}", f"{y:.1f}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    time.sleep(rng.random() * 1.3 * full)  # anywhere from start-up, through the commit, to the exit
    for p in writers:
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
        out, err = p.communicate()
        if p.returncode == 0:
            assert out.strip(), "exit 0 without an id"
        # An id on stdout is printed only after the commit returned: it must survive.
        if out.strip():
            acknowledged.append(out.strip())

db = sqlite3.connect(project)
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
db.close()
listing = run("pin", "list", project, "--json")
assert listing.returncode == 0, listing.stderr
ids = {p["id"] for p in json.loads(listing.stdout)}
missing = [a for a in acknowledged if a not in ids]
print(f"rounds done (one pin add takes {full:.2f} s), {killed} writers killed, {len(acknowledged)} pins acknowledged, {len(ids)} in the file, "
      f"integrity_check={integrity}")
assert integrity == "ok", integrity
assert not missing, f"acknowledged pins lost: {missing}"
assert killed > 0 and len(acknowledged) > 3, "the test did not exercise both outcomes"
print("PASS")
