"""Drives the real Samenkaart window under Xvfb with xdotool, as a person would, and reads back what
it shows: the window writes its picture (--screenshot) and where its named widgets are
(<png>.widgets.json) each time it settles. Used by every_control.py; the names it reads are noted by
noteItem (gui/window/panels/touch_widgets.cpp). "<name>.clipped" says a control is not wholly in view and
where its window can be seen (to drag it into view)."""
import json
import os
import signal
import subprocess
import time


class Cli:
    def __init__(self, exe, env):
        self.exe, self.env = exe, env

    def __call__(self, *args, check=True):
        r = subprocess.run([self.exe, *args], capture_output=True, text=True, timeout=120, env=self.env)
        if check:
            assert r.returncode == 0, f"{args}: {r.stderr}"
        return r.stdout


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def sql(path, query):
    r = subprocess.run(["sqlite3", "-readonly", "-cmd", ".timeout 5000", path, query], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def sql_write(path, statement):
    r = subprocess.run(["sqlite3", "-cmd", ".timeout 5000", path, statement], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def set_window_size(project, width, height):
    """The size the window opens with: the view remembered in the project (fitted to the screen)."""
    view = json.dumps({"x": 0, "y": 0, "width": width, "height": height})
    sql_write(project, f"INSERT OR REPLACE INTO project_meta(key, value) VALUES ('gui.view', '{view}')")


# What the window names that is not a control: labels, messages, counts, legends, rectangles noted
# for the checks (every_control.py and the programme view's test press all the others).
NOT_CONTROLS = ("window.", "toast.", "status.saved", "status.not_saved", "form.error", "export.options",
                "export.progress", "export.written_path", "publish.error", "publish.last", "publish.progress",
                "publish.receipt", "card.message", "kiosk.wait", "settings.scale_fitted",
                "layers.locked", "counts.total.", "counts.filter", "counts.column.", "counts.scope_", "status.pins.", "info.label.", "info.area",
                "card.locked", "status.read_only", "toolbar.programme", "damaged.cause", "damaged.title", "choropleth.legend", "density.legend", "docked.", "overlay.")


def controls(rects):
    return sorted(n for n in rects
                  if not n.startswith(NOT_CONTROLS) and not n.endswith((".clipped", ".active")) and not n.startswith("pin."))


def reveal(w, name, tries=24):
    """Drags the control's list by finger until the control lies wholly in view."""
    for _ in range(tries):
        clip = w.rects.get(name + ".clipped")
        if not clip:
            return True
        x0, y0, x1, y1 = w.rects[name]
        cx0, cy0, cx1, cy1 = clip
        if cx1 - cx0 < 4 or cy1 - cy0 < 4:
            return False
        if y1 - y0 >= cy1 - cy0 and y0 <= cy0 + 2 and y1 >= cy1 - 2:
            return True  # taller than its list's visible part, and filling it: as far in view as it can be
        x = int((cx0 + cx1) / 2)
        # Drag from a spot in the list away from the control's side, by at most half the list.
        span = max(24, (cy1 - cy0) - 16)
        if y1 > cy1:
            start, end = (x, int(cy1 - 4)), (x, int(cy1 - 4 - min(span, y1 - cy1 + 8)))
        elif y0 < cy0:
            start, end = (x, int(cy0 + 4)), (x, int(cy0 + 4 + min(span, cy0 - y0 + 8)))
        else:
            return False  # clipped sideways: no horizontal scrolling here
        w.drag(start, end)
        if os.environ.get("REVEAL_DEBUG"):
            print("reveal", name, w.rects.get(name), w.rects.get(name + ".clipped"), start, end, flush=True)
        if name not in w.rects:
            return False
    return name + ".clipped" not in w.rects


class Window:
    quiet = 0.25  # seconds without a new picture that count as settled

    def __init__(self, exe, env, project, shot, scale=1.0, english=False, extra=()):
        self.shot = shot
        self.rects_path = shot + ".widgets.json"
        for p in (self.shot, self.rects_path):
            if os.path.exists(p):
                os.remove(p)
        args = [exe, "open", project, "--screenshot", self.shot, "--ui-scale", str(scale)]
        if english:
            args.append("--english")
        args.extend(extra)
        self.proc = subprocess.Popen(args, env=env)
        self.stamp = 0.0
        self.rects = {}
        self.settle(timeout=90)
        xdo("mousemove", "2", "2")

    def alive(self):
        return self.proc.poll() is None

    def settle(self, timeout=30, pointer=None):
        """Waits until the window wrote a new picture and then nothing new for a moment. With `pointer`
        (x, y), until it wrote one after it saw the pointer there: the window writes only when all
        input it has read is handled, and X delivers events in order, so every press and key sent
        before that pointer move has then been handled, however slow the frames. A window that is not
        under the pointer (another one lies over it) never sees it: a picture it writes more than a
        second after the move (or the last it wrote, when none follows within 4 s), or one that says the
        pointer is outside, is taken as it is."""
        moved = time.time()
        deadline = moved + timeout
        settled = False  # a picture came, but before the window saw the pointer
        while time.time() < deadline:
            assert self.alive(), f"the window exited with {self.proc.returncode}"
            if settled and time.time() - moved > 4.0:
                return
            if os.path.exists(self.rects_path) and os.path.getmtime(self.rects_path) > self.stamp:
                last = os.path.getmtime(self.rects_path)
                time.sleep(self.quiet)
                if os.path.getmtime(self.rects_path) == last:
                    self.stamp = last
                    with open(self.rects_path) as f:
                        self.rects = json.load(f)
                    seen = self.rects.get("window.pointer")
                    if (pointer is None or seen is None or (round(seen[0]), round(seen[1])) == tuple(pointer)
                            or seen[0] < -1e30 or last - moved > 1.0):
                        return
                    settled = True
            time.sleep(0.04)
        raise AssertionError(f"the window did not settle (pointer seen at {self.rects.get('window.pointer')}, "
                             f"sent to {pointer})")

    def refresh(self):
        """A small pointer move, then the picture drawn after the window saw it (see settle)."""
        out = subprocess.run(["xdotool", "getmouselocation", "--shell"], capture_output=True, text=True,
                             check=True, timeout=30).stdout
        at = dict(line.split("=", 1) for line in out.split())
        x, y = int(at["X"]), int(at["Y"])
        target = (x + 1 if x < 8 else x - 1, y + 1 if y < 8 else y - 1)
        xdo("mousemove", str(target[0]), str(target[1]))
        self.settle(pointer=target)

    def has(self, name):
        return name in self.rects

    def centre(self, name):
        assert name in self.rects, f"no widget {name!r} on screen; have: {sorted(self.rects)[:80]}"
        x0, y0, x1, y1 = self.rects[name]
        return int((x0 + x1) / 2), int((y0 + y1) / 2)

    def tap(self, name_or_xy, hold_ms=0):
        """A tap: a press and a release hold_ms apart (0: in the same instant, between two frames)."""
        if isinstance(name_or_xy, str) and not self.has(name_or_xy):
            self.wait_for(name_or_xy, timeout=5)
        x, y = self.centre(name_or_xy) if isinstance(name_or_xy, str) else name_or_xy
        if hold_ms:
            xdo("mousemove", str(x), str(y), "mousedown", "1", "sleep", str(hold_ms / 1000.0), "mouseup", "1")
        else:
            xdo("mousemove", str(x), str(y), "click", "1")
        self.settle(pointer=(x, y))

    def long_press(self, xy, drag_to=None):
        """A press held 0.9 s; with drag_to, the finger then moves there before it lets go."""
        xdo("mousemove", str(xy[0]), str(xy[1]), "mousedown", "1", "sleep", "0.9")
        if drag_to:
            for i in range(1, 6):
                xdo("mousemove", str(xy[0] + (drag_to[0] - xy[0]) * i // 5), str(xy[1] + (drag_to[1] - xy[1]) * i // 5))
                time.sleep(0.05)
        xdo("mouseup", "1")
        self.settle()
        self.refresh()

    def drag(self, start, end, steps=8):
        cmd = ["mousemove", str(start[0]), str(start[1]), "mousedown", "1"]
        for i in range(1, steps + 1):
            cmd += ["mousemove", str(int(start[0] + (end[0] - start[0]) * i / steps)),
                    str(int(start[1] + (end[1] - start[1]) * i / steps)), "sleep", "0.03"]
        xdo(*cmd, "mouseup", "1")
        self.settle(pointer=end)

    def key(self, *combos, hold=0.1):
        for combo in combos:
            parts = combo.split("+")
            xdo("keydown", *parts)
            time.sleep(hold)
            xdo("keyup", *reversed(parts))
            time.sleep(0.05)
        self.settle()

    def type(self, text, delay_ms=30):
        xdo("type", "--delay", str(delay_ms), text)
        self.settle()

    def wait_for(self, name, timeout=10):
        deadline = time.time() + timeout
        while not self.has(name) and time.time() < deadline:
            self.refresh()
        assert self.has(name), f"{name} did not appear; have: {sorted(self.rects)[:80]}"

    def wait_gone(self, name, timeout=10):
        """True once `name` is gone (the settled picture may predate a change by a frame: look again)."""
        deadline = time.time() + timeout
        while self.has(name) and time.time() < deadline:
            self.refresh()
        return not self.has(name)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def close(self):
        if not self.alive():
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()
