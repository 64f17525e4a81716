#!/usr/bin/env bash
# Runs COMMAND... against a throwaway PostgreSQL server: initdb in a temporary folder (as
# the unprivileged `postgres` user when run as root: initdb refuses root), listening only
# on a Unix socket in that folder, torn down afterwards. The command finds the server
# through CARDIOLENS_TEST_PG_{HOST,PORT,USER,DB}. Exits 77 (CTest: skipped) with a message
# when the server binaries are missing.
set -euo pipefail
BIN=${CARDIOLENS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ]; then
    echo "SKIP: PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql;" \
         "install the 'postgresql' package (packaging/install-deps.sh)"
    exit 77
fi
as_server=()
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "SKIP: running as root and there is no 'postgres' user to run the server as"
        exit 77
    fi
    as_server=(runuser -u postgres --)
fi

DIR=$(mktemp -d /tmp/cardiolens-pg.XXXXXX)
[ ${#as_server[@]} -gt 0 ] && chown postgres "$DIR"
# fsync=off: the tests kill clients, never this server.
# Only a socket in DIR: the port just names the socket file, so any number is free here.
PORT=$(( 20000 + RANDOM % 20000 ))
cleanup() {
    "${as_server[@]}" "$BIN/pg_ctl" -D "$DIR/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

"${as_server[@]}" "$BIN/initdb" -D "$DIR/db" -A trust -U cardiolens --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log"; exit 1; }
"${as_server[@]}" "$BIN/pg_ctl" -D "$DIR/db" -w -l "$DIR/server.log" \
    -o "-p $PORT -k $DIR -c listen_addresses= -c fsync=off" start >/dev/null \
    || { cat "$DIR/server.log"; exit 1; }
"$BIN/createdb" -h "$DIR" -p "$PORT" -U cardiolens cardiolens_test

export CARDIOLENS_TEST_PG_HOST=$DIR CARDIOLENS_TEST_PG_PORT=$PORT
export CARDIOLENS_TEST_PG_USER=cardiolens CARDIOLENS_TEST_PG_DB=cardiolens_test
set +e
"$@"
status=$?
set -e
exit $status
