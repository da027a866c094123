# PostgreSQL: a cluster of its own under the state folder, on a TCP port of its own, with a
# `stagefarm` database owned by a `stagefarm` user that logs in with a password.

PG_DIR="$SF_STATE/postgres"
PG_DB=stagefarm
PG_USER=stagefarm

# PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user.
pg_as_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_port() { remembered_port PG_PORT; }

pg_healthy() {
  local port; port="$(pg_port)"
  [[ -n "$port" && -d "$PG_DIR/data" ]] && "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$port" -d "$PG_DB" -U "$PG_USER"
}

# The cluster's folder must be reachable by the `postgres` user. A checkout under a private
# home (mode 700) is not: then the cluster lives in /var/lib/stagefarm and the state folder
# holds a link to it.
pg_prepare_dir() {
  if is_root; then
    mkdir -p "$PG_DIR"
    chown postgres: "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      local outside
      outside="/var/lib/stagefarm/postgres-$(echo -n "$SF_STATE" | cksum | cut -d' ' -f1)"
      rm -rf "$PG_DIR" "$outside"
      mkdir -p "$outside"
      chown postgres: "$outside" && chmod 700 "$outside"
      ln -s "$outside" "$PG_DIR"
    fi
  else
    mkdir -p "$PG_DIR"
  fi
  touch "$SF_LOGS/postgres.log"
  is_root && chown postgres: "$SF_LOGS/postgres.log"
  return 0
}

pg_start() {
  local bin port password
  bin="$(pg_bindir)"
  port="$(remembered_port PG_PORT)"
  password="$(secret_for PG_PASSWORD)"
  pg_prepare_dir
  local fresh=0
  if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
    fresh=1
    pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --no-locale --no-sync \
      --auth-local=trust --auth-host=scram-sha-256 >>"$SF_LOGS/postgres.log" 2>&1 \
      || die "initdb failed (see $SF_LOGS/postgres.log)"
  fi
  pg_as_owner mkdir -p "$PG_DIR/socket"
  pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$SF_LOGS/postgres.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR/socket" \
    >/dev/null 9>&- || die "PostgreSQL did not start (see $SF_LOGS/postgres.log)"
  head -n 1 "$PG_DIR/data/postmaster.pid" > "$SF_RUN/postgres.pid"
  if (( fresh )); then
    pg_as_owner "$bin/psql" -q -h "$PG_DIR/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE USER $PG_USER WITH PASSWORD '$password'" \
      -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >>"$SF_LOGS/postgres.log" 2>&1 \
      || die "could not create the $PG_DB database (see $SF_LOGS/postgres.log)"
  fi
}

pg_stop() {
  [[ -f "$PG_DIR/data/postmaster.pid" ]] || return 0
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || stop_pid "$(pid_of postgres)" 30
}
