#!/usr/bin/env bash
# README command 1: install, build, and start Samenkaart on the bundled sample neighbourhood.
# Without a display (a server, CI) it says so instead of failing obscurely.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run.sh: no display found; starting Samenkaart under a virtual X server (xvfb-run)." >&2
    exec xvfb-run -a -s "-screen 0 1920x1080x24" ./build/samenkaart "$@"
fi
exec ./build/samenkaart "$@"
