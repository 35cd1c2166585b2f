#!/usr/bin/env python3
"""The programme in the window, under Xvfb: two werkplaatsen publish (the command line), then
`samenkaart open DB` shows every published pin and buurt on one map, read-only: no session, no
palette, no undo or lock, a pin's card without Edit/Move/Delete. The werkplaats filter narrows the
map and the counts; every control the view names is pressed. A new publish shows at the next open;
an unchanged store is not read again; a store that cannot be reached is one line and exit 1.

usage: gui_open_test.py SAMENKAART_EXE WORK_DIR PG_STATE_DIR"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "window"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from store_fixture import Admin, client_env, cluster_env  # noqa: E402
from window_driver import Cli, Window, controls, reveal, sql  # noqa: E402

exe, work, state = sys.argv[1:4]
env = client_env(work, cache=True)
psql = Admin(cluster_env(state))
database = "sk_gui_open_" + str(os.getpid())


def pin_count(w):
    """The status bar's pin count, in its words ("5 pins", "2 van 5 pins")."""
    names = [n[len("status.pins."):] for n in w.rects if n.startswith("status.pins.")]
    assert len(names) == 1, names
    return names[0]


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


cli = Cli(exe, env)
try:
    db = psql.new_store(cli, database, "utrecht", "rotterdam")
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "sample")
    projects = {}
    for werkplaats, n in (("utrecht", 3), ("rotterdam", 2)):
        project = os.path.join(work, werkplaats + ".sqlite")
        cli("new", project, "--boundaries", os.path.join(src, "buurten.geojson"))
        sid = cli("session", "start", project, "--title", "Avond " + werkplaats, "--consent").strip()
        for i in range(n):
            cli("pin", "add", project, "--session", sid, "--category", "kans", "--title", f"{werkplaats} {i}", "--xy",
                str(156300 + 300 * i), str(464500 + 200 * i + (0 if werkplaats == "utrecht" else 900)))
        cli("publish", project, db, "--werkplaats", werkplaats)
        projects[werkplaats] = (project, sid)

    w = Window(exe, env, db, os.path.join(work, "programme.png"), english=True)
    shutil.copy(w.shot, os.path.join(work, "programme-map.png"))
    assert w.has("toolbar.programme") and w.has("status.read_only"), sorted(w.rects)
    for editing in ("toolbar.sessions", "toolbar.undo", "toolbar.redo", "toolbar.lock"):
        assert not w.has(editing), f"the programme view offers {editing}"
    assert not any(n.startswith("palette.") for n in w.rects), "nothing is placed in the programme view"
    assert pin_count(w) == "5 pins", pin_count(w)
    view = os.path.join(work, "cache", "samenkaart", "programme")
    files = [f for f in os.listdir(view) if f.endswith(".sqlite")]
    assert len(files) == 1, files
    view_file = os.path.join(view, files[0])
    before = digest(view_file)

    # A pin's card says where it comes from and offers nothing that would change it.
    pins = sorted(n for n in w.rects if n.startswith("pin."))
    assert len(pins) == 5, pins

    def clear(name):
        """A pin no panel lies over (one near the map's edge may sit under the tool bar)."""
        x, y = w.centre(name)
        return not any(n.startswith("docked.") and r[0] <= x <= r[2] and r[1] <= y <= r[3] for n, r in w.rects.items())

    w.tap(next(p for p in pins if clear(p)))
    w.wait_for("card.close")
    assert not w.has("card.edit") and not w.has("card.delete"), sorted(w.rects)
    w.tap("card.close")
    w.wait_gone("card.close")

    # One werkplaats: the map and the status bar count its pins only.
    w.tap("layers.toggle")
    w.wait_for("filter.werkplaats.rotterdam")
    assert not w.has("layers.path"), "no context layers are added to the programme view"
    w.tap("filter.werkplaats.rotterdam")  # tap() returns once the window has handled it
    assert pin_count(w) == "2 of 5 pins", pin_count(w)
    shutil.copy(w.shot, os.path.join(work, "programme-rotterdam.png"))
    sessions = [n for n in controls(w.rects) if n.startswith("filter.session.") and n != "filter.session.all"]
    rotterdam = sql(view_file, "SELECT session_id FROM programme_sessions WHERE werkplaats = 'rotterdam'")
    assert sessions == [f"filter.session.{rotterdam}"], f"only rotterdam's session is offered: {sessions}"
    w.tap("filter.werkplaats.all")
    assert pin_count(w) == "5 pins", pin_count(w)

    # Every control the view names, pressed once each (the window must live through all of them).
    pressed = set()
    for _ in range(3):
        for name in controls(w.rects):
            if name in pressed or not w.has(name) or name.startswith(("cluster.", "status.language")):
                continue
            if not reveal(w, name):  # dragged into view in its list, as a finger would
                continue
            pressed.add(name)
            w.tap(name)
    assert len(pressed) >= 15, sorted(pressed)
    w.close()
    assert w.proc.returncode == 0, w.proc.returncode
    assert digest(view_file) == before, "the programme view's file was changed"
    settings = os.path.join(work, "config", "samenkaart", "settings.json")
    if os.path.exists(settings):
        assert view not in open(settings).read(), "the programme view is not remembered as the last project"

    # Opened again without a change in the store: the file is not read again.
    mtime = os.path.getmtime(view_file)
    w = Window(exe, env, db, os.path.join(work, "again.png"), english=True)
    assert pin_count(w) == "5 pins"
    w.close()
    assert os.path.getmtime(view_file) == mtime, "an unchanged store is not read again"

    # A new publish shows at the next open.
    project, sid = projects["rotterdam"]
    cli("pin", "add", project, "--session", sid, "--category", "kans", "--title", "later", "--xy", "156500", "465600")
    cli("publish", project, db)
    w = Window(exe, env, db, os.path.join(work, "later.png"), english=True)
    assert pin_count(w) == "6 pins", pin_count(w)
    w.close()

    # A server that is not there: one line naming it, exit 1, no window.
    r = subprocess.run([exe, "open", "host=127.0.0.1 port=1 dbname=x connect_timeout=3"], env=env,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1, r
    assert "127.0.0.1" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    print("gui open programme: ok", json.dumps(sorted(pressed)))
finally:
    psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
