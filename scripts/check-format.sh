#!/usr/bin/env bash
# Fails when a C or C++ file of the project differs from what .clang-format asks, as Debian 12's
# clang-format 14 reads it (the version is pinned: another version formats some lines otherwise).
# To fix: bash scripts/check-format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
tool=clang-format-14
command -v "$tool" >/dev/null || { echo "check-format: $tool is missing (bash scripts/install-deps.sh)"; exit 1; }
mapfile -t files < <(find engine mapping gui tests -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.c' -o -name '*.h' \) | sort)
if [ "${1:-}" = --fix ]; then
    "$tool" -i "${files[@]}"
    exit 0
fi
if ! "$tool" --dry-run --Werror "${files[@]}" 2>/tmp/check-format.$$; then
    grep -oE '^[^ :]+:[0-9]+:[0-9]+: (error|warning)' /tmp/check-format.$$ | cut -d: -f1 | sort -u |
        sed 's/^/  not formatted: /'
    rm -f /tmp/check-format.$$
    echo "check-format: run bash scripts/check-format.sh --fix"
    exit 1
fi
rm -f /tmp/check-format.$$
echo "check-format: ${#files[@]} files formatted as .clang-format asks"
