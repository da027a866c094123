#!/usr/bin/env bash
# A whole Stagefarm on one machine: Kafka, PostgreSQL, an S3-compatible store, an image
# registry and one Docker daemon per simulated build host.
#
#   stagefarm local up [--agents N]   start what is not running (N build hosts, default 3)
#   stagefarm local down [--purge]    stop everything, leave no process, mount or socket;
#                                     --purge also drops the caches (jars, rootfs, seed
#                                     images, the build hosts' image stores)
#   stagefarm local status            each service, its address, its health
#   stagefarm local logs [SERVICE] [-f]
#   stagefarm local env               the connection facts of the running farm (farm.env)
#
# State: $STAGEFARM_LOCAL_DIR (default .stagefarm/local in the checkout), removed by `down`.
# Caches: $STAGEFARM_CACHE_DIR (default ~/.cache/stagefarm), kept by `down`.
# Ports: picked free and remembered; STAGEFARM_KAFKA_PORT, STAGEFARM_KAFKA_CONTROLLER_PORT,
# STAGEFARM_PG_PORT, STAGEFARM_S3_PORT, STAGEFARM_REGISTRY_PORT, STAGEFARM_COORDINATOR_PORT pin them.
set -euo pipefail

SF_LOCAL_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for lib in common packages kafka postgres objectstore registry daemons apps; do
  # shellcheck source=/dev/null
  source "$SF_LOCAL_HOME/lib/$lib.sh"
done

# The infrastructure services, in start order, then the farm's own: each service NAME needs
# a start, a health check, a stop (see svc_start) and an address for `status`. The agents,
# one per build host, are listed after the hosts.
INFRA_SERVICES=(kafka postgres s3 registry)
APP_SERVICES=(coordinator)

usage() { sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

# Folds the service names onto their functions.
svc_start()   { case "$1" in kafka) kafka_start ;; postgres) pg_start ;; s3) s3_start ;; registry) registry_start ;; docker-*) host_start "${1#docker-}" ;; coordinator) coordinator_start ;; agent-*) agent_start "${1#agent-}" ;; esac; }
svc_healthy() { case "$1" in kafka) kafka_healthy ;; postgres) pg_healthy ;; s3) s3_healthy ;; registry) registry_healthy ;; docker-*) host_healthy "${1#docker-}" ;; coordinator) coordinator_healthy ;; agent-*) agent_healthy "${1#agent-}" ;; esac; }
svc_stop()    { case "$1" in kafka) kafka_stop ;; postgres) pg_stop ;; s3) s3_stop ;; registry) registry_stop ;; docker-*) host_stop "${1#docker-}" ;; coordinator) coordinator_stop ;; agent-*) agent_stop "${1#agent-}" ;; esac; }

service_address() {
  case "$1" in
    kafka)    echo "127.0.0.1:$(kafka_port)" ;;
    postgres) echo "127.0.0.1:$(pg_port)" ;;
    s3)       echo "http://127.0.0.1:$(s3_port)" ;;
    registry) echo "127.0.0.1:$(registry_port)" ;;
    docker-*) echo "unix://$(host_socket "${1#docker-}")" ;;
    coordinator) echo "http://127.0.0.1:$(coordinator_port)" ;;
    agent-*) echo "http://127.0.0.1:$(agent_port "${1#agent-}") on docker-${1#agent-}" ;;
  esac
}

lock_state() {
  exec 9>"$SF_STATE/.lock"
  flock 9
}

# --- up ---------------------------------------------------------------------------------------

# Ports first, one after the other: the services then start side by side.
reserve_ports() {
  local running i
  running=0; kafka_healthy && running=1
  port_for KAFKA_PORT "$running" >/dev/null
  port_for KAFKA_CONTROLLER_PORT "$running" >/dev/null
  running=0; pg_healthy && running=1
  port_for PG_PORT "$running" >/dev/null
  running=0; s3_healthy && running=1
  port_for S3_PORT "$running" >/dev/null
  running=0; registry_healthy && running=1
  port_for REGISTRY_PORT "$running" >/dev/null
  running=0; coordinator_healthy && running=1
  port_for COORDINATOR_PORT "$running" >/dev/null
  for ((i = 1; i <= $1; i++)); do
    running=0; agent_healthy "$i" && running=1
    port_for "AGENT_${i}_PORT" "$running" >/dev/null
  done
  for name in PG_PASSWORD S3_ACCESS_KEY S3_SECRET_KEY REGISTRY_HTTP_SECRET; do secret_for "$name" >/dev/null; done
}

# Succeeds once the service is healthy or its process is gone (no use waiting then).
healthy_or_dead() { svc_healthy "$1" || ! service_pid_alive "$1"; }

# Starts a service unless it is healthy already, then waits for it.
bring_up() {
  local service="$1" timeout="${2:-90}" start; start="$(now_ms)"
  if svc_healthy "$service"; then
    echo "$service: already running" >> "$SF_LOGS/up.log"
    return 0
  fi
  if service_pid_alive "$service"; then
    # Started by an earlier `up` and still on its way.
    wait_until "$timeout" "$service" svc_healthy "$service"
    return
  fi
  svc_start "$service"
  wait_until "$timeout" "$service" healthy_or_dead "$service" || return 1
  svc_healthy "$service" || { say "$service: stopped while starting (see $SF_LOGS/$service.log)"; return 1; }
  echo "$service: started in $(seconds_since "$start") s" >> "$SF_LOGS/up.log"
}

kafka_up() {
  bring_up kafka 120 || return 1
  [[ -f "$SF_RUN/kafka.provisioned" ]] && return 0
  kafka_provision >>"$SF_LOGS/kafka-provision.log" 2>&1 || { say "creating topics failed (see $SF_LOGS/kafka-provision.log)"; return 1; }
  touch "$SF_RUN/kafka.provisioned"
}

s3_up() {
  if ! s3_healthy; then
    service_pid_alive s3 || s3_start
    s3_provision >>"$SF_LOGS/s3.log" 2>&1 || { say "creating the bucket failed"; return 1; }
  fi
  wait_until 60 s3 s3_healthy
}

registry_up() { bring_up registry 30 && seed_registry; }

# The coordinator (it migrates the database and creates topics it misses), then the agents side
# by side. Agents beyond the wanted count go away with their hosts.
apps_up() {
  local agents="$1" i pids=() rc=0 p
  # A running app older than its rebuilt jar is restarted, so `up` always runs this checkout.
  [[ "$COORDINATOR_JAR" -nt "$SF_RUN/coordinator.pid" ]] && service_pid_alive coordinator && coordinator_stop
  for i in $(known_agents); do
    [[ "$AGENT_JAR" -nt "$SF_RUN/agent-$i.pid" ]] && service_pid_alive "agent-$i" && agent_stop "$i"
  done
  bring_up coordinator 180 || return 1
  for ((i = 1; i <= agents; i++)); do bring_up "agent-$i" 180 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  return "$rc"
}

agents_beyond() {
  local agents="$1" i
  for i in $(known_agents); do (( i > agents )) && agent_stop "$i"; done
  return 0
}

hosts_up() {
  local agents="$1" i pids=() rc=0 p
  for ((i = 1; i <= agents; i++)); do bring_up "docker-$i" 60 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  # Hosts beyond the wanted count go away.
  for i in $(known_hosts); do
    (( i > agents )) && { host_stop "$i"; rm -rf "$(host_dir "$i")" "$(host_data_root "$i")"; }
  done
  return "$rc"
}

write_farm_env() {
  local agents="$1" hosts=() i
  for ((i = 1; i <= agents; i++)); do hosts+=("unix://$(host_socket "$i")"); done
  (umask 077; cat > "$SF_FARM_ENV.partial" <<ENV
# Connection facts of the running local farm, written by \`stagefarm local up\`.
STAGEFARM_LOCAL_DIR=$SF_STATE
KAFKA_BOOTSTRAP=127.0.0.1:$(kafka_port)
KAFKA_JOB_TOPIC=$SF_JOB_TOPIC
KAFKA_STAGE_EVENTS_TOPIC=stagefarm.stage-events
KAFKA_BUILD_EVENTS_TOPIC=stagefarm.build-events
KAFKA_AGENT_GROUP=$SF_AGENT_GROUP
KAFKA_DLQ_TOPIC=$SF_DLQ_TOPIC
PG_HOST=127.0.0.1
PG_PORT=$(pg_port)
PG_DATABASE=$PG_DB
PG_JDBC_URL=jdbc:postgresql://127.0.0.1:$(pg_port)/$PG_DB
PG_USER=$PG_USER
PG_PASSWORD=$(secret_for PG_PASSWORD)
S3_ENDPOINT=http://127.0.0.1:$(s3_port)
S3_REGION=$S3_REGION
S3_BUCKET=$SF_BUCKET
S3_ACCESS_KEY=$(secret_for S3_ACCESS_KEY)
S3_SECRET_KEY=$(secret_for S3_SECRET_KEY)
REGISTRY=127.0.0.1:$(registry_port)
COORDINATOR_URL=http://127.0.0.1:$(coordinator_port)
AGENTS=$agents
DOCKER_HOSTS=$(IFS=,; echo "${hosts[*]}")
ENV
  mv "$SF_FARM_ENV.partial" "$SF_FARM_ENV")
}

cmd_up() {
  local agents="${STAGEFARM_AGENTS:-3}"
  while (( $# )); do
    case "$1" in
      --agents) agents="${2:?--agents needs a number}"; shift 2 ;;
      --agents=*) agents="${1#*=}"; shift ;;
      *) die "unknown option for up: $1" 2 ;;
    esac
  done
  [[ "$agents" =~ ^[1-9][0-9]*$ ]] || die "--agents must be a positive number" 2
  local start; start="$(now_ms)"
  ensure_state_dir
  lock_state
  ensure_packages
  # Packages could be named to a non-root user, but dockerd itself needs root here.
  is_root || die "the build hosts' Docker daemons need root: run \`sudo bin/stagefarm local up\`" 4
  kafka_fetch_jars & local jars1=$!
  s3_fetch_jar & local jars2=$!
  wait "$jars1" && wait "$jars2" || exit 1
  kafka_tool_batch_classes
  agents_beyond "$agents"
  apps_build &  local build=$!
  reserve_ports "$agents"
  local pids=() names=() rc=0 i
  kafka_up & pids+=($!); names+=(kafka)
  bring_up postgres 60 & pids+=($!); names+=(postgres)
  s3_up & pids+=($!); names+=(s3)
  registry_up & pids+=($!); names+=(registry)
  hosts_up "$agents" & pids+=($!); names+=("build hosts")
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { say "${names[$i]} failed to come up"; rc=1; }
  done
  wait "$build" || { say "the apps could not be built"; rc=1; }
  (( rc == 0 )) && { apps_up "$agents" || { say "the coordinator or an agent failed to come up"; rc=1; }; }
  if (( rc != 0 )); then
    rm -f "$SF_FARM_ENV"
    cmd_status || true
    die "the farm is not fully up; \`stagefarm local logs SERVICE\` tells why, \`stagefarm local down\` cleans up"
  fi
  write_farm_env "$agents"
  cmd_status
  say "farm up in $(seconds_since "$start") s; connection facts in $SF_FARM_ENV"
}

# --- down -------------------------------------------------------------------------------------

# Any process still naming the state folder (a containerd shim, say), by pid.
stray_pids() {
  local p cmd
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ "$p" == "$$" || "$p" == "$BASHPID" ]] && continue
    cmd="$(tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline")" || continue
    [[ "$cmd" == *"$SF_STATE/"* ]] && echo "$p"
  done
  return 0
}

cmd_down() {
  local purge=0
  [[ "${1:-}" == "--purge" ]] && purge=1
  if [[ ! -f "$SF_MARKER" ]]; then
    say "no farm at $SF_STATE"
  else
    lock_state
    local i pids=()
    # The agents first (they hand back running stages), then the coordinator, then the rest.
    for i in $(known_agents); do agent_stop "$i" & pids+=($!); done
    for i in "${pids[@]}"; do wait "$i" || true; done
    coordinator_stop
    pids=()
    for i in $(known_hosts); do host_stop "$i" & pids+=($!); done
    service_pid_alive "$SEED_SERVICE" && { seed_cleanup & pids+=($!); }
    registry_stop & pids+=($!)
    s3_stop & pids+=($!)
    kafka_stop & pids+=($!)
    pg_stop & pids+=($!)
    for i in "${pids[@]}"; do wait "$i" || true; done
    local p
    for p in $(stray_pids); do say "stopping leftover process $p"; stop_pid "$p" 10; done
    unmount_under "$SF_STATE"
    unmount_under "$(dirname "$(host_data_root 1)")"
    local pg_outside=""
    [[ -L "$PG_DIR" ]] && pg_outside="$(readlink "$PG_DIR")"
    rm -rf "$SF_STATE"
    [[ -n "$pg_outside" ]] && rm -rf "$pg_outside"
    say "farm down; $SF_STATE removed"
  fi
  if (( purge )); then
    rm -rf "$SF_CACHE"
    say "caches removed ($SF_CACHE)"
  fi
}

# --- status, logs, env ----------------------------------------------------------------------

cmd_status() {
  if [[ ! -f "$SF_MARKER" ]]; then
    say "no farm at $SF_STATE (run: stagefarm local up)"
    return 3
  fi
  local services=("${INFRA_SERVICES[@]}" "${APP_SERVICES[@]}") i all=0 s health
  for i in $(known_hosts); do services+=("docker-$i"); done
  for i in $(known_agents); do services+=("agent-$i"); done
  printf '%-12s %-8s %-8s %s\n' SERVICE HEALTH PID ADDRESS
  for s in "${services[@]}"; do
    if svc_healthy "$s"; then health=up; elif service_pid_alive "$s"; then health=starting; all=3; else health=down; all=3; fi
    printf '%-12s %-8s %-8s %s\n' "$s" "$health" "$(pid_of "$s" || true)" "$(service_address "$s")"
  done
  printf 'logs: %s   facts: %s\n' "$SF_LOGS" "$SF_FARM_ENV"
  return "$all"
}

cmd_logs() {
  local service="" follow=0
  while (( $# )); do
    case "$1" in -f|--follow) follow=1 ;; *) service="$1" ;; esac
    shift
  done
  [[ -d "$SF_LOGS" ]] || die "no farm at $SF_STATE"
  local files
  if [[ -n "$service" ]]; then
    files=("$SF_LOGS/$service.log")
    [[ -f "${files[0]}" ]] || die "no log for '$service'; there are: $(cd "$SF_LOGS" && ls | sed 's/\.log$//' | tr '\n' ' ')"
  else
    files=("$SF_LOGS"/*.log)
  fi
  if (( follow )); then tail -n 50 -F "${files[@]}"; else tail -n 100 "${files[@]}"; fi
}

cmd_env() {
  [[ -f "$SF_FARM_ENV" ]] || die "the farm is not up (run: stagefarm local up)" 3
  cat "$SF_FARM_ENV"
}

case "${1:-}" in
  up)     shift; cmd_up "$@" ;;
  down)   shift; cmd_down "$@" ;;
  status) shift; cmd_status ;;
  logs)   shift; cmd_logs "$@" ;;
  env)    shift; cmd_env ;;
  -h|--help|help|"") usage ;;
  *) usage >&2; exit 2 ;;
esac
