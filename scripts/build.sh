#!/usr/bin/env bash
# Installs the Debian packages Samenkaart needs and builds it (Release) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSAMENKAART_BUILD_TESTS=OFF >/dev/null
ninja -C build samenkaart
