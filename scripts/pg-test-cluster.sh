#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster for the tests (the programme store's tests talk to a
# real server; there is no mock of PostgreSQL anywhere).
#   start STATE_DIR: initdb into a new temporary folder as an unprivileged user (PostgreSQL refuses
#       to run as root), start it on 127.0.0.1 on a free port with its socket in that folder, and
#       write STATE_DIR/cluster.env (PGHOST, PGPORT, PGUSER, the data folder) for the tests.
#   stop STATE_DIR: stop that cluster and remove its folder (CTest runs this even when tests fail).
#   crash STATE_DIR / restart STATE_DIR: stop it hard (pg_ctl stop -m immediate, as a power cut
#       would) and start it again on the same port: for the fault tests, on a cluster of their own.
# The superuser samenkaart_admin connects without a password from 127.0.0.1 (trust); every other
# role must give its password (scram-sha-256), so the tests can check wrong passwords and roles.
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-test-cluster: PostgreSQL is not installed (bash scripts/install-deps.sh)"; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

stop() {
    [ -f "$state/cluster.env" ] || return 0
    local data
    data=$(sed -n 's/^SAMENKAART_PG_DATA=//p' "$state/cluster.env")
    if [ -n "$data" ] && [ -d "$data" ]; then
        as_owner "$bin/pg_ctl" -D "$data/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$data"
    fi
    rm -f "$state/cluster.env"
}

server_options() {
    echo "$(sed -n 's/^SAMENKAART_PG_DATA=//p' "$state/cluster.env")" \
        "$(sed -n 's/^SAMENKAART_PG_OPTIONS=//p' "$state/cluster.env")"
}

case "$action" in
crash)
    read -r data options < <(server_options)
    as_owner "$bin/pg_ctl" -D "$data/data" -m immediate -w stop >/dev/null
    ;;
restart)
    read -r data options < <(server_options)
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 -o "$options" start >/dev/null
    ;;
stop)
    stop
    echo "pg-test-cluster: stopped"
    ;;
start)
    mkdir -p "$state"
    stop  # a cluster an interrupted run left behind
    data=$(mktemp -d /tmp/samenkaart-pg.XXXXXX)
    chmod 755 "$data"
    [ "$(id -u)" = 0 ] && chown nobody "$data"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$data/data" -U samenkaart_admin --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
        { cat "$data/initdb.log"; exit 1; }
    # The superuser from 127.0.0.1 without a password; everyone else with theirs.
    as_owner sh -c "printf '%s\n%s\n' 'host all samenkaart_admin 127.0.0.1/32 trust' \
        \"\$(cat '$data/data/pg_hba.conf')\" >'$data/hba' && mv '$data/hba' '$data/data/pg_hba.conf'"
    options="-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=200"
    as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 -o "$options" start >/dev/null ||
        { cat "$data/server.log"; exit 1; }
    # Test databases are copies of this template (PostGIS made once, not once per test).
    psql -q -h 127.0.0.1 -p "$port" -U samenkaart_admin -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE samenkaart_template" >/dev/null
    psql -q -h 127.0.0.1 -p "$port" -U samenkaart_admin -d samenkaart_template -v ON_ERROR_STOP=1 \
        -c "CREATE EXTENSION postgis" >/dev/null
    cat >"$state/cluster.env" <<ENV
PGHOST=127.0.0.1
PGPORT=$port
PGUSER=samenkaart_admin
SAMENKAART_PG_DATA=$data
SAMENKAART_PG_BIN=$bin
SAMENKAART_PG_OPTIONS=$options
ENV
    echo "pg-test-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($data)"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR"
    exit 2
    ;;
esac
