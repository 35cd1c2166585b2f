#!/usr/bin/env python3
"""Drives the real Samenkaart window under Xvfb with xdotool, as a facilitator and residents would,
and checks the project file afterwards with the command line (`samenkaart pin list --json`).

The window writes its picture (--screenshot) and where its named widgets are (<png>.widgets.json)
each time it settles; the script clicks widgets by name and waits for the window to settle.

usage: gui_session_test.py SCENARIO SAMENKAART_EXE WORK_DIR GOLDEN_DIR
scenarios: pin_workflow, kiosk_and_language, export, golden, locked_file, full_disk, read_only, two_windows,
           counts_zoom, touch, damaged, kiosk_holes, drafts, session_close, older_residents, clusters, filter,
           map_cache"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time

scenario, exe, work, golden_dir = sys.argv[1:5]
src = os.path.dirname(os.path.abspath(__file__))
boundaries = os.path.join(src, "..", "..", "assets", "sample", "buurten.geojson")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"), XDG_CONFIG_HOME=os.path.join(work, "config"),
           XDG_CACHE_HOME=os.path.join(work, "cache"))


sys.path.insert(0, src)
import window_driver  # noqa: E402  (the one way these tests drive the window)
from window_driver import sql, sql_write, xdo  # noqa: E402

cli = window_driver.Cli(exe, env)


def pins(project, deleted=False):
    return json.loads(cli("pin", "list", project, "--json", *(["--include-deleted"] if deleted else [])))


def new_project(name):
    path = os.path.join(work, name + ".sqlite")
    cli("new", path, "--boundaries", boundaries)
    session = cli("session", "start", path, "--title", "Buurtavond test", "--consent").strip()
    return path, session


class Window(window_driver.Window):
    """The window on a project in this scenario's work folder; its picture is <work>/<tag>.png."""
    quiet = 0.35

    def __init__(self, project, scale=1.0, english=False, tag="shot", extra=(), more_env=None):
        super().__init__(exe, dict(env, **(more_env or {})), project, os.path.join(work, tag + ".png"), scale,
                         english, extra)

    def click(self, name_or_xy):
        self.tap(name_or_xy)

    def type(self, text):
        super().type(text, delay_ms=40)


MAP_SPOT = (800, 560)   # inside the sample buurten, clear of every panel at scale 1
MAP_SPOT2 = (700, 600)
MAP_SPOT3 = (900, 420)


def only(items, **match):
    found = [p for p in items if all(p.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one pin with {match}, found {len(found)}"
    return found[0]


def place_pin(w, digit, at, title):
    w.key(digit)                      # arm the category by its digit
    w.click(at)                       # the tap places a provisional pin and opens the form
    w.wait_for("form.title.active")   # ... with the title field focused
    w.type(title)                     # the title field has the keyboard focus
    w.key("Return")                   # Enter saves
    saw_saved = w.has("toast.saved")  # the banner lasts 4 s: note it before looking again
    assert w.wait_gone("form.title"), "the form stayed open after saving"
    assert saw_saved or w.has("toast.saved"), "no saved state shown"


def scenario_pin_workflow():
    project, session = new_project("workflow")
    w = Window(project)
    place_pin(w, "1", MAP_SPOT, "Moestuin bij de school")
    p = only(pins(project), title="Moestuin bij de school")
    assert p["category"] == "kans" and str(p["session_id"]) == session, p

    # Edit on the on-screen keyboard: the description gets "café ij".
    w.click("pin." + p["id"])
    w.click("card.edit")
    w.click("form.description")
    for k in ["osk.c", "osk.a", "osk.f", "osk.\u00e9", "osk.space", "osk.ij"]:
        w.click(k)
    w.click("form.save")
    assert only(pins(project), id=p["id"])["description"] == "caf\u00e9 ij"

    # Move: the card's Move, then a tap on the new place.
    before = only(pins(project), id=p["id"])
    w.click("pin." + p["id"])
    w.click("card.move")
    w.click(MAP_SPOT2)
    moved = only(pins(project), id=p["id"])
    assert (moved["x"], moved["y"]) != (before["x"], before["y"]), "the pin did not move"

    # Long-press then drag moves it too.
    w.long_press(w.centre("pin." + p["id"]), drag_to=MAP_SPOT3)
    dragged = only(pins(project), id=p["id"])
    assert (dragged["x"], dragged["y"]) != (moved["x"], moved["y"]), "the drag did not move the pin"

    # Delete (asks once), undo brings it back, redo deletes again, undo again.
    w.click("pin." + p["id"])
    w.click("card.delete")
    w.click("card.delete_yes")
    assert not [q for q in pins(project) if q["id"] == p["id"]], "not deleted"
    w.key("ctrl+z")
    assert [q for q in pins(project) if q["id"] == p["id"]], "undo did not restore the pin"
    w.key("ctrl+y")
    assert not [q for q in pins(project) if q["id"] == p["id"]], "redo did not delete again"
    w.key("ctrl+z")
    assert [q for q in pins(project) if q["id"] == p["id"]], "second undo did not restore"

    # Long-press on empty map: a pin, then the form asks for its category.
    w.long_press(MAP_SPOT2)
    assert w.has("form.title") and w.has("chip.idee")
    w.click("chip.idee")
    w.wait_for("form.title.active")
    w.type("Bankje bij de vijver")
    w.key("Return")
    assert only(pins(project), title="Bankje bij de vijver")["category"] == "idee"

    # Escape on a new pin's form leaves nothing behind.
    count = len(pins(project))
    w.key("2")
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("niet bewaren")
    w.key("Escape")
    assert len(pins(project)) == count and not w.has("form.title")

    # kill -9 in the middle of a session: nothing saved is lost, and the session resumes.
    w.kill()
    w = Window(project, tag="restart")
    assert {q["title"] for q in pins(project)} >= {"Moestuin bij de school", "Bankje bij de vijver"}
    place_pin(w, "3", MAP_SPOT, "Na de herstart")
    assert str(only(pins(project), title="Na de herstart")["session_id"]) == session, "the session did not resume"
    # Undo works across the restart: it takes back the last change.
    w.key("ctrl+z")
    assert not [q for q in pins(project) if q["title"] == "Na de herstart"]
    w.close()


def lock(w, pin):
    """Sets the kiosk PIN (typed twice) and locks."""
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type(pin)
    w.click("kiosk.key.11")  # OK (a tap: ImGui 1.86 may miss a key pressed and released within one slow frame)
    w.wait_for("kiosk.pin_again")
    w.wait_for("kiosk.pin.active")
    w.type(pin)
    w.click("kiosk.key.11")
    w.wait_gone("kiosk.pin")


def unlock(w, pin):
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type(pin)
    w.click("kiosk.key.11")
    w.wait_gone("kiosk.pin")


def layer_ids(project):
    return [line.split()[0] for line in cli("layer", "list", project).splitlines() if line.strip()]


def kiosk_locked(project):
    text = sql(project, "SELECT value FROM project_meta WHERE key = 'gui.kiosk'")
    return bool(text) and json.loads(text)["locked"]


def scenario_kiosk_holes():
    """What residents could do while locked and must not: remove or add map layers, edit, move or
    delete a pin placed before the lock, keep their language as the facilitator's; and a PIN set with
    a slip of the finger nobody saw."""
    project, session = new_project("kiosk_holes")
    streets = os.path.join(src, "..", "..", "assets", "sample", "straten.geojson")
    layer = cli("layer", "add", project, streets).strip()
    earlier = cli("pin", "add", project, "--session", session, "--category", "idee", "--title", "Voor het slot",
                  "--xy", "156500", "464500").strip()
    settings_file = os.path.join(work, "config", "samenkaart", "settings.json")
    w = Window(project)

    # The PIN is typed twice; a second entry that differs sets nothing and starts over.
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type("1234")
    w.click("kiosk.key.11")
    w.wait_for("kiosk.pin_again")
    w.wait_for("kiosk.pin.active")
    w.type("1243")
    w.click("kiosk.key.11")
    assert not kiosk_locked(project), "a PIN typed differently the second time locked the window"
    assert w.has("kiosk.pin") and not w.has("kiosk.pin_again"), "a mismatch did not start over"
    assert w.has("kiosk.message"), "a mismatch said nothing"
    w.wait_for("kiosk.pin.active")  # ready for the first entry again
    w.click("kiosk.cancel")
    lock(w, "1234")
    assert kiosk_locked(project) and not w.has("toolbar.settings"), "typed twice alike, and not locked"

    # Layers: residents can neither remove nor add one, nor type a path.
    w.click("layers.toggle")
    w.wait_for("layers.locked")
    assert not w.has("layers.remove." + layer) and not w.has("layers.path") and not w.has("layers.add"), \
        "locked, and the layers panel still offers to remove or add"
    shutil.copy(w.shot, os.path.join(work, "kiosk_layers_locked.png"))
    w.click("layers.toggle")

    # A pin placed before the lock (same session): Edit, Move and Delete show disabled and do nothing.
    before = only(pins(project), id=earlier)
    w.click("pin." + earlier)
    w.wait_for("card.locked")
    shutil.copy(w.shot, os.path.join(work, "kiosk_card_locked.png"))
    w.click("card.edit")
    assert not w.has("form.title"), "locked, and a pin placed before the lock opened for editing"
    if not w.has("card.move"):
        w.click("pin." + earlier)
    w.click("card.move")
    assert not w.has("move.cancel"), "locked, and a pin placed before the lock could be moved"
    if not w.has("card.delete"):
        w.click("pin." + earlier)
    w.click("card.delete")
    assert not w.has("card.delete_yes"), "locked, and a pin placed before the lock could be deleted"
    if w.has("card.close"):
        w.click("card.close")
    # ... nor dragged after a long press.
    w.long_press(w.centre("pin." + earlier), drag_to=MAP_SPOT3)
    after = only(pins(project), id=earlier)
    assert (after["x"], after["y"], after["title"]) == (before["x"], before["y"], before["title"]), after

    # A resident's own pin, placed since the lock: its card's buttons work (edit here).
    place_pin(w, "1", MAP_SPOT, "Na het slot")
    own = only(pins(project), title="Na het slot")
    w.click("pin." + own["id"])
    assert not w.has("card.locked"), "a pin placed since the lock shows as locked"
    w.click("card.edit")
    w.wait_for("form.title.active")
    w.type(" en meer")
    w.click("form.save")
    assert only(pins(project), id=own["id"])["title"] == "Na het slot en meer"

    # The language button while locked: the window speaks English, the stored choice stays Dutch.
    stored_before = open(settings_file).read() if os.path.exists(settings_file) else None
    undo_nl = w.rects["toolbar.undo"][2] - w.rects["toolbar.undo"][0]
    w.click("status.language")
    w.refresh()
    assert w.rects["toolbar.undo"][2] - w.rects["toolbar.undo"][0] < undo_nl, "the language did not switch"
    stored_after = open(settings_file).read() if os.path.exists(settings_file) else None
    assert stored_after == stored_before, ("a language picked while locked was stored", stored_before, stored_after)
    w.click("status.language")

    # The kill -9 keeps the lock and its time: a resident's pin from before the restart stays theirs.
    w.kill()
    w = Window(project, tag="kiosk_holes_relaunch")
    w.click("pin." + own["id"])
    assert not w.has("card.locked"), "after a restart the resident's own pin is locked"
    w.click("card.close")
    w.click("pin." + earlier)
    assert w.has("card.locked"), "after a restart the facilitator's pin is open to residents"
    w.click("card.close")

    # Unlocked, the facilitator removes a layer only after a yes.
    unlock(w, "1234")
    w.click("layers.toggle")
    tap_scrolled(w, "layers.remove." + layer)  # below the views and the filter: scrolled into view
    assert w.has("layers.remove_yes"), "removing a layer did not ask"
    assert layer in layer_ids(project), "the layer went before the yes"
    tap_scrolled(w, "layers.remove_no")
    assert layer in layer_ids(project), "No removed the layer"
    tap_scrolled(w, "layers.remove." + layer)
    tap_scrolled(w, "layers.remove_yes")
    assert layer not in layer_ids(project), "Yes did not remove the layer"
    w.close()


def scenario_kiosk_and_language():
    project, session = new_project("kiosk")
    other = cli("pin", "add", project, "--session", session, "--category", "knelpunt", "--title", "Van de begeleider",
                "--xy", "156500", "464500").strip()
    w = Window(project)
    undo_width_nl = w.rects["toolbar.undo"][2] - w.rects["toolbar.undo"][0]
    lock(w, "1234")
    assert not w.has("toolbar.settings"), "locked, but settings are still offered"

    # Someone else's pin: Delete refuses, nothing is asked, the pin stays.
    w.click("pin." + other)
    w.click("card.delete")
    assert not w.has("card.delete_yes"), "kiosk mode offered to delete someone else's pin"
    assert [q for q in pins(project) if q["id"] == other]
    w.click("card.close")

    # A resident's own pin, placed while locked, may be deleted again.
    place_pin(w, "4", MAP_SPOT, "Speeltuin opknappen")
    own = only(pins(project), title="Speeltuin opknappen")
    w.click("pin." + own["id"])
    w.click("card.delete")
    w.click("card.delete_yes")
    assert not [q for q in pins(project) if q["id"] == own["id"]]

    # The lock survives a crash.
    w.kill()
    w = Window(project, tag="relaunch")
    assert not w.has("toolbar.settings"), "the kiosk lock did not survive a restart"
    stored = json.loads(sql(project, "SELECT value FROM project_meta WHERE key = 'gui.kiosk'"))
    assert stored["locked"] and stored["pin_hash"].startswith("$argon2id$") and "1234" not in stored["pin_hash"], stored
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type("9999")
    w.key("Return")
    assert not w.has("toolbar.settings"), "a wrong PIN unlocked"
    # Five wrong PINs in a row: the keypad waits 30 s, and takes not even the right PIN meanwhile.
    for _ in range(4):
        w.wait_for("kiosk.pin.active")
        w.type("9999")
        w.key("Return")
    assert w.has("kiosk.wait"), "five wrong PINs, and the keypad still takes more"
    waiting_since = time.time()
    shutil.copy(w.shot, os.path.join(work, "kiosk_wait.png"))
    w.type("1234")
    w.key("Return")
    assert not w.has("toolbar.settings"), "the right PIN unlocked during the wait"
    # The countdown ends by itself, untouched: the idle window draws it each second.
    time.sleep(max(0.0, waiting_since + 34 - time.time()))
    with open(w.rects_path) as f:
        assert "kiosk.wait" not in json.load(f), "the wait did not end after 30 s (or the idle window missed it)"
    w.wait_for("kiosk.pin.active")  # the field has the focus again, and is empty
    w.type("1234")
    w.key("Return")
    assert w.has("toolbar.settings"), "the right PIN did not unlock"

    # Language switch at run time: settings -> English; the labels change (and their widths).
    w.click("toolbar.settings")
    w.click("settings.english")
    w.click("settings.close")
    undo_width_en = w.rects["toolbar.undo"][2] - w.rects["toolbar.undo"][0]
    assert undo_width_en < undo_width_nl, ("Undo is shorter than Ongedaan maken", undo_width_en, undo_width_nl)
    w.close()

    # A project locked by Samenkaart 0.x (an FNV hash of 2468): the PIN still opens it, and the
    # hash is replaced by an Argon2id one.
    sql_write(project, """UPDATE project_meta SET value = '{"locked":true,"pin_hash":"d4daf6a29c13e068"}'
                          WHERE key = 'gui.kiosk'""")
    w = Window(project, tag="legacy")
    assert not w.has("toolbar.settings"), "the old lock did not hold"
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type("2468")
    w.key("Return")
    assert w.has("toolbar.settings"), "the old PIN did not unlock"
    stored = json.loads(sql(project, "SELECT value FROM project_meta WHERE key = 'gui.kiosk'"))
    assert not stored["locked"] and stored["pin_hash"].startswith("$argon2id$"), stored
    w.close()


def close_window(title):
    """Asks the window to close as its close button does (WM_DELETE_WINDOW), not by a signal."""
    import ctypes
    import ctypes.util
    ids = subprocess.run(["xdotool", "search", "--name", title], capture_output=True, text=True,
                         timeout=30).stdout.split()
    assert ids, f"no window titled {title!r}"
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 24)]

    display = x11.XOpenDisplay(None)
    assert display, "cannot open the X display"
    for wid in ids:
        e = ClientMessage()
        e.type = 33  # ClientMessage
        e.window = int(wid)
        e.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        e.format = 32
        e.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        e.data[1] = 0  # CurrentTime
        x11.XSendEvent(display, int(wid), 0, 0, ctypes.byref(e))
    x11.XFlush(display)
    x11.XCloseDisplay(display)


def pin_draft(project):
    text = sql(project, "SELECT value FROM project_meta WHERE key = 'pin_draft'")
    return json.loads(text) if text else None


def scenario_drafts():
    """Nothing typed is lost: a pin form's text is in the project as it is typed, and kill -9 or
    closing the window brings it back into the form at the next start. Saving or cancelling clears it."""
    project, session = new_project("drafts")
    w = Window(project)
    w.click("palette.kans")
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("Moestuin half")
    w.click("form.description")
    w.type("nog niet klaar")
    draft = pin_draft(project)
    assert draft and draft["title"] == "Moestuin half" and draft["description"] == "nog niet klaar", draft
    w.kill()
    w = Window(project, tag="drafts_after_kill")
    assert w.has("form.title"), "after kill -9 the form with the typed text did not come back"
    shutil.copy(w.shot, os.path.join(work, "draft_restored.png"))
    w.wait_for("form.title.active")
    w.click("form.save")  # saves what came back: the pin carries the text typed before the kill
    p = only(pins(project), title="Moestuin half")
    assert p["description"] == "nog niet klaar" and p["category"] == "kans" and str(p["session_id"]) == session, p
    assert pin_draft(project) is None, "saving left the draft behind"

    # An edit in a window that has not had the title field focused yet (ImGui 1.86 then selected the
    # whole title, and the first key replaced it; after an earlier use it kept that use's caret,
    # possibly the start): the caret sits at the end, so what is typed goes after the title. Then the
    # window is closed (its close button) with the form half done, and the edit comes back.
    w.kill()
    w = Window(project, tag="drafts_edit")
    w.click("pin." + p["id"])
    w.click("card.edit")
    w.wait_for("form.title.active")
    w.type(" bij school")
    assert pin_draft(project)["title"] == "Moestuin half bij school", pin_draft(project)
    close_window("Samenkaart - drafts.sqlite")
    w.proc.wait(timeout=20)
    assert only(pins(project), id=p["id"])["title"] == "Moestuin half", "closing saved the edit unasked"
    w = Window(project, tag="drafts_after_close")
    w.wait_for("form.title.active")
    w.type("!")  # the caret is at the end after a restore too
    w.click("form.save")
    assert only(pins(project), id=p["id"])["title"] == "Moestuin half bij school!", only(pins(project), id=p["id"])
    assert pin_draft(project) is None

    # Cancel clears the draft: nothing comes back after a restart.
    w.click("palette.hulpbron")
    w.click(MAP_SPOT2)
    w.wait_for("form.title.active")
    w.type("weg ermee")
    assert pin_draft(project), "no draft while typing"
    w.click("form.cancel")
    assert pin_draft(project) is None, "cancelling left the draft behind"
    w.kill()
    w = Window(project, tag="drafts_after_cancel")
    assert not w.has("form.title"), "a cancelled form came back"
    assert integrity(project) == "ok"
    w.close()


def sessions_of(project):
    return {s["id"]: s for s in json.loads(cli("session", "list", project, "--json"))}


def scenario_session_close():
    """One open session at a time: starting one in the window ends the one left open; closing writes
    the session's PNG and says where; the window then continues a session the command line left open."""
    project, first = new_project("session_close")
    w = Window(project)
    w.click("toolbar.sessions")
    w.click("session.new")
    w.click("session.title")
    w.wait_for("session.title.active")
    w.type("Tweede avond")
    w.click("session.start")
    listed = sessions_of(project)
    second = [i for i, s in listed.items() if s["title"] == "Tweede avond"][0]
    assert not listed[int(first)]["open"], "starting a session left the earlier one open"
    assert [i for i, s in listed.items() if s["open"]] == [second], listed
    place_pin(w, "1", MAP_SPOT, "Op de tweede avond")
    assert only(pins(project), title="Op de tweede avond")["session_id"] == second

    # A session the command line starts beside the window's (CLI sessions keep others open).
    third = int(cli("session", "start", project, "--title", "Derde, van de opdrachtregel").strip())
    w.click("toolbar.sessions")
    w.click("session.close")
    w.click("session.close_yes")
    w.wait_for("summary.close")
    deadline = time.time() + 90
    while not w.has("summary.png_path") and time.time() < deadline:
        assert not w.has("summary.message"), "writing the session map failed (see the summary)"
        w.refresh()
    shutil.copy(w.shot, os.path.join(work, "summary_png.png"))
    assert w.has("summary.png_path"), "closing the session wrote no map, or did not say where"
    folder = os.path.join(work, "session_close-kaarten")
    written = [f for f in os.listdir(folder) if f.startswith(f"sessie-{second}-") and f.endswith(".png")]
    assert written, os.listdir(folder)
    with open(os.path.join(folder, written[0]), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert not sessions_of(project)[second]["open"]
    w.click("summary.close")
    # The window goes on with the session still open (as at start-up), not "no session".
    place_pin(w, "2", MAP_SPOT2, "Daarna")
    assert only(pins(project), title="Daarna")["session_id"] == third, "the window did not continue the open session"
    w.close()


def wait_for_file_done(w, timeout=60):
    deadline = time.time() + timeout
    while not w.has("export.written_path") and time.time() < deadline:
        w.refresh()
    if not w.has("export.written_path"):
        shutil.copy(w.shot, os.path.join(work, "export_failed.png"))
    assert w.has("export.written_path"), ("the export did not finish" if not w.has("export.start") else
                                          "the export went back to the form: it failed (see export_failed.png)")


def scroll_into_view(w, name, tries=20):
    """Wheels the export dialog's options until the widget lies inside their visible part."""
    for _ in range(tries):
        top, bottom = w.rects["export.options"][1], w.rects["export.options"][3]
        y0, y1 = w.rects[name][1], w.rects[name][3]
        if y0 >= top and y1 <= bottom:
            return
        x = int((w.rects["export.options"][0] + w.rects["export.options"][2]) / 2)
        xdo("mousemove", str(x), str(int((top + bottom) / 2)), "click", "5" if y1 > bottom else "4")
        w.settle()
    raise AssertionError(f"could not scroll {name} into view")


def open_export(w):
    """The export dialog is in the session menu: the session button, then Export."""
    w.click("toolbar.sessions")
    w.click("session.export")
    w.wait_for("export.start")


def scenario_export():
    project, session = new_project("wijk")
    for title, cat, x, y, who in [("Moestuin", "kans", 156000, 464000, "Ans"), ("Fietsenmaker Kees", "hulpbron", 156300, 465000, "Kees"),
                                  ("Kapotte lantaarn", "knelpunt", 156800, 464600, "")]:
        cli("pin", "add", project, "--session", session, "--category", cat, "--title", title, "--xy", str(x), str(y),
            *(["--contributor", who] if who else []))
    # A second session without recorded consent: its pin is left out unless asked for.
    other = cli("session", "start", project, "--title", "Zonder toestemming").strip()
    cli("pin", "add", project, "--session", other, "--category", "idee", "--title", "Bankje", "--xy", "156100", "464100")
    cli("session", "close", project, other)
    w = Window(project, tag="export")
    open_export(w)
    assert w.has("export.anonymize.on"), "a personal category is exported, but anonymize is off by default"
    assert w.has("export.format_gpkg") and w.has("export.file") and w.has("export.include_unconsented")
    for name in ("export.start", "export.cancel", "export.format_gpkg", "export.category.hulpbron"):
        x0, y0, x1, y1 = w.rects[name]
        assert y1 - y0 >= 48, f"{name} is {y1 - y0} px tall, less than a finger"
    shutil.copy(w.shot, os.path.join(work, "export_dialog_1.0.png"))
    w.click("export.start")
    wait_for_file_done(w)
    shutil.copy(w.shot, os.path.join(work, "export_done_1.0.png"))
    day = time.strftime("%Y-%m-%d")
    out = os.path.join(work, f"wijk-export-{day}.gpkg")
    assert os.path.exists(out), f"no {out}; have {os.listdir(work)}"
    layers = subprocess.run(["ogrinfo", "-ro", "-q", out], capture_output=True, text=True, timeout=60).stdout
    for layer in ("pins", "boundaries", "pin_counts", "sessions", "categories", "pin_history"):
        assert f": {layer} " in layers or f": {layer}\n" in layers or f": {layer}" in layers, (layer, layers)
    assert sql(out, "SELECT count(*) FROM pins") == "3", "the unconsented session's pin was exported"
    assert sql(out, "SELECT count(*) FROM pins WHERE coalesce(contributor, '') <> ''") == "0", "aliases were exported"
    assert '"anonymized":true' in sql(out, "SELECT metadata FROM gpkg_metadata").replace(" ", ""), "metadata does not say anonymized"
    # The first tap on Close: the dialog grew from its progress view to this one a frame after the
    # window last drew, and a tap there once fell through to the map (an info card opened).
    w.click("export.close")
    assert w.wait_gone("export.close")
    assert not w.has("info.close"), "the tap on Close reached the map (a buurt's card opened)"

    # The same file again: asked before replacing; "new name" writes beside it.
    open_export(w)
    w.click("export.start")
    w.wait_for("export.replace")
    w.click("export.new_name")
    wait_for_file_done(w)
    second = os.path.join(work, f"wijk-export-{day}-2.gpkg")
    assert os.path.exists(second) and sql(second, "SELECT count(*) FROM pins") == "3"
    w.click("export.close")

    # GeoJSON with the unconsented pins included (the dialog said how many were left out).
    open_export(w)
    w.click("export.format_geojson")
    scroll_into_view(w, "export.include_unconsented")
    w.click("export.include_unconsented")
    w.click("export.start")
    wait_for_file_done(w)
    with open(os.path.join(work, f"wijk-export-{day}.geojson")) as f:
        assert len(json.load(f)["features"]) == 4
    w.click("export.close")

    # Kiosk mode: the export asks for the facilitator's PIN and the lock stays.
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type("2468")
    w.click("kiosk.key.11")  # OK
    w.wait_for("kiosk.pin_again")  # the PIN a second time
    w.wait_for("kiosk.pin.active")
    w.type("2468")
    w.click("kiosk.key.11")
    assert not w.has("toolbar.settings")
    w.click("toolbar.sessions")
    w.click("session.export")
    w.wait_for("kiosk.pin.active")
    assert not w.has("export.start"), "kiosk mode opened the export without the PIN"
    w.type("1111")
    w.click("kiosk.key.11")  # OK
    assert not w.has("export.start"), "a wrong PIN opened the export"
    w.wait_for("kiosk.pin.active")
    w.type("2468")
    w.click("kiosk.key.11")  # OK
    w.wait_for("export.start")
    assert not w.has("toolbar.settings"), "verifying the PIN for the export unlocked the kiosk"
    w.click("export.cancel")
    w.click("toolbar.lock")
    w.wait_for("kiosk.pin.active")
    w.type("2468")
    w.click("kiosk.key.11")  # OK
    assert w.has("toolbar.settings")
    w.close()

    # At UI scale 2 on a 1600x1000 screen the dialog fits, with Export and Cancel in reach.
    w = Window(project, scale=2.0, tag="export2")
    open_export(w)
    shutil.copy(w.shot, os.path.join(work, "export_dialog_2.0.png"))
    with open(w.shot, "rb") as f:  # the PNG header's IHDR: width and height
        width, height = struct.unpack(">II", f.read(24)[16:24])
    for name in ("export.start", "export.cancel"):
        x0, y0, x1, y1 = w.rects[name]
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, (name, w.rects[name], width, height)
        assert y1 - y0 >= 96, f"{name} is {y1 - y0} px tall at scale 2"
    w.click("export.cancel")
    w.close()


def compare(actual, name, tolerance=24, allowed_ratio=0.03):
    """Compares with tests/window/golden/NAME; on failure writes actual.png and diff.png beside."""
    from PIL import Image, ImageChops
    out_dir = os.path.join(work, name.replace(".png", ""))
    os.makedirs(out_dir, exist_ok=True)
    expected_path = os.path.join(golden_dir, name)
    actual.save(os.path.join(out_dir, "actual.png"))
    if not os.path.exists(expected_path):
        if os.environ.get("SAMENKAART_UPDATE_GOLDEN"):
            actual.save(expected_path)
            return
        print(f"no golden {name}: written {out_dir}/actual.png (SAMENKAART_UPDATE_GOLDEN=1 stores it)")
        return
    expected = Image.open(expected_path).convert("RGB")
    if expected.size != actual.size:
        raise AssertionError(f"{name}: size {actual.size} != golden {expected.size}")
    diff = ImageChops.difference(expected, actual.convert("RGB"))
    mask = diff.convert("L").point(lambda v: 255 if v > tolerance else 0)
    bad = sum(1 for v in mask.getdata() if v)
    ratio = bad / (actual.size[0] * actual.size[1])
    if ratio > allowed_ratio:
        diff.save(os.path.join(out_dir, "diff.png"))
        raise AssertionError(f"{name}: {ratio:.2%} of pixels differ (allowed {allowed_ratio:.0%}); see {out_dir}")


def crop(w, names, pad=8):
    from PIL import Image
    boxes = [w.rects[n] for n in names if n in w.rects]
    x0 = min(b[0] for b in boxes) - pad
    y0 = min(b[1] for b in boxes) - pad
    x1 = max(b[2] for b in boxes) + pad
    y1 = max(b[3] for b in boxes) + pad
    return Image.open(w.shot).convert("RGB").crop((int(x0), int(y0), int(x1), int(y1)))


def same_picture_as_render(w, project):
    """The map in the window is the picture `samenkaart render` draws of the same view: both draw
    through MapScene::draw (map, pins, buurt names). Compared where no panel covers the map."""
    from PIL import Image, ImageChops
    v = stored_view(project)
    width, height, res = v["width"], v["height"], v["resolution"]
    bbox = [v["cx"] - width / 2 * res, v["cy"] - height / 2 * res, v["cx"] + width / 2 * res, v["cy"] + height / 2 * res]
    out = os.path.join(work, "same_picture_render.png")
    # One sample per pixel, as the window draws on software GL; with --bench every level of detail is
    # prepared and the renderer picks one as the window's does (a single picture prepares its own).
    cli("render", project, "--out", out, "--size", f"{width}x{height}", "--bbox", ",".join(repr(c) for c in bbox),
        "--samples", "1", "--bench", "1")
    shot = Image.open(w.shot).convert("RGB")
    picture = Image.open(out).convert("RGB")
    assert shot.size == picture.size, (shot.size, picture.size)
    # The map between the panels: right of the palette, below the tool bar, left of the zoom buttons,
    # above the status bar (the pins in it are compared too).
    def group(prefix):
        boxes = [r for n, r in w.rects.items() if n.startswith(prefix)]
        return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
    area = (int(group("palette.")[2]) + 24, int(group("toolbar.")[3]) + 24, int(group("map.")[0]) - 24,
            int(group("window.status")[1]) - 24)
    shot, picture = shot.crop(area), picture.crop(area)
    compared = shot.size[0] * shot.size[1]
    assert compared > 0.4 * width * height, f"only {area} of the map is free of panels"
    # A pixel counts as different only when no pixel within one pixel of it in the other picture
    # matches: the window's view centre and the picture's bbox round a hair apart, which moves some
    # edge pixels of the outlines by one. A missing or moved name, pin or fill is still found.
    diff = ImageChops.difference(shot, picture).convert("L")
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                shifted = ImageChops.offset(picture, dx, dy)
                diff = ImageChops.darker(diff, ImageChops.difference(shot, shifted).convert("L"))
    differing = sum(1 for d in diff.getdata() if d > 24)
    ratio = differing / compared
    print(f"same picture: {differing} of {compared} map pixels differ ({ratio:.3%})")
    # 92 of 970,148 differed when this was written; one buurt name left out or moved is about 800.
    if ratio > 0.0005:
        diff.point(lambda d: 255 if d > 24 else 0).save(os.path.join(work, "same_picture_diff.png"))
        raise AssertionError(f"the window's map and render's picture differ in {ratio:.2%} of the pixels; see {work}")


def scenario_golden():
    first_rects = {}
    for scale in (1.0, 2.0):
        project, session = new_project(f"golden{scale}")
        for title, cat, x, y in [("Moestuin", "kans", 156000, 464000), ("Kapotte lantaarn", "knelpunt", 156800, 464600),
                                 ("Buurthuis open", "hulpbron", 156300, 465000)]:
            cli("pin", "add", project, "--session", session, "--category", cat, "--title", title, "--xy", str(x), str(y))
        w = Window(project, scale=scale, tag=f"golden{scale}")
        first_rects[scale] = dict(w.rects)
        tag = f"{scale:.1f}"
        if scale == 1.0:
            same_picture_as_render(w, project)
        shutil.copy(w.shot, os.path.join(work, f"window_{tag}.png"))
        compare(crop(w, [n for n in w.rects if n.startswith("palette.")]), f"palette_{tag}.png")
        # The form with the on-screen keyboard, as a new pin's form opens.
        before = stored_view(project)
        tap = (int(900 * (1 if scale == 1.0 else 1.1)), 560)
        w.key("1")
        w.click(tap)
        w.wait_for("osk.q")
        # The tapped place lay where the keyboard opens: the map glided so the pin shows beside it.
        w.refresh()
        after = stored_view(project)
        wx = before["cx"] + (tap[0] - before["width"] / 2) * before["resolution"]
        wy = before["cy"] - (tap[1] - before["height"] / 2) * before["resolution"]
        px = (wx - after["cx"]) / after["resolution"] + after["width"] / 2
        py = (after["cy"] - wy) / after["resolution"] + after["height"] / 2
        for panel in ("window.keyboard", "window.pin_form"):
            x0, y0, x1, y1 = w.rects[panel]
            assert not (x0 <= px <= x1 and y0 <= py <= y1), f"the new pin at {px:.0f},{py:.0f} is under {panel}"
        assert 0 < px < after["width"] and 0 < py < after["height"], (px, py)
        # The pointer away from the keys (no hover highlight), and a picture taken after that.
        xdo("mousemove", "5", "5")
        w.settle()
        w.refresh()
        shutil.copy(w.shot, os.path.join(work, f"form_keyboard_{tag}.png"))
        # The buttons, the title (the top of the scrolling fields) and the keyboard: what must be
        # in view at every scale. Items further down may be scrolled out of sight.
        compare(crop(w, ["form.save", "form.cancel", "form.title"] + [n for n in w.rects if n.startswith("osk.")]),
                f"form_keyboard_{tag}.png")
        w.key("Escape")
        # Close the session: its summary.
        w.click("toolbar.sessions")
        w.click("session.close")
        w.click("session.close_yes")
        w.wait_for("summary.close")
        w.refresh()  # its scrolling body takes its measured height a frame after opening
        shutil.copy(w.shot, os.path.join(work, f"summary_{tag}.png"))
        # Closing writes the session's map and shows where, between the two buttons (the path differs
        # per machine): each button is compared on its own, once the map is written.
        deadline = time.time() + 90
        while not w.has("summary.png_path") and time.time() < deadline:
            w.refresh()
        assert w.has("summary.png_path"), "closing the session wrote no map"
        compare(crop(w, ["summary.write_png"]), f"summary_write_png_{tag}.png")
        compare(crop(w, ["summary.close"]), f"summary_close_{tag}.png")
        # A session closed by mistake opens again from the session list, and takes pins again.
        w.click("summary.close")
        w.click("toolbar.sessions")          # no session: the start form, with a way to earlier ones
        w.click("session.earlier")
        w.click(f"session.reopen.{session}")
        assert f"{session}\topen" in cli("session", "list", project), cli("session", "list", project)
        w.close()

    # 2.5 chosen, on this 1600 x 1000 window: it draws at 2.0, the largest scale that leaves room
    # for the map, and the settings say so; 2.0 chosen, the note goes.
    project, session = new_project("scale2.5")
    w = Window(project, scale=2.5, tag="scale2.5")
    for name in ("toolbar.lock", "toolbar.settings", "palette.kans", "palette.idee"):
        assert w.rects.get(name) == first_rects[2.0][name], (name, w.rects.get(name), first_rects[2.0][name])
    w.click("toolbar.settings")
    assert w.has("settings.scale_fitted"), "2.5 does not fit, but the settings do not say so"
    shutil.copy(w.shot, os.path.join(work, "settings_2.5_fitted.png"))
    w.click("settings.smaller")   # 2.25: still more than fits
    assert w.has("settings.scale_fitted")
    w.click("settings.smaller")   # 2.0
    assert w.wait_gone("settings.scale_fitted"), "2.0 fits, but the note stayed"
    w.close()


def scenario_locked_file():
    """Another program holds the project's write lock while a pin is saved: a clear message, the
    typed title stays in the form, and Retry stores it once the lock is gone."""
    import sqlite3
    project, session = new_project("locked")
    w = Window(project, tag="locked")
    w.key("1")
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("Fietsenmaker om de hoek")
    other = sqlite3.connect(project, timeout=1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")          # a second program writing: the write lock is taken
    started = time.time()
    w.key("Return")                           # waits a quarter second for the lock, then says so
    w.refresh()
    assert time.time() - started < 4, "the window froze while the file was locked"
    time.sleep(0.5)
    w.refresh()
    shutil.copy(w.shot, os.path.join(work, "locked_message.png"))
    assert w.has("form.title"), "the form closed although nothing was saved"
    assert not [p for p in pins(project) if p["title"] == "Fietsenmaker om de hoek"], "saved under a lock?"
    other.execute("ROLLBACK")                 # the other program is done
    other.close()
    w.click("form.save")                      # now labelled Retry
    assert w.wait_gone("form.title"), "the retry did not close the form"
    assert only(pins(project), title="Fietsenmaker om de hoek")["category"] == "kans"
    w.close()


class RefusingDisk:
    """The disk under the project file, taken away and given back while the window runs: the window
    is started with fail_writes_preload.c, which refuses every write to the project's files with
    ENOSPC (full) or EROFS (read-only) while the flag file exists."""

    def __init__(self, project, errno_name):
        self.flag = os.path.join(work, "disk_refuses")
        self.errno_name = errno_name
        preload = [os.environ.get("SAMENKAART_ASAN_RUNTIME", ""), os.environ["SAMENKAART_FAIL_WRITES_PRELOAD"]]
        self.env = {"LD_PRELOAD": ":".join(p for p in preload if p), "SAMENKAART_TEST_FAIL_WRITES": self.flag,
                    # The shim compares with the descriptors' links under /proc/self/fd: the real path.
                    "SAMENKAART_TEST_FAIL_PREFIX": os.path.realpath(project)}

    def refuse(self):
        with open(self.flag, "w") as f:
            f.write(self.errno_name)

    def free(self):
        os.remove(self.flag)


def integrity(project):
    import sqlite3
    with sqlite3.connect(project) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def disk_refuses_writes(errno_name, cause, english):
    """The disk fills up (or turns read-only) under a running window: saving a new pin, an edit and a
    delete each say so with the form or card still open and nothing lost or half-stored; once the
    disk is back, Retry stores each exactly once and the window carries on as before."""
    tag = errno_name.lower()
    project, session = new_project(tag)
    kept = cli("pin", "add", project, "--session", session, "--category", "idee", "--title", "Bankje bij de vijver",
               "--xy", "156300", "464800").strip()
    disk = RefusingDisk(project, errno_name)
    w = Window(project, tag=tag, english=english, more_env=disk.env)

    # A new pin: typed while the disk was fine, saved when it is not.
    w.key("1")
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("Volle schijf moestuin")
    disk.refuse()
    w.key("Return")
    w.wait_for("form.error")
    shutil.copy(w.shot, os.path.join(work, f"{tag}_new_pin.png"))
    assert w.has("form.title"), "the form closed although nothing was saved"
    assert w.has("form.error." + cause), f"the message does not say {cause}: {[n for n in w.rects if 'error' in n]}"
    assert w.has("status.not_saved") and not w.has("status.saved"), "the status bar says all is saved"
    assert not [p for p in pins(project) if p["title"] == "Volle schijf moestuin"], "stored on a refusing disk?"
    w.key("Return")                           # trying again while the disk still refuses: the same answer
    assert w.has("form.title") and w.has("form.error." + cause), "a second try on a refusing disk closed the form"
    disk.free()
    w.click("form.save")                      # now labelled Retry
    assert w.wait_gone("form.title"), "the retry did not close the form"
    assert only(pins(project), title="Volle schijf moestuin")["category"] == "kans"
    assert w.has("status.saved"), "the status bar still says not saved after the retry"

    # An edit of a pin already stored: the edited text stays in the form until it is saved.
    w.click("pin." + kept)
    w.click("card.edit")
    w.wait_for("form.title.active")
    w.click("form.description")
    w.type("Met schaduw")
    disk.refuse()
    w.click("form.save")
    w.wait_for("form.error")
    shutil.copy(w.shot, os.path.join(work, f"{tag}_edit.png"))
    assert w.has("form.title"), "the edit form closed although nothing was saved"
    assert w.has("form.error." + cause), f"the edit's message does not say {cause}"
    assert only(pins(project), id=kept)["description"] == "", "an edit was stored on a refusing disk"
    disk.free()
    w.click("form.save")
    assert w.wait_gone("form.title"), "the retry of the edit did not close the form"
    assert only(pins(project), id=kept)["description"] == "Met schaduw"

    # A move: refused, the pin stays where it was and the red banner says why; done again once the
    # disk is back.
    before = only(pins(project), id=kept)
    w.click("pin." + kept)
    w.click("card.move")
    disk.refuse()
    w.click(MAP_SPOT3)
    assert w.has("toast.error"), "a refused move said nothing"
    assert w.has("status.saved"), "nothing waits after a refused move, yet the status bar says not saved"
    assert (only(pins(project), id=kept)["x"], only(pins(project), id=kept)["y"]) == (before["x"], before["y"])
    disk.free()
    w.click("pin." + kept)
    w.click("card.move")
    w.click(MAP_SPOT3)
    assert only(pins(project), id=kept)["x"] != before["x"], "the move after the disk came back did nothing"

    # A delete: refused, the pin stays on the map and in the file; asked again once the disk is back.
    w.click("pin." + kept)
    w.click("card.delete")
    disk.refuse()
    w.click("card.delete_yes")
    w.wait_for("card.message")
    shutil.copy(w.shot, os.path.join(work, f"{tag}_delete.png"))
    assert w.has("card.message." + cause), f"the delete's message does not say {cause}"
    assert w.has("status.not_saved"), "the status bar says all is saved while the delete waits"
    w.refresh()
    assert w.has("pin." + kept), "the pin vanished from the map although its delete failed"
    assert [p for p in pins(project) if p["id"] == kept], "deleted on a refusing disk?"
    disk.free()
    w.click("card.delete")
    w.click("card.delete_yes")
    assert w.wait_gone("pin." + kept), "the delete after the disk came back left the pin on the map"
    assert not [p for p in pins(project) if p["id"] == kept]

    # The window carries on as normal: undo brings the pin back, a new pin is stored.
    w.key("ctrl+z")
    assert [p for p in pins(project) if p["id"] == kept], "undo after the refused writes did not restore the pin"
    place_pin(w, "2", MAP_SPOT2, "Na de volle schijf")
    assert [p["title"] for p in pins(project)].count("Volle schijf moestuin") == 1
    assert integrity(project) == "ok"

    # Killed while the disk refuses, and started again on it: the window opens (without the write-
    # ahead log's reserve, which the disk refuses too), nothing saved is lost, and a new pin waits in
    # its form until the disk is back.
    disk.refuse()
    w.kill()
    w = Window(project, tag=tag + "_restart", english=english, more_env=disk.env)
    assert {"Volle schijf moestuin", "Bankje bij de vijver", "Na de volle schijf"} <= {p["title"] for p in pins(project)}
    w.key("3")
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("Na de herstart")
    w.key("Return")
    w.wait_for("form.error." + cause)
    disk.free()
    w.click("form.save")
    assert w.wait_gone("form.title"), "the retry after a start on a refusing disk did not close the form"
    assert only(pins(project), title="Na de herstart")["category"] == "knelpunt"
    w.close()
    assert integrity(project) == "ok"
    assert len(pins(project)) == 4 and len(pins(project, deleted=True)) == 4


def scenario_full_disk():
    disk_refuses_writes("ENOSPC", "disk_full", english=False)


def scenario_read_only():
    disk_refuses_writes("EROFS", "read_only", english=True)


def scenario_two_windows():
    """Two windows on one project: pins saved in one appear in the other without a restart (and
    so do pins the command line adds), and the file stays sound."""
    project, session = new_project("two")
    first = Window(project, tag="first")
    second = Window(project, tag="second")      # opened last: on top, it takes the clicks
    place_pin(second, "1", MAP_SPOT, "Gezien in het andere venster")
    pid = only(pins(project), title="Gezien in het andere venster")["id"]
    first.wait_for("pin." + pid)                # the first window noticed the change on its own
    added = cli("pin", "add", project, "--session", session, "--category", "idee", "--title", "Van de opdrachtregel",
                "--xy", "156300", "465000").strip()
    first.wait_for("pin." + added)
    second.wait_for("pin." + added)
    second.close()
    first.close()
    import sqlite3
    with sqlite3.connect(project) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def scenario_counts_zoom():
    """Tapping a row of the live counts zooms the map to that buurt."""
    project, session = new_project("counts")
    for title, cat, x, y in [("Moestuin", "kans", 156000, 464000), ("Buurthuis", "hulpbron", 156300, 465000)]:
        cli("pin", "add", project, "--session", session, "--category", cat, "--title", title, "--xy", str(x), str(y))
    with open(boundaries, encoding="utf-8") as f:
        feature = next(ft for ft in json.load(f)["features"] if ft["properties"]["buurtnaam"] == "Oude Molenbuurt")
    ring = feature["geometry"]["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    w = Window(project, tag="counts")
    w.click("toolbar.counts")
    x0, y0, x1, y1 = w.rects["counts.row.Oude Molenbuurt"]
    assert y1 - y0 >= 48, f"a counts row is {y1 - y0} px tall: too small for a finger"
    w.click("counts.row.Oude Molenbuurt")
    time.sleep(1.0)                             # the zoom animates
    w.refresh()
    w.close()                                   # the window stores its view on the way out
    import sqlite3
    with sqlite3.connect(project) as db:
        view = json.loads(db.execute("SELECT value FROM project_meta WHERE key = 'gui.view'").fetchone()[0])
    assert min(xs) <= view["cx"] <= max(xs) and min(ys) <= view["cy"] <= max(ys), (view, min(xs), max(xs))


SPOT = (156400.5, 464600.5)  # a community centre where 40 pins were placed on one spot


def clusters_on_screen(w):
    return {name: int(name.split(".")[1]) for name in w.rects if name.startswith("cluster.")}


def pins_on_screen(w):
    return [name[4:] for name in w.rects if name.startswith("pin.")]


def scenario_clusters():
    """1,240 pins in one wijk (issue 15): the map opens with clusters whose counts add up to every pin,
    a tap on a cluster zooms in, the 40 pins on one spot fan out when their cluster is tapped and each
    fanned pin opens its card; the layer panel switches to each pin, the density, the buurten coloured
    by their pins, and back."""
    project, session = new_project("clusters")
    import random
    rnd = random.Random(15)
    csv_path = os.path.join(work, "pins.csv")
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("x,y,title,category\n")
        for i in range(1200):
            f.write(f"{rnd.uniform(155500, 157600):.2f},{rnd.uniform(463600, 465400):.2f},Pin {i},"
                    f"{('kans', 'hulpbron', 'knelpunt', 'idee')[i % 4]}\n")
        for i in range(40):
            f.write(f"{SPOT[0]},{SPOT[1]},Buurthuis {i},hulpbron\n")
    cli("pin", "import", project, csv_path, "--session", session, "--category-field", "category",
        "--source-crs", "EPSG:28992")
    spot_ids = {p["id"] for p in pins(project) if p["title"].startswith("Buurthuis ")}
    assert len(spot_ids) == 40

    w = Window(project, tag="clusters")
    groups = clusters_on_screen(w)
    alone = pins_on_screen(w)
    assert groups, "1,240 pins opened without clusters"
    assert len(groups) + len(alone) < 80, f"{len(groups)} clusters and {len(alone)} pins: not grouped"
    assert sum(groups.values()) + len(alone) == 1240, f"the counts add up to {sum(groups.values()) + len(alone)}"
    shutil.copy(w.shot, os.path.join(work, "clusters_whole.png"))

    # Tap the cluster holding the most pins until the spot's 40 are a cluster of their own, then fan it.
    for _ in range(10):
        groups = clusters_on_screen(w)
        if any(n == 40 for n in groups.values()):
            break
        before = sum(groups.values()) + len(pins_on_screen(w))
        w.click(max(groups, key=groups.get))
        time.sleep(0.3)
        w.refresh()
        after = sum(clusters_on_screen(w).values()) + len(pins_on_screen(w))
        assert after < before, f"a tap on a cluster did not zoom in ({before} pins in view, then {after})"
    spot = next((name for name, n in clusters_on_screen(w).items() if n == 40), None)
    assert spot, f"the 40 pins on one spot never became one cluster: {clusters_on_screen(w)}"
    w.click(spot)
    w.refresh()
    fanned = set(pins_on_screen(w)) & spot_ids
    assert fanned == spot_ids, f"{len(fanned)} of the spot's 40 pins fanned out"
    shutil.copy(w.shot, os.path.join(work, "clusters_fanned.png"))
    one = sorted(fanned)[7]
    w.click("pin." + one)
    w.wait_for("card.edit")  # a fanned pin's tap opens its card

    # Each pin: no cluster markers; and back.
    w.click("layers.toggle")
    w.click("layers.pins.each")
    w.refresh()
    assert not clusters_on_screen(w), "clusters remain after choosing each pin"
    # Density: the key in numbers above the layer button, no markers; then clusters again.
    w.click("layers.pins.density")
    w.refresh()
    assert not clusters_on_screen(w) and not pins_on_screen(w), "markers drawn over the density"
    w.click("layers.toggle")  # closed: the key shows above the panel's button
    assert w.has("density.legend"), "the density has no key"
    w.click("card.close")
    w.click("map.whole")
    time.sleep(0.5)
    w.refresh()
    assert w.has("density.legend"), "the density's key went"
    shutil.copy(w.shot, os.path.join(work, "density.png"))
    # Pins per buurt: the buurten coloured by their number of pins, then by pins per km², each view
    # with its key and no markers; a tap on the spot's buurt opens that buurt's card (its area and
    # its pins per km²), not one of the pins there.
    w.click("layers.toggle")
    w.click("layers.pins.buurt_count")
    w.click("layers.toggle")
    assert w.has("choropleth.legend.count") and not w.has("density.legend"), "pins per buurt have no key"
    assert not clusters_on_screen(w) and not pins_on_screen(w), "markers drawn over the buurten"
    w.click("layers.toggle")
    assert not w.has("layers.pins.buurt_density.clipped"), "the last view's chip is out of sight"
    w.click("layers.pins.buurt_density")
    w.click("layers.toggle")
    assert w.has("choropleth.legend.per_km2"), "pins per km² per buurt have no key"
    shutil.copy(w.shot, os.path.join(work, "choropleth.png"))
    v = stored_view(project)
    spot = (int((SPOT[0] - v["cx"]) / v["resolution"] + v["width"] / 2),
            int((v["cy"] - SPOT[1]) / v["resolution"] + v["height"] / 2))
    w.click(spot)
    w.wait_for("info.area")
    assert not w.has("card.edit"), "a tap on a buurt coloured by its pins opened a pin"
    w.click("info.close")
    w.click("layers.toggle")
    w.click("layers.pins.clusters")
    w.click("layers.toggle")
    w.refresh()
    assert not w.has("density.legend")
    assert sum(clusters_on_screen(w).values()) + len(pins_on_screen(w)) == 1240
    w.close()


def tap_scrolled(w, name, tries=20):
    """Taps a control in a scrolling panel, wheeling the panel first while the control is out of view
    (<name>.clipped is the part of its window that can be seen)."""
    for _ in range(tries):
        if not w.has(name + ".clipped"):
            w.click(name)
            return
        x0, y0, x1, y1 = w.rects[name + ".clipped"]
        below = w.rects[name][3] > y1
        xdo("mousemove", str(int((x0 + x1) / 2)), str(int((y0 + y1) / 2)), "click", "5" if below else "4")
        w.refresh()
    raise AssertionError(f"could not scroll {name} into view")


def scenario_filter():
    """Which pins (issue 15): the layer panel's filter by session, kind and period changes the map, the
    counts and the status bar at once ("4 van 7 pins"), a pin saved into a hidden kind says so, and
    "Alle pins tonen" brings every pin back. Nothing in the project changes."""
    project, first = new_project("filter")
    spots = [(155800, 463900), (156300, 464200), (156800, 464600), (157200, 464900), (155900, 464800),
             (156600, 463800), (157000, 464300)]
    for (x, y), cat in zip(spots[:3], ("kans", "kans", "knelpunt")):
        cli("pin", "add", project, "--session", first, "--category", cat, "--title", f"Eerst {cat}",
            "--xy", str(x), str(y))
    second = cli("session", "start", project, "--title", "Tweede avond", "--consent").strip()
    for x, y in spots[3:6]:
        cli("pin", "add", project, "--session", second, "--category", "idee", "--title", "Idee", "--xy", str(x), str(y))
    # One pin of the first evening made two months ago: outside every period but "Altijd".
    sql_write(project, "UPDATE pins SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-60 days') "
                       "WHERE category = 'knelpunt'")
    before = sql(project, "SELECT count(*), group_concat(id) FROM pins")

    w = Window(project, tag="filter")
    assert w.has("status.pins.6 pins"), [n for n in w.rects if n.startswith("status.")]
    w.click("layers.toggle")
    for chip in ("filter.session.all", "filter.session.this", f"filter.session.{first}", "filter.category.kans",
                 "filter.category.idee", "filter.period.all", "filter.period.today", "filter.period.week"):
        assert w.has(chip), f"no chip {chip}"
    assert not w.has("filter.clear"), "nothing to clear yet"

    def status():
        return [n[len("status.pins."):] for n in w.rects if n.startswith("status.pins.")]

    tap_scrolled(w, "filter.category.kans")  # the two Kansen off the map
    w.refresh()
    assert status() == ["4 van 6 pins"], status()
    assert len(pins_on_screen(w)) == 4, pins_on_screen(w)
    tap_scrolled(w, f"filter.session.{first}")  # the first evening only: its Knelpunt
    w.refresh()
    assert status() == ["1 van 6 pins"], status()
    tap_scrolled(w, "filter.period.week")  # ... made two months ago: none
    w.refresh()
    assert status() == ["0 van 6 pins"], status()
    assert not pins_on_screen(w)
    tap_scrolled(w, "filter.period.all")
    tap_scrolled(w, "filter.session.this")  # the second evening, the one running
    w.refresh()
    assert status() == ["3 van 6 pins"], status()
    # The counts say the same as the map.
    w.click("toolbar.counts")
    w.wait_for("counts.scope_session")
    counted = sum(int(n.rsplit("=", 1)[1]) for n in w.rects if n.startswith("counts.total."))
    assert counted == 3, f"the counts add up to {counted}"
    w.click("counts.close")
    # Every session again, Ideeën hidden; a new Idee is saved and the toast says the filter hides it.
    tap_scrolled(w, "filter.session.all")
    tap_scrolled(w, "filter.category.kans")
    tap_scrolled(w, "filter.category.idee")
    w.refresh()
    assert status() == ["3 van 6 pins"], status()
    w.click("layers.toggle")
    w.key("4")  # Idee's digit
    w.click(MAP_SPOT)
    w.wait_for("form.title.active")
    w.type("Bankje bij de school")
    w.key("Return")
    w.wait_for("toast.hidden_by_filter")  # saving a pin the filter hides says so
    assert sql(project, "SELECT count(*) FROM pins WHERE title = 'Bankje bij de school'") == "1"
    w.refresh()
    assert status() == ["3 van 7 pins"], status()
    shutil.copy(w.shot, os.path.join(work, "filter_hidden.png"))
    w.click("layers.toggle")
    assert w.has("filter.clear")
    tap_scrolled(w, "filter.clear")
    w.refresh()
    assert status() == ["7 pins"], status()
    assert len(pins_on_screen(w)) + sum(clusters_on_screen(w).values()) == 7
    assert not w.has("filter.clear")
    w.close()
    after = sql(project, "SELECT count(*) FROM pins WHERE title <> 'Bankje bij de school'")
    assert after == before.split("|")[0], "the filter changed pins"


def stored_view(project):
    import sqlite3
    with sqlite3.connect(project) as db:
        return json.loads(db.execute("SELECT value FROM project_meta WHERE key = 'gui.view'").fetchone()[0])


def touches_taken_by_another_client(window_title):
    """Asks the X server, as a client of its own with XInput 2.2, for the touch events of the window
    titled so: only one client may select them on a window, so BadAccess means the window reads its
    touches itself (and X no longer emulates the pointer for them)."""
    import ctypes as c
    x11, xi = c.CDLL("libX11.so.6"), c.CDLL("libXi.so.6")
    x11.XOpenDisplay.restype = c.c_void_p
    x11.XOpenDisplay.argtypes = [c.c_char_p]
    x11.XSync.argtypes = [c.c_void_p, c.c_int]
    x11.XCloseDisplay.argtypes = [c.c_void_p]
    xi.XIQueryVersion.argtypes = [c.c_void_p, c.POINTER(c.c_int), c.POINTER(c.c_int)]

    class XIEventMask(c.Structure):
        _fields_ = [("deviceid", c.c_int), ("mask_len", c.c_int), ("mask", c.POINTER(c.c_ubyte))]

    class XErrorEvent(c.Structure):
        _fields_ = [("type", c.c_int), ("display", c.c_void_p), ("resourceid", c.c_ulong), ("serial", c.c_ulong),
                    ("error_code", c.c_ubyte), ("request_code", c.c_ubyte), ("minor_code", c.c_ubyte)]

    xi.XISelectEvents.argtypes = [c.c_void_p, c.c_ulong, c.POINTER(XIEventMask), c.c_int]
    handler_type = c.CFUNCTYPE(c.c_int, c.c_void_p, c.POINTER(XErrorEvent))
    x11.XSetErrorHandler.argtypes = [handler_type]
    x11.XSetErrorHandler.restype = c.c_void_p
    windows = subprocess.run(["xdotool", "search", "--name", window_title], capture_output=True, text=True,
                             timeout=30).stdout.split()
    assert windows, f"no window titled {window_title!r}"
    display = x11.XOpenDisplay(None)
    major, minor = c.c_int(2), c.c_int(2)
    assert xi.XIQueryVersion(display, c.byref(major), c.byref(minor)) == 0 and (major.value, minor.value) >= (2, 2)
    errors = []
    handler = handler_type(lambda d, e: errors.append(e.contents.error_code) or 0)
    x11.XSetErrorHandler(handler)
    bits = (c.c_ubyte * 4)()
    for event in (18, 19, 20):  # XI_TouchBegin, XI_TouchUpdate, XI_TouchEnd
        bits[event >> 3] |= 1 << (event & 7)
    taken = []
    for window in windows:
        errors.clear()
        mask = XIEventMask(1, 4, bits)  # XIAllMasterDevices
        xi.XISelectEvents(display, int(window), c.byref(mask), 1)
        x11.XSync(display, 0)
        taken.append(errors == [10])  # BadAccess
    x11.XCloseDisplay(display)
    return any(taken)


def scenario_touch():
    """XInput2 multi-touch: the window takes its touch events (X stops emulating the pointer), the
    mouse still works, a finger works a panel button, and two fingers pinch-zoom and pan the map.
    The touches are played from a file (--touch-replay) where decoded X touches enter: Xvfb has no
    touchscreen and XSendEvent cannot send XInput2 events."""
    project, session = new_project("touch")
    cli("pin", "add", project, "--session", session, "--category", "kans", "--title", "Moestuin", "--xy", "156000", "464000")
    w = Window(project, tag="touch_before")
    w.close()
    before = stored_view(project)
    replay = os.path.join(work, "touches.txt")

    def play(text):
        with open(replay + ".tmp", "w") as f:
            f.write(text)
        os.rename(replay + ".tmp", replay)
        deadline = time.time() + 15
        while os.path.exists(replay) and time.time() < deadline:
            time.sleep(0.05)
        assert not os.path.exists(replay), "the window did not take the touches"
        time.sleep(1.0)
        w.refresh()

    w = Window(project, tag="touch", extra=["--touch-replay", replay])
    assert touches_taken_by_another_client("Samenkaart - touch.sqlite"), "the window does not read XInput2 touches"

    w.click("toolbar.counts")                   # the mouse, through GLFW as ever
    w.wait_for("counts.close")
    x, y = w.centre("toolbar.counts")           # a finger on the same button closes the panel again
    play(f"begin 41 {x} {y}\nframe\nframe\nend 41 {x} {y}\n")
    assert w.wait_gone("counts.close"), "a finger's tap on a panel button did nothing"

    # Two fingers on the map: 200 px apart around (800, 560), spreading to 400 px while their centre
    # moves to (850, 600): the map zooms in 2x about the centre and follows it.
    (ax, ay), (bx, by), (ax2, ay2), (bx2, by2) = (700, 560), (900, 560), (650, 600), (1050, 600)
    lines = [f"begin 7 {ax} {ay}", f"begin 8 {bx} {by}", "frame"]
    steps = 6
    for i in range(1, steps + 1):
        lines += [f"update 7 {ax + (ax2 - ax) * i / steps} {ay + (ay2 - ay) * i / steps}",
                  f"update 8 {bx + (bx2 - bx) * i / steps} {by + (by2 - by) * i / steps}", "frame"]
    lines += [f"end 7 {ax2} {ay2}", f"end 8 {bx2} {by2}", "frame", "frame"]
    play("\n".join(lines) + "\n")
    w.close()
    after = stored_view(project)

    assert (after["width"], after["height"]) == (before["width"], before["height"]), (before, after)
    ratio = before["resolution"] / after["resolution"]
    assert abs(ratio - 2.0) < 0.05, f"a 2x spread zoomed {ratio:.3f}x ({before}, {after})"
    # The place under the fingers' first centre is under their last centre.
    def world(view, sx, sy):
        return (view["cx"] + (sx - view["width"] / 2) * view["resolution"],
                view["cy"] - (sy - view["height"] / 2) * view["resolution"])
    want, got = world(before, 800, 560), world(after, 850, 600)
    assert abs(want[0] - got[0]) < 2 * after["resolution"] and abs(want[1] - got[1]) < 2 * after["resolution"], \
        (want, got, before, after)


def damage_schema(path):
    """One byte of the pins table's definition flipped, as a disk error leaves it: SQLite then calls
    the whole file's schema malformed (before, the window blamed a read-only WAL database)."""
    with open(path, "r+b") as f:
        data = f.read()
        at = data.find(b"CREATE TABLE pins (")
        assert at >= 0, "no pins table definition in the file"
        f.seek(at + 18)
        f.write(b"!")


def scenario_damaged():
    """A damaged project file opens a window, not silence: it says the file is damaged, with the true
    cause, and its big buttons rescue what can be read (then open it), open the sample, or close."""
    project, session = new_project("beschadigd")
    for i in range(5):
        cli("pin", "add", project, "--session", session, "--category", "kans", "--title", f"Pin {i}",
            "--xy", str(155600 + 10 * i), "464100")
    damage_schema(project)
    refused = subprocess.run([exe, "info", project], capture_output=True, text=True, timeout=60, env=env)
    assert refused.returncode == 1 and "the project file is damaged (" in refused.stderr, refused.stderr

    w = Window(project, tag="damaged")
    for name in ("damaged.title", "damaged.cause", "damaged.rescue", "damaged.open_sample", "damaged.close"):
        assert w.has(name), f"{name} is not shown on the damaged file's window"
    assert not w.has("status.saved"), "a map window opened on a damaged file"
    shutil.copy(w.shot, os.path.join(work, "damaged-nl.png"))
    w.click("damaged.rescue")
    w.wait_for("damaged.rescued", timeout=60)
    shutil.copy(w.shot, os.path.join(work, "damaged-rescued-nl.png"))
    rescued = os.path.join(work, "beschadigd-gered.sqlite")
    assert os.path.exists(rescued), "no rescued file beside the damaged one"
    assert sql(rescued, "PRAGMA integrity_check") == "ok"
    info = json.loads(cli("info", rescued, "--json"))
    assert (info["sessions"], info["pins"]) == (1, 5), info
    assert sorted(p["title"] for p in pins(rescued)) == [f"Pin {i}" for i in range(5)]
    # The rescued project opens in the window, with its map and pins.
    w.click("damaged.open_rescued")
    w.wait_for("status.saved", timeout=60)
    w.close()

    # In English, "open the sample" opens the sample project.
    w = Window(project, english=True, tag="damaged_en")
    assert w.has("damaged.title") and w.has("damaged.open_sample")
    shutil.copy(w.shot, os.path.join(work, "damaged-en.png"))
    w.click("damaged.open_sample")
    w.wait_for("status.saved", timeout=60)
    w.close()

    # Close ends the program (exit 1: the project was not opened) and changes nothing.
    before = open(project, "rb").read()
    w = Window(project, tag="damaged_close")
    x, y = w.centre("damaged.close")
    xdo("mousemove", str(x), str(y), "click", "1")
    assert w.proc.wait(timeout=20) == 1, "closing the damaged file's window"
    assert open(project, "rb").read() == before, "the damaged file was changed"
    assert not os.path.exists(os.path.join(work, "beschadigd-gered-2.sqlite"))

    # A project file of zeros (what a stick pulled before anything was written leaves): the window
    # says so; the rescue finds nothing and says that, writing no file.
    zeros = os.path.join(work, "leeg.sqlite")
    with open(zeros, "wb") as f:
        f.write(bytes(len(before)))
    w = Window(zeros, tag="damaged_zeros")
    assert w.has("damaged.title") and w.has("damaged.cause")
    w.click("damaged.rescue")
    w.wait_for("damaged.rescue_failed", timeout=30)
    assert not w.has("damaged.open_rescued") and not os.path.exists(os.path.join(work, "leeg-gered.sqlite"))
    shutil.copy(w.shot, os.path.join(work, "damaged-zeros-nl.png"))
    w.close()


def ring_darkness(w, pin, radius):
    """How many of 36 points on a circle `radius` px around the pin are dark (a ring)."""
    import math
    from PIL import Image
    im = Image.open(w.shot).convert("RGB")
    x0, y0, x1, y1 = w.rects[pin]
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    dark = 0
    for k in range(36):
        a = k * math.pi / 18
        r, g, b = im.getpixel((int(round(x + math.cos(a) * radius)), int(round(y + math.sin(a) * radius))))
        dark += r + g + b < 200
    return dark


def scenario_older_residents():
    """Issue 12's readability defects: one card at a time, the tapped pin ringed, buurt fields with
    readable labels, counts of every buurt (0 too) headed by category and saying which pins."""
    # "1 pin", not "1 pins".
    one, one_session = new_project("one")
    cli("pin", "add", one, "--session", one_session, "--category", "idee", "--title", "Bankje", "--xy", "156000", "464000")
    w = Window(one, tag="one")
    assert w.has("status.pins.1 pin"), [n for n in w.rects if n.startswith("status.")]
    w.close()
    project, session = new_project("older")
    for title, cat, x, y in [("Moestuin", "kans", 156000, 464000), ("Kapotte lantaarn", "knelpunt", 156800, 464600)]:
        cli("pin", "add", project, "--session", session, "--category", cat, "--title", title, "--xy", str(x), str(y))
    kans = "pin." + only(pins(project), title="Moestuin")["id"]
    with open(boundaries, encoding="utf-8") as f:
        buurten = [ft["properties"]["buurtnaam"] for ft in json.load(f)["features"]]
    for english, labels in ((False, ("Oppervlakte (ha)", "Inwoners", "Buurtcode")),
                            (True, ("Area (ha)", "Residents", "Area code"))):
        w = Window(project, english=english, tag=f"older_{'en' if english else 'nl'}")
        # A buurt's card: its fields by readable labels, not the file's field names.
        w.click(MAP_SPOT)
        w.wait_for("info.close")
        shown = sorted(n[len("info.label."):] for n in w.rects if n.startswith("info.label."))
        for label in labels:
            assert label in shown, (label, shown)
        assert not {"buurtnaam", "oppervlakte_ha", "inwoners"} & set(shown), shown
        shutil.copy(w.shot, os.path.join(work, f"buurt_card_{'en' if english else 'nl'}.png"))
        # A pin tapped while the buurt's card is open: its card replaces the buurt's, and it is ringed.
        radius = 12 * 1.42  # mapping::kPinRadiusPx at scale 1, and the ring's middle (map_shaders.hpp)
        assert ring_darkness(w, kans, radius) <= 6, "a ring before the pin was tapped"
        w.click(kans)
        w.wait_for("card.close")
        assert w.wait_gone("info.close"), "a pin card and a buurt card are open together"
        w.refresh()
        assert ring_darkness(w, kans, radius) >= 30, "the tapped pin is not ringed"
        shutil.copy(w.shot, os.path.join(work, f"pin_card_{'en' if english else 'nl'}.png"))
        w.click("card.close")
        assert w.wait_gone("card.close")
        w.refresh()
        assert ring_darkness(w, kans, radius) <= 6, "the ring stayed after the card closed"
        # The counts: every buurt, those without pins with 0, and which pins they count.
        w.click("toolbar.counts")
        w.wait_for("counts.scope_all")
        rows = sorted(n[len("counts.row."):] for n in w.rects if n.startswith("counts.row.") and not n.endswith(".clipped"))
        assert rows == sorted(buurten), rows
        zeros = [n for n in w.rects if n.startswith("counts.total.") and n.endswith("=0")]
        assert len(zeros) == len(buurten) - 2, zeros
        for code in ("kans", "hulpbron", "knelpunt", "idee"):
            assert w.has("counts.column." + code), code
        # Ten buurten and more: the rows scroll, Close stays on the screen.
        from PIL import Image
        height = Image.open(w.shot).height
        assert w.has("counts.close") and w.rects["counts.close"][3] <= height - 40, (w.rects.get("counts.close"), height)
        shutil.copy(w.shot, os.path.join(work, f"counts_{'en' if english else 'nl'}.png"))
        w.close()


def scenario_map_cache():
    """The prepared map comes from the user's cache folder at the next launch (mapping/prepared_map_cache.hpp):
    the same picture as prepared afresh. A damaged, cut or stale cache file is prepared afresh and replaced;
    a cache folder that cannot be written only means there is none."""
    from PIL import Image, ImageChops
    project, _ = new_project("cache")
    folder = os.path.join(work, "cache", "samenkaart", "maps")
    blocker = os.path.join(work, "blocked")  # a file where the cache folder would be
    with open(blocker, "w") as f:
        f.write("x")

    def opened(tag, more_env=None):
        w = Window(project, tag=tag, more_env=more_env)
        w.refresh()
        picture = Image.open(w.shot).convert("RGB")
        w.close()
        return picture

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    opened("remember_view", {"XDG_CACHE_HOME": blocker})  # the view the next launches open with
    assert not os.path.exists(folder)
    first = opened("first")
    files = [f for f in os.listdir(folder) if f.endswith(".map")]
    assert len(files) == 1, files
    cache = os.path.join(folder, files[0])
    good = read(cache)

    def same_map(picture, what):
        diff = ImageChops.difference(picture, first).getbbox()
        assert diff is None, f"{what}: the window differs from the first launch's in {diff}"

    before = os.path.getmtime(cache)
    time.sleep(0.05)
    same_map(opened("cached"), "read from the cache")
    assert os.path.getmtime(cache) > before, "the cache was not read (reading marks it used)"
    assert read(cache) == good
    middle = len(good) // 2
    for what, damaged in [("damaged", good[:middle] + bytes([good[middle] ^ 0x5A]) + good[middle + 1:]),
                          ("cut short", good[:len(good) // 3]),
                          ("stale", good[:20] + bytes([good[20] ^ 1]) + good[21:])]:
        with open(cache, "wb") as f:
            f.write(damaged)
        same_map(opened(what.replace(" ", "_")), what)
        assert read(cache) == good, f"the {what} cache was not replaced by the map prepared afresh"
    same_map(opened("unwritable", {"XDG_CACHE_HOME": blocker}), "with a cache folder that cannot be made")


def scenario_first_view():
    """A project opened for the first time (no view remembered) shows the whole map as Home does: clear
    of the tool bar, the category palette and the zoom buttons. Before, it was fitted before the palette
    was drawn, and a large map sat with its left part under the palette. Dragged far away, the map
    stays partly in view."""
    project, _ = new_project("first_view")
    for width, height, scale in ((1600, 1000, 1.0), (1366, 768, 2.0)):
        tag = f"{width}x{height}_{scale}"
        window_driver.set_window_size(project, width, height)  # the size alone: no view remembered
        w = Window(project, scale=scale, tag="first_" + tag)
        w.close()
        first = stored_view(project)
        w = Window(project, scale=scale, tag="home_" + tag)
        w.click("map.whole")
        time.sleep(0.3)
        w.refresh()
        w.close()
        home = stored_view(project)
        assert (first["width"], first["height"]) == (home["width"], home["height"]), (first, home)
        assert abs(first["resolution"] - home["resolution"]) < 1e-9 * home["resolution"], (tag, first, home)
        for axis in ("cx", "cy"):
            assert abs(first[axis] - home[axis]) < home["resolution"], f"{tag}: first view {first}, Home {home}"
    # However far the map is dragged off the screen (and the arrow keys push it further), a quarter of
    # the view's width and height stays map, and that is the view the project remembers.
    extent = json.loads(cli("info", project, "--json"))["extent"]
    w = Window(project, tag="dragged_away")
    for _ in range(4):
        w.drag((1300, 800), (300, 150))
    w.key(*["Right"] * 6)
    w.refresh()
    w.close()
    v = stored_view(project)
    half_w, half_h = v["width"] / 2 * v["resolution"], v["height"] / 2 * v["resolution"]
    shown_x = min(v["cx"] + half_w, extent[2]) - max(v["cx"] - half_w, extent[0])
    shown_y = min(v["cy"] + half_h, extent[3]) - max(v["cy"] - half_h, extent[1])
    assert shown_x >= 0.24 * 2 * half_w and shown_y >= 0.24 * 2 * half_h, f"the map left the view: {v}, {extent}"
    assert shown_x <= 0.26 * 2 * half_w, f"the drags did not reach the limit: {v}, {extent}"


def scenario_stop_signal():
    """A shutdown, a logout, a closed terminal or Ctrl+C (SIGTERM, SIGHUP, SIGINT) ends the window as its
    close button does, also while it is locked for residents: exit 0 within seconds, the view remembered,
    the prepared map written to the cache, a pin form's typed text kept as its draft."""
    import glob
    project, session = new_project("stop_signal")
    maps = os.path.join(work, "cache", "samenkaart", "maps")
    for number, name in ((signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP"), (signal.SIGINT, "SIGINT")):
        shutil.rmtree(maps, ignore_errors=True)
        sql_write(project, "DELETE FROM project_meta WHERE key = 'gui.view'")
        w = Window(project, tag="stop_" + name)
        if number == signal.SIGHUP:
            lock(w, "2468")  # residents cannot close it; the computer can
        if number == signal.SIGINT:
            w.click("palette.kans")
            w.click(MAP_SPOT)
            w.wait_for("form.title.active")
            w.type("Half getypt")
        w.proc.send_signal(number)
        try:
            code = w.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            w.kill()
            raise AssertionError(f"the window did not end within 15 s of {name}")
        assert code == 0, f"{name}: the window exited with {code}"
        assert stored_view(project).get("resolution"), f"{name}: the view was not remembered"
        assert glob.glob(os.path.join(maps, "*.map")), f"{name}: no prepared map in the cache"
    draft = pin_draft(project)
    assert draft and draft["title"] == "Half getypt", f"the typed text is not kept as a draft: {draft}"
    w = Window(project, tag="stop_after")
    assert w.has("form.title"), "the form with the typed text did not come back after SIGINT"
    w.close()


{"older_residents": scenario_older_residents, "pin_workflow": scenario_pin_workflow, "kiosk_and_language": scenario_kiosk_and_language,
 "export": scenario_export, "golden": scenario_golden, "locked_file": scenario_locked_file,
 "full_disk": scenario_full_disk, "read_only": scenario_read_only,
 "two_windows": scenario_two_windows, "counts_zoom": scenario_counts_zoom, "touch": scenario_touch,
 "damaged": scenario_damaged, "kiosk_holes": scenario_kiosk_holes, "drafts": scenario_drafts,
 "session_close": scenario_session_close, "clusters": scenario_clusters, "filter": scenario_filter,
 "map_cache": scenario_map_cache, "stop_signal": scenario_stop_signal, "first_view": scenario_first_view}[scenario]()
print("PASS", scenario)
