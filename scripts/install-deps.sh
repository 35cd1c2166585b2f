#!/usr/bin/env bash
# Installs every Debian 12 package Samenkaart needs to build, run and test.
# Idempotent: skips apt entirely when everything is already installed.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git ca-certificates
    # engine: data
    libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
    libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite
    # gui: window, GL, ImGui 1.86 (GLFW + OpenGL3 backends are inside libimgui.a), fonts
    libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dri libglx-mesa0
    # mapping: the PNG writer's deflate; the prepared-map cache's checksums (XXH3)
    zlib1g-dev libxxhash-dev
    # gui: the kiosk PIN's hash (Argon2id)
    libsodium-dev
    # gui: multi-touch through XInput2 (glfw3native.h's X11 part includes Xrandr.h)
    libx11-dev libxi-dev libxrandr-dev
    fonts-dejavu-core
    # engine: the programme store's client (libpq); tests: a throwaway PostgreSQL 15 + PostGIS 3
    # cluster (scripts/pg-test-cluster.sh), psql and ogr2ogr's PostgreSQL driver as real clients
    libpq-dev postgresql-15 postgresql-15-postgis-3 postgresql-client-15
    # command line + json
    libcli11-dev nlohmann-json3-dev
    # tests: unit tests, headless X, real clients for exported files
    googletest libgtest-dev xvfb xauth xdotool x11-apps
    # tests: the house style, checked by the tools (scripts/check-format.sh, scripts/check-tidy.sh)
    clang-format-14 clang-tidy-14
    python3 python3-gdal python3-geopandas python3-pil
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# The tests make their own throwaway cluster; Debian's package would otherwise make and start a
# system cluster on port 5432 that nothing here uses (the official postgres images do the same).
$SUDO mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/samenkaart.conf >/dev/null
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
