# The farm's own services: the coordinator and one agent per build host, run from the Quarkus
# apps of this checkout (rebuilt when a source is newer than the app). Each answers
# /q/health/ready on its own free port.

COORDINATOR_JAR="$SF_REPO/coordinator/target/quarkus-app/quarkus-run.jar"
AGENT_JAR="$SF_REPO/agent/target/quarkus-app/quarkus-run.jar"
# Small heaps and the serial collector: four JVMs share the machine with Kafka, S3Proxy and the
# daemons. The full JIT stays on: the agents hash every byte they move (digests, and the S3
# client's payload signature), and only C2 compiles SHA-256 to the CPU's instructions; with C1
# alone a 110 MB image took 4.5 s to store instead of about 1.5 s.
APP_JAVA_OPTS=(-XX:+UseSerialGC -Xshare:auto)

# Sources an app is built from; a newer file means the app is outdated.
app_sources() {
  echo "$SF_REPO/pom.xml" "$SF_REPO/common/pom.xml" "$SF_REPO/common/src/main"
  echo "$SF_REPO/$1/pom.xml" "$SF_REPO/$1/src/main"
}

app_outdated() {
  local jar="$SF_REPO/$1/target/quarkus-app/quarkus-run.jar"
  # shellcheck disable=SC2046
  [[ ! -f "$jar" ]] || [[ -n "$(find $(app_sources "$1") -newer "$jar" -print -quit 2>/dev/null)" ]]
}

# Builds the coordinator and the agent when one is missing or older than its sources:
# offline first (the usual case once dependencies are in the local repository).
apps_build() {
  app_outdated coordinator || app_outdated agent || return 0
  command -v mvn >/dev/null || die "Maven is needed to build the coordinator and the agent (apt-get install maven)" 4
  say "building the coordinator and the agent (Maven)…"
  local start; start="$(now_ms)"
  local build=(mvn -B -q -DskipTests -f "$SF_REPO/pom.xml" -pl coordinator,agent -am package)
  if ! "${build[@]}" -o >>"$SF_LOGS/install.log" 2>&1; then
    "${build[@]}" >>"$SF_LOGS/install.log" 2>&1 || die "building the apps failed (see $SF_LOGS/install.log)"
  fi
  # Maven leaves an unchanged jar untouched; the timestamp records that it is current.
  touch "$COORDINATOR_JAR" "$AGENT_JAR"
  say "apps built in $(seconds_since "$start") s"
}

ready_on() { [[ -n "${1:-}" ]] && curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

# --- one app ----------------------------------------------------------------------------------------

# Runs the app in JAR as SERVICE with HEAP, Kafka's address, the object store's settings and the
# given NAME=value settings. The store's setting names start with S3_PREFIX: the coordinator reads
# STAGEFARM_S3_*, the agent S3_*.
app_spawn() {
  local service="$1" jar="$2" heap="$3" s3="$4"; shift 4
  spawn "$service" env \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$(kafka_port)" \
    "${s3}ENDPOINT=http://127.0.0.1:$(s3_port)" \
    "${s3}BUCKET=$SF_BUCKET" \
    "${s3}REGION=$S3_REGION" \
    "${s3}ACCESS_KEY=$(secret_for S3_ACCESS_KEY)" \
    "${s3}SECRET_KEY=$(secret_for S3_SECRET_KEY)" \
    "$@" \
    java "-Xmx$heap" "${APP_JAVA_OPTS[@]}" -jar "$jar"
}

app_healthy() { service_pid_alive "$1" && ready_on "$2"; }

# Stops SERVICE, giving it GRACE seconds before it is killed.
app_stop() { stop_pid "$(pid_of "$1")" "$2"; rm -f "$SF_RUN/$1.pid"; }

# --- coordinator ---------------------------------------------------------------------------------

coordinator_port() { remembered_port COORDINATOR_PORT; }

coordinator_healthy() { app_healthy coordinator "$(coordinator_port)"; }

coordinator_start() {
  local dir="$SF_STATE/coordinator"
  mkdir -p "$dir/spool"
  app_spawn coordinator "$COORDINATOR_JAR" 384m STAGEFARM_S3_ \
    QUARKUS_HTTP_PORT="$(coordinator_port)" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$(pg_port)/$PG_DB" \
    QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$(secret_for PG_PASSWORD)" \
    STAGEFARM_STORAGE_SPOOL_DIR="$dir/spool"
}

coordinator_stop() { app_stop coordinator 30; }

# --- agents ----------------------------------------------------------------------------------------

agent_port() { remembered_port "AGENT_${1}_PORT"; }
agent_healthy() { app_healthy "agent-$1" "$(agent_port "$1")"; }

# Agent N works on build host N's daemon and is called agent-N.
agent_start() {
  local n="$1" work="$SF_STATE/agents/agent-$1"
  mkdir -p "$work"
  app_spawn "agent-$n" "$AGENT_JAR" 256m S3_ \
    STAGEFARM_AGENT_ID="agent-$n" \
    STAGEFARM_AGENT_HTTP_PORT="$(agent_port "$n")" \
    STAGEFARM_DOCKER_HOST="unix://$(host_socket "$n")" \
    STAGEFARM_AGENT_WORK_DIR="$work"
}

# The agent finishes or hands back what it runs within its shutdown grace (60 s by default).
agent_stop() { app_stop "agent-$1" 70; }

# Agents that have a pid file, by number.
known_agents() {
  local f
  for f in "$SF_RUN"/agent-*.pid; do
    [[ -e "$f" ]] || continue
    f="${f##*/agent-}"; echo "${f%.pid}"
  done | sort -n
}
