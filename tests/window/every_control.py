#!/usr/bin/env python3
"""Presses every control of the real window, as a facilitator and residents would, under Xvfb.

usage: every_control.py MODE SAMENKAART_EXE WORK_DIR [options]
modes:
  walk    every screen state a facilitator or resident can reach; in each, every widget the window
          names (the --screenshot widget file) is tapped; after each tap the window must live, the
          project pass integrity_check, and no acknowledged pin or history row be gone.
  monkey  seeded random taps (0 ms and longer), drags, long presses, keys and fast typing, with the
          same checks every --check-every events; a failure prints the seed and the last events.
          --events N (CI: 1500; the long run: 12500 per seed), --seed S.
  reach   the reachability matrix: for each screen size and UI scale (--sizes, --scales), in each
          screen state, every named control lies inside the screen or can be dragged into view by
          finger, and the focused text field lies above the on-screen keyboard.
  burst   taps and keys of 0 ms and 70 ms, while both cores are busy: each counts exactly once.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from window_driver import Cli, Window, controls, reveal, set_window_size, sql, xdo  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=["walk", "monkey", "reach", "burst"])
parser.add_argument("exe")
parser.add_argument("work")
parser.add_argument("--events", type=int, default=1500)
parser.add_argument("--seed", type=int, default=None)
parser.add_argument("--check-every", type=int, default=100)
parser.add_argument("--sizes", default="1366x768,1920x1080", help="WxH[@scale...],...")
parser.add_argument("--scales", default="1.0,2.0")
parser.add_argument("--states", default="")
parser.add_argument("--english", action="store_true")
parser.add_argument("--once", action="store_true",
                    help="walk: every state, but each control only in the first state that shows it (CI)")
args = parser.parse_args()

src = os.path.dirname(os.path.abspath(__file__))
boundaries = os.path.join(src, "..", "..", "assets", "sample", "buurten.geojson")
shutil.rmtree(args.work, ignore_errors=True)
os.makedirs(args.work)
env = dict(os.environ, XDG_DATA_HOME=os.path.join(args.work, "data"), XDG_CONFIG_HOME=os.path.join(args.work, "config"),
           XDG_CACHE_HOME=os.path.join(args.work, "cache"))
cli = Cli(args.exe, env)

# Inside the sample buurten at scale 1 on 1600 x 1000; other sizes use fractions of the window.
MAP_FRACTIONS = [(0.50, 0.56), (0.44, 0.60), (0.56, 0.42)]


def new_project(name, session=True, pins=2, layers=False):
    path = os.path.join(args.work, name + ".sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)  # a state entered again starts from a fresh project
    cli("new", path, "--boundaries", boundaries)
    sid = None
    if session:
        sid = cli("session", "start", path, "--title", "Buurtavond", "--consent").strip()
        for i in range(pins):
            cli("pin", "add", path, "--session", sid, "--category", ["kans", "knelpunt"][i % 2], "--title", f"Pin {i}",
                "--xy", str(156300 + 200 * i), str(464500 + 150 * i), "--contributor", "Ans")
    if layers:
        sample = os.path.join(src, "..", "..", "assets", "sample")
        for source in ("straten.geojson", "gebouwen.geojson"):
            cli("layer", "add", path, os.path.join(sample, source))
    return path, sid


class Ledger:
    """What the project has acknowledged: pin ids and history rows. Undo may take back a pin's row,
    never its history; so every pin ever seen keeps a row or a history entry, and history only grows."""

    def __init__(self, project):
        self.project = project
        self.ids = set()
        self.history = 0
        self.check("start")

    def check(self, after):
        integrity = sql(self.project, "PRAGMA integrity_check")
        assert integrity == "ok", f"after {after}: integrity_check says {integrity}"
        ids = set(sql(self.project, "SELECT id FROM pins UNION SELECT pin_id FROM pin_history").split())
        lost = self.ids - ids
        assert not lost, f"after {after}: pins lost: {sorted(lost)}"
        history = int(sql(self.project, "SELECT count(*) FROM pin_history"))
        assert history >= self.history, f"after {after}: pin history shrank from {self.history} to {history}"
        self.ids, self.history = ids, history


def map_spot(w, i=0):
    width, height = window_size(w)
    fx, fy = MAP_FRACTIONS[i % len(MAP_FRACTIONS)]
    return int(width * fx), int(height * fy)


def window_size(w):
    status = w.rects.get("status.language")
    if status:
        return int(status[2] + 12), int(status[3] + 8)
    return 1600, 1000


def first(w, prefix):
    names = sorted(n for n in w.rects if n.startswith(prefix) and not n.endswith((".clipped", ".active")))
    assert names, f"nothing named {prefix}*; have {sorted(w.rects)[:80]}"
    return names[0]


# Screen states: how a person gets there from a freshly opened window.
def st_map(w):
    pass


def st_form_tap(w):
    w.tap("palette.kans")
    w.tap(map_spot(w, 1))
    w.wait_for("form.title")


def st_form_long(w):
    w.long_press(map_spot(w, 2))
    w.wait_for("form.title")


def st_keyboard_shift(w):
    st_form_tap(w)
    w.tap("osk.shift")
    w.wait_for("osk.Q")


def st_pin_card(w):
    w.tap(first(w, "pin."))
    w.wait_for("card.close")


def st_form_edit(w):
    st_pin_card(w)
    w.tap("card.edit")
    w.wait_for("form.title")


def st_buurt_card(w):
    w.tap(map_spot(w, 0))
    w.wait_for("info.close")


def st_counts(w):
    w.tap("toolbar.counts")
    w.wait_for("counts.close")


def st_settings(w):
    w.tap("toolbar.settings")
    w.wait_for("settings.close")


def st_layers(w):
    w.tap("layers.toggle")
    w.refresh()


def st_buurt_view(w):
    """The buurten coloured by their pins per km², the panel closed: the key above the layer button
    leaves the map's buttons on the screen (in two columns where one would not) and is there on
    every screen CI's reach tries (1366 x 768 at 1 and 2, 1920 x 1080 at 2)."""
    w.tap("layers.toggle")
    w.tap("layers.pins.buurt_density")
    w.tap("layers.toggle")
    w.refresh()
    assert w.has("choropleth.legend.per_km2"), "the buurten's key is not shown"


def st_sessions(w):
    w.tap("toolbar.sessions")
    w.wait_for("session.list_close")


def st_session_start(w):
    st_sessions(w)
    w.tap("session.new")
    w.wait_for("session.start")


def st_session_close(w):
    st_sessions(w)
    w.tap("session.close")
    w.wait_for("session.close_yes")


def st_summary(w):
    st_sessions(w)
    w.tap(first(w, "session.review."))
    w.wait_for("summary.close")


def st_export(w):
    st_sessions(w)
    w.tap("session.export")
    w.wait_for("export.start")


def st_publish(w):
    st_sessions(w)
    w.tap("session.publish")
    w.wait_for("publish.start")


def st_kiosk_pin(w):
    w.tap("toolbar.lock")
    w.wait_for("kiosk.pin")


def lock(w):
    st_kiosk_pin(w)
    for _ in range(2):  # asked twice when it is set
        if not w.has("kiosk.pin.active"):
            break
        w.type("2468")
        w.key("Return")
        w.refresh()
    assert not w.has("toolbar.settings"), "the kiosk did not lock"


def st_kiosk_locked(w):
    lock(w)


def st_kiosk_locked_form(w):
    lock(w)
    st_form_tap(w)


def st_kiosk_unlock(w):
    lock(w)
    w.tap("toolbar.lock")
    w.wait_for("kiosk.pin")


STATES = {
    "map": (st_map, {}),
    "no_session": (st_map, {"session": False}),
    "form_tap": (st_form_tap, {}),
    "form_long_press": (st_form_long, {}),
    "keyboard_shift": (st_keyboard_shift, {}),
    "pin_card": (st_pin_card, {}),
    "form_edit": (st_form_edit, {}),
    "buurt_card": (st_buurt_card, {}),
    "counts": (st_counts, {}),
    "settings": (st_settings, {}),
    "layers": (st_layers, {"layers": True}),
    "buurt_view": (st_buurt_view, {}),
    "sessions": (st_sessions, {}),
    "session_start": (st_session_start, {}),
    "session_close": (st_session_close, {}),
    "summary": (st_summary, {}),
    "export": (st_export, {}),
    "publish": (st_publish, {}),
    "kiosk_pin": (st_kiosk_pin, {}),
    "kiosk_locked": (st_kiosk_locked, {}),
    "kiosk_locked_form": (st_kiosk_locked_form, {}),
    "kiosk_unlock": (st_kiosk_unlock, {}),
    "english": (st_map, {"english": True}),
}

# Named things that are not controls: windows, states, messages, scrolled parts.
def open_in_state(name, tag, size=None, scale=1.0):
    enter, opts = STATES[name]
    # Each state starts from this computer's defaults: a language or scale tapped in an earlier
    # state is remembered in the settings (Dutch first; the "english" state is the English one).
    shutil.rmtree(os.path.join(args.work, "config"), ignore_errors=True)
    project, _ = new_project(tag, session=opts.get("session", True), layers=opts.get("layers", False))
    if size:
        set_window_size(project, *size)
    w = Window(args.exe, env, project, os.path.join(args.work, tag + ".png"), scale=scale,
               english=opts.get("english", args.english))
    enter(w)
    w.refresh()
    return w, project


def wanted_states():
    return [s for s in (args.states.split(",") if args.states else STATES)]


# The keyboard's keys and the category chips are the same controls in every form: tapped in the
# first state that shows them, not again in each later one.
SAME_EVERYWHERE = ("osk.", "chip.")
KEYBOARD_COMMANDS = ("osk.shift", "osk.hide", "osk.enter", "osk.back")


def walk():
    tapped, failures = set(), []
    restarts = 0
    for state in wanted_states():
        w, project = open_in_state(state, f"walk_{state}")
        ledger = Ledger(project)
        todo = [n for n in controls(w.rects)
                if not ((args.once or n.startswith(SAME_EVERYWHERE)) and n in tapped)]
        print(f"{state}: {len(todo)} controls", flush=True)
        # The keys that type go in one run of taps (each a press and release in one instant, the
        # shift key again before each capital), then the checks: what the input queue must not lose.
        typing = [n for n in todo if n.startswith("osk.") and n not in KEYBOARD_COMMANDS]
        if typing:
            cmd = []
            for i, name in enumerate(typing):
                x, y = w.centre(name)
                if i > 0 and name[4:] != name[4:].lower():
                    sx, sy = w.centre("osk.shift")
                    cmd += ["mousemove", str(sx), str(sy), "click", "1", "sleep", "0.02"]
                cmd += ["mousemove", str(x), str(y), "click", "1", "sleep", "0.02"]
            xdo(*cmd)
            w.settle()
            w.refresh()
            assert w.alive(), f"{state}: the window died typing on the keyboard (exit {w.proc.returncode})"
            ledger.check(f"{state}: typing {len(typing)} keys")
            tapped.update(typing)
            todo = [n for n in todo if n not in typing]
        for name in todo:
            if not w.has(name) and name.startswith("osk.") and w.has("osk.shift") and name[4:].isupper():
                w.tap("osk.shift")  # the upper-case keys again (one capital, like a phone keyboard)
            if not w.has(name):
                # The last tap left the state (closed the form, opened a dialog): back into it.
                w.close()
                restarts += 1
                w, project = open_in_state(state, f"walk_{state}")
                ledger = Ledger(project)
            if not w.has(name):
                failures.append(f"{state}: {name} is gone after entering the state again")
                continue
            try:
                if not reveal(w, name):
                    failures.append(f"{state}: {name} cannot be dragged into view")
                    continue
                w.tap(name)
                assert w.alive(), f"the window died (exit {w.proc.returncode})"
                ledger.check(f"{state}: {name}")
                tapped.add(name)
            except AssertionError as e:
                shutil.copy(w.shot, os.path.join(args.work, f"fail_{state}_{name}.png"))
                failures.append(f"{state}: tapping {name}: {e}")
                if not w.alive():
                    w, project = open_in_state(state, f"walk_{state}")
                    ledger = Ledger(project)
        w.close()
        ledger.check(f"{state}: closing the window")
    print(f"walk: {len(tapped)} distinct controls tapped, {restarts} restarts")
    print("tapped:", " ".join(sorted(tapped)))
    assert not failures, "\n".join(failures)


def under_status_bar(w, name):
    """A control of another window reaching more than 2 px into the status bar (drawn over it)."""
    bar = w.rects.get("window.status")
    if not bar or name.startswith("status.") or name not in w.rects:
        return False
    x0, y0, x1, y1 = w.rects[name]
    return x0 < bar[2] and x1 > bar[0] and y1 > bar[1] + 2 and y0 < bar[3]


def overlays_covered(w):
    """The scale bar and the north arrow lie clear of the panels that stay on screen (the tool bar, the
    palette, the map's buttons, the layer panel, the status bar and the view's key beside it); forms,
    cards and dialogs may cover them for a while."""
    problems = []
    for overlay in ("overlay.scale_bar", "overlay.north"):
        if overlay not in w.rects:
            continue
        a = w.rects[overlay]
        for name, b in w.rects.items():
            if name.startswith("docked.") and a[0] < b[2] - 1 and a[2] > b[0] + 1 and a[1] < b[3] - 1 and a[3] > b[1] + 1:
                problems.append(f"{overlay} {a} lies under {name} {b}")
    return problems


def ui_scale_rule():
    """The window's own constants for fitting the UI scale to the window (gui/window/logic/ui_scale.hpp)."""
    import re
    with open(os.path.join(src, "..", "..", "gui", "window", "logic", "ui_scale.hpp")) as f:
        text = f.read()
    found = dict(re.findall(r"constexpr float (k\w+) = ([0-9.]+)f;", text))
    return {k: float(found[k]) for k in ("kMinUiScale", "kMaxUiScale", "kUiScaleStep", "kMinScaledWidth",
                                          "kMinScaledHeight")}


def fitted_scale(rule, chosen, width, height):
    """The scale the window really uses at this size: fittedUiScale() in gui/window/logic/ui_scale.cpp."""
    wanted = min(max(chosen, rule["kMinUiScale"]), rule["kMaxUiScale"])
    fits = min(width / rule["kMinScaledWidth"], height / rule["kMinScaledHeight"])
    stepped = int(fits / rule["kUiScaleStep"] + 1e-3) * rule["kUiScaleStep"]
    return max(rule["kMinUiScale"], min(wanted, stepped))


def reach():
    failures = []
    # A size may name its own scales ("1920x1080@2.0@2.5"); the others take --scales.
    matrix = []
    for entry in args.sizes.split(","):
        size, *own = entry.split("@")
        matrix.append((*(int(v) for v in size.split("x")), [float(s) for s in own or args.scales.split(",")]))
    rule = ui_scale_rule()
    for width, height, scales in matrix:
        checked = {}
        for scale in scales:
            used = fitted_scale(rule, scale, width, height)
            if used in checked:
                # The window fits its scale to its size: this pair lays out exactly as one already checked.
                print(f"reach_{width}x{height}_{scale}: the window uses scale {used}, checked as scale "
                      f"{checked[used]}", flush=True)
                continue
            checked[used] = scale
            for state in wanted_states():
                tag = f"reach_{width}x{height}_{scale}_{state}"
                try:
                    w, _ = open_in_state(state, tag, (width, height), scale)
                except AssertionError as e:
                    failures.append(f"{tag}: cannot reach the state: {e}")
                    continue
                shutil.copy(w.shot, os.path.join(args.work, tag + ".png.keep"))
                for name in controls(w.rects):
                    if name not in w.rects:
                        continue
                    x0, y0, x1, y1 = w.rects[name]
                    clipped = name + ".clipped" in w.rects
                    if clipped and not reveal(w, name):
                        failures.append(f"{tag}: {name} cannot be dragged into view")
                    elif not clipped and (x0 < -1 or y0 < -1 or x1 > width + 1 or y1 > height + 1):
                        failures.append(f"{tag}: {name} lies outside the {width}x{height} screen: {w.rects[name]}")
                    elif under_status_bar(w, name):
                        failures.append(f"{tag}: {name} lies under the status bar: {w.rects[name]}")
                failures.extend(f"{tag}: {problem}" for problem in overlays_covered(w))
                active = [n for n in w.rects if n.endswith(".active")]
                keyboard = w.rects.get("window.keyboard")
                for n in active:
                    x0, y0, x1, y1 = w.rects[n]
                    if n[:-len(".active")] + ".clipped" in w.rects:
                        failures.append(f"{tag}: the focused field {n} is scrolled out of view")
                    if keyboard and y1 > keyboard[1] + 1:
                        failures.append(f"{tag}: the focused field {n} lies under the keyboard")
                w.close()
                print(f"{tag}: checked", flush=True)
    assert not failures, "\n".join(failures)


KEYS = ["Return", "Escape", "BackSpace", "Tab", "ctrl+z", "ctrl+y", "ctrl+shift+z", "Home", "Left", "Right", "Up",
        "Down", "1", "2", "3", "4", "plus", "minus", "0"]


def monkey():
    seed = args.seed if args.seed is not None else int(time.time()) % 100000
    rng = random.Random(seed)
    project, _ = new_project("monkey")
    w = Window(args.exe, env, project, os.path.join(args.work, "monkey.png"))
    ledger = Ledger(project)
    width, height = window_size(w)
    recent = []
    try:
        for i in range(args.events):
            r = rng.random()
            names = controls(w.rects)
            if r < 0.45 and names:
                name = rng.choice(names)
                x0, y0, x1, y1 = w.rects[name]
                x, y = rng.uniform(x0 + 1, x1 - 1), rng.uniform(y0 + 1, y1 - 1)
                hold = rng.choice([0, 0, 30, 70])
                event = ("tap", name, int(x), int(y), hold)
                cmd = ["mousemove", str(int(x)), str(int(y))]
                cmd += ["click", "1"] if hold == 0 else ["mousedown", "1", "sleep", str(hold / 1000), "mouseup", "1"]
            elif r < 0.65:
                x, y = rng.randrange(width), rng.randrange(height)
                event = ("tap", "map", x, y, 0)
                cmd = ["mousemove", str(x), str(y), "click", "1"]
            elif r < 0.72:
                x, y = rng.randrange(width), rng.randrange(height)
                event = ("long_press", x, y)
                cmd = ["mousemove", str(x), str(y), "mousedown", "1", "sleep", "0.8", "mouseup", "1"]
            elif r < 0.80:
                x, y = rng.randrange(width), rng.randrange(height)
                dx, dy = rng.randint(-300, 300), rng.randint(-300, 300)
                event = ("drag", x, y, dx, dy)
                cmd = ["mousemove", str(x), str(y), "mousedown", "1", "mousemove_relative", "--", str(dx // 2),
                       str(dy // 2), "mousemove_relative", "--", str(dx - dx // 2), str(dy - dy // 2), "mouseup", "1"]
            elif r < 0.90:
                k = rng.choice(KEYS)
                event = ("key", k)
                cmd = ["key", "--delay", "0", k]
            elif r < 0.95:
                text = "".join(rng.choice("abcdefghij KLM'\"<>;&é") for _ in range(rng.randint(1, 12)))
                event = ("type", text)
                cmd = ["type", "--delay", "0", text]
            else:
                event = ("wheel", rng.choice([4, 5]))
                cmd = ["click", str(event[1])]
            recent = (recent + [event])[-25:]
            xdo(*cmd)
            if i % args.check_every == args.check_every - 1:
                w.refresh()
                assert w.alive(), f"the window died (exit {w.proc.returncode})"
                ledger.check(f"event {i}")
        w.refresh()
        w.close()
        ledger.check("closing the window")
    except (AssertionError, subprocess.SubprocessError):
        print(f"monkey: FAILED with seed {seed} (rerun: --seed {seed}); the last events:", file=sys.stderr)
        for e in recent:
            print("   ", e, file=sys.stderr)
        traceback.print_exc()
        raise
    print(f"monkey: {args.events} events with seed {seed}: the window lived, nothing acknowledged was lost")


def keystrokes(combo, count, hold_ms):
    """`count` presses of a key combination, each held `hold_ms` (0: released in the same instant),
    3 ms apart. Not closer: GLFW 3.3 drops a key press whose X timestamp (milliseconds) equals the
    last press of the same key, taking it for an input method's duplicate; no hand presses one key
    twice within a millisecond."""
    cmd = []
    for _ in range(count):
        cmd += ["keydown", "--delay", "0", combo]
        if hold_ms:
            cmd += ["sleep", str(hold_ms / 1000)]
        cmd += ["keyup", "--delay", "0", combo, "sleep", "0.003"]
    xdo(*cmd)


def burst():
    """0 ms and 70 ms taps and keys while both cores are busy: every one counts."""
    burners = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(os.cpu_count() or 2)]
    try:
        project, session = new_project("burst", pins=0)
        for i in range(24):
            cli("pin", "add", project, "--session", session, "--category", "kans", "--title", f"B{i}", "--xy",
                str(156000 + 40 * i), "464500")
        w = Window(args.exe, env, project, os.path.join(args.work, "burst.png"))
        count = lambda: int(sql(project, "SELECT count(*) FROM pins"))
        assert count() == 24
        keystrokes("ctrl+z", 8, 0)
        w.refresh()
        assert count() == 16, f"8 Ctrl+Z of 0 ms took back {24 - count()} pins"
        keystrokes("ctrl+y", 4, 70)
        w.refresh()
        assert count() == 20, f"4 Ctrl+Y of 70 ms restored {count() - 16} pins"
        # Taps on Undo: six of 0 ms (press and release in one instant) and six of 70 ms.
        x, y = w.centre("toolbar.undo")
        cmd = ["mousemove", str(x), str(y)]
        for i in range(12):
            cmd += ["mousedown", "1"] + (["sleep", "0.07"] if i % 2 else []) + ["mouseup", "1"]
        xdo(*cmd)
        w.refresh()
        if count() != 8:
            took = 20 - count()
            time.sleep(3)
            w.refresh()
            raise AssertionError(f"12 taps on Undo took back {took} pins ({20 - count()} after 3 s more)")
        # A title typed 500 characters a second, then Enter at once: saved, whole.
        w.tap("palette.kans")
        w.tap(map_spot(w, 1))
        w.wait_for("form.title.active")
        title = "Snel getypt: de Moestuin bij school 'De Vlinder' & meer"
        xdo("type", "--delay", "2", title)  # type takes every further word as text
        xdo("key", "--delay", "0", "Return")
        w.refresh()
        w.refresh()
        titles = sql(project, "SELECT title FROM pins").split("\n")
        assert title in titles, f"the fast-typed title was not saved whole: {titles}"
        w.close()
    finally:
        for b in burners:
            b.kill()
    print("burst: every fast tap and key counted once")


{"walk": walk, "monkey": monkey, "reach": reach, "burst": burst}[args.mode]()
print("PASS", args.mode)
