#!/usr/bin/env python3
"""The facilitator publishes from the window, under Xvfb: sessions -> Publish..., types the server
(the test cluster's), the werkplaats the first time, taps Publish and reads the receipt; the server
then holds the pins (psql). Again: "nothing new". Under the kiosk lock the dialog needs the PIN.

usage: gui_publish_test.py SAMENKAART_EXE WORK_DIR PG_STATE_DIR"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "window"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from store_fixture import Admin, client_env, cluster_env  # noqa: E402
from window_driver import Cli, Window  # noqa: E402

exe, work, state = sys.argv[1:4]
env = client_env(work)
psql = Admin(cluster_env(state))
database = "sk_gui_" + str(os.getpid())


def open_publish(w):
    """Sessions, then Publish...: the dialog's form."""
    w.tap("toolbar.sessions")
    w.wait_for("session.publish")
    w.tap("session.publish")
    w.wait_for("publish.start")


cli = Cli(exe, env)
try:
    db = psql.new_store(cli, database, "utrecht")
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "sample")
    project = os.path.join(work, "wijk.sqlite")
    cli("new", project, "--boundaries", os.path.join(src, "buurten.geojson"))
    sid = cli("session", "start", project, "--title", "Buurtavond", "--consent").strip()
    for i in range(3):
        cli("pin", "add", project, "--session", sid, "--category", "kans", "--title", f"Pin {i}", "--xy",
            str(156300 + 200 * i), str(464500 + 150 * i), "--contributor", "Ans")

    w = Window(exe, env, project, os.path.join(work, "publish.png"))
    open_publish(w)
    assert w.has("publish.werkplaats"), "the first publish asks for the werkplaats"
    w.tap("publish.server")
    w.type(db, delay_ms=5)
    w.tap("publish.werkplaats")
    w.type("utrecht")
    w.tap("publish.start")
    w.wait_for("publish.close", timeout=60)
    shutil.copy(w.shot, os.path.join(work, "publish-receipt.png"))
    assert psql(database, "SELECT count(*) FROM samenkaart.pins") == "3"
    assert psql(database, "SELECT DISTINCT contributor FROM samenkaart.pins").startswith("anon-")
    w.tap("publish.close")
    w.wait_gone("publish.close")

    # Again: the server is remembered on this computer, the werkplaats by the project; nothing new.
    open_publish(w)
    assert not w.has("publish.werkplaats"), "a published project keeps its werkplaats"
    w.tap("publish.start")
    w.wait_for("publish.close", timeout=60)
    shutil.copy(w.shot, os.path.join(work, "publish-nothing-new.png"))
    assert psql(database, "SELECT count(*) FROM samenkaart.publishes") == "1"
    w.tap("publish.close")
    w.wait_gone("publish.close")

    # A server that is not there: the dialog says so and stays; the project file records nothing.
    open_publish(w)
    w.tap("publish.server")
    w.key("ctrl+a", "BackSpace")
    w.type("host=127.0.0.1 port=1 dbname=x", delay_ms=5)
    w.tap("publish.start")
    w.wait_for("publish.error", timeout=30)
    assert w.has("publish.start")
    shutil.copy(w.shot, os.path.join(work, "publish-unreachable.png"))
    w.close()
    log = subprocess.run(["sqlite3", project, "SELECT count(*) FROM publish_log"], capture_output=True, text=True)
    assert log.stdout.strip() == "1", log
    print("gui publish: ok")
finally:
    psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
