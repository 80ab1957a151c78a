# Sourced by scripts/test.sh: pg_start / pg_stop a PostgreSQL cluster in a temporary directory,
# listening on 127.0.0.1:$PGPORT only, trusting local connections (a test database, nothing more).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGPORT=${PGPORT:-55432}
PGTMP=$(mktemp -d /tmp/ecoplan-pg.XXXXXX)

_as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  [ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
  _as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U ecoplan --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGTMP -c fsync=off" start >/dev/null
  _as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U ecoplan ecoplan_test
}

pg_stop() {
  _as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
