#!/usr/bin/env bash
# Fails when clang-tidy finds anything in a .cpp of engine/, mapping/ or gui/ (or in one of our
# headers they include) under the checks .clang-tidy enables, as Debian 12's clang-tidy 14 reads it.
# Reads the compile commands of a configured build directory (cmake writes compile_commands.json;
# nothing has to be built). Usage: bash scripts/check-tidy.sh [build dir, default build-test]
set -euo pipefail
cd "$(dirname "$0")/.."
tool=clang-tidy-14
dir=${1:-build-test}
command -v "$tool" >/dev/null || { echo "check-tidy: $tool is missing (bash scripts/install-deps.sh)"; exit 1; }
[ -f "$dir/compile_commands.json" ] || { echo "check-tidy: no $dir/compile_commands.json (configure with cmake first)"; exit 1; }
mapfile -t files < <(find engine mapping gui -type f -name '*.cpp' | sort)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$SECONDS
# One clang-tidy per file, as many at a time as there are cores; each writes its own report.
# A file that clang-tidy could not read (a compile error) fails as a finding does. -Wno-error: the
# compile commands are GCC's, -Werror in CI; clang's own warnings (an unknown -Wno-restrict first)
# are not ours to hold here, and as warnings .clang-tidy leaves them out.
failed=0
printf '%s\n' "${files[@]}" |
    xargs -P "$(nproc)" -I{} sh -c \
        '"$1" -p "$2" --quiet --extra-arg=-Wno-error "$3" >"$4/$(echo "$3" | tr / _).log" 2>&1 || echo "$3" >>"$4/failed"' \
        sh "$tool" "$dir" {} "$out" || failed=1
[ -f "$out/failed" ] && failed=1

# A header's finding is reported once for every file that includes it: each is listed once here.
mapfile -t findings < <(cat "$out"/*.log | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\]$' |
    sed -e "s|^$PWD/||" -e 's/,-warnings-as-errors\]$/]/' | sort -u | sort -t: -k1,1 -k2,2n -k3,3n)
if [ "$failed" = 0 ] && [ ${#findings[@]} -eq 0 ]; then
    echo "check-tidy: ${#files[@]} files clean in $((SECONDS - start)) s"
    exit 0
fi
if [ ${#findings[@]} -gt 0 ]; then
    printf '  %s\n' "${findings[@]}"
    echo "check-tidy: ${#findings[@]} findings, by check:"
    printf '%s\n' "${findings[@]}" | sed -E 's/.*\[([a-z0-9.-]+)(,[^]]*)?\]$/\1/' | sort | uniq -c | sort -rn
else
    # No finding to show: clang-tidy itself failed (a compile error in a file, or a crash).
    while read -r f; do
        echo "  $f:"
        sed 's/^/    /' "$out/$(echo "$f" | tr / _).log" | head -40
    done <"$out/failed"
fi
echo "check-tidy: failed after $((SECONDS - start)) s (run clang-tidy-14 -p $dir FILE for the details)"
exit 1
