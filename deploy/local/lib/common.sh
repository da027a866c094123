# Shared helpers of the local farm: folders, messages, ports, processes.
# Sourced by stagefarm-local.sh; every function here is side-effect free unless its name says so.

SF_REPO="$(cd "$SF_LOCAL_HOME/../.." && pwd)"
SF_STATE="${STAGEFARM_LOCAL_DIR:-$SF_REPO/.stagefarm/local}"
SF_CACHE="${STAGEFARM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stagefarm}"
SF_LOGS="$SF_STATE/logs"
SF_RUN="$SF_STATE/run"
SF_PORTS_FILE="$SF_STATE/ports.env"
SF_SECRETS_FILE="$SF_STATE/secrets.env"
SF_FARM_ENV="$SF_STATE/farm.env"
# A marker that proves a folder is a farm's state folder before `down` deletes it.
SF_MARKER="$SF_STATE/.stagefarm-local"

KAFKA_VERSION=4.4.0
S3PROXY_VERSION=4.1.0
SF_BUCKET="${STAGEFARM_S3_BUCKET:-stagefarm}"

say()  { printf '%s\n' "stagefarm local: $*" >&2; }
die()  { say "error: $1"; exit "${2:-1}"; }
now_ms() { date +%s%3N; }
seconds_since() { local start="$1"; awk -v s="$start" -v e="$(now_ms)" 'BEGIN { printf "%.1f", (e - s) / 1000 }'; }

is_root() { [[ "$(id -u)" == 0 ]]; }

ensure_state_dir() {
  mkdir -p "$SF_STATE" "$SF_LOGS" "$SF_RUN" "$SF_CACHE"
  touch "$SF_MARKER"
}

# --- ports -----------------------------------------------------------------------------------

# Ports in use in any state (listening, bound, connected) on this machine, as decimal numbers.
ports_in_use() {
  awk 'NR > 1 { split($2, a, ":"); print strtonum("0x" a[2]) }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -un
}

port_is_free() {
  local port="$1"
  ! ports_in_use | grep -qx "$port"
}

# Picks a free port below the kernel's ephemeral range, so outgoing connections never take it
# between the check and the bind. Ports the farm already remembers are avoided too.
pick_free_port() {
  local used port tries=0
  used=" $(ports_in_use | tr '\n' ' ') "
  [[ -f "$SF_PORTS_FILE" ]] && used+="$(cut -d= -f2 "$SF_PORTS_FILE" | tr '\n' ' ')"
  while (( tries++ < 500 )); do
    port=$(( 20000 + RANDOM % 12000 ))
    if [[ "$used" != *" $port "* ]]; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found between 20000 and 32000"
}

# Reads a port remembered in ports.env, or takes the one set in the environment
# (STAGEFARM_<NAME>), or picks a free one; remembers the result.
# Usage: port_for NAME RUNNING   (RUNNING=1 when the service holding it is up already)
port_for() {
  local name="$1" running="${2:-0}" var="STAGEFARM_${1}" remembered="" port
  [[ -f "$SF_PORTS_FILE" ]] && remembered="$(sed -n "s/^${name}=//p" "$SF_PORTS_FILE")"
  if [[ "$running" == 1 && -n "$remembered" ]]; then
    echo "$remembered"; return
  fi
  if [[ -n "${!var:-}" ]]; then
    port="${!var}"
    port_is_free "$port" || die "port $port (from $var) is already in use"
  elif [[ -n "$remembered" ]] && port_is_free "$remembered"; then
    port="$remembered"
  else
    port="$(pick_free_port)"
  fi
  remember_port "$name" "$port"
  echo "$port"
}

remembered_port() {
  [[ -f "$SF_PORTS_FILE" ]] && sed -n "s/^${1}=//p" "$SF_PORTS_FILE" || true
}

remember_port() {
  local name="$1" port="$2"
  touch "$SF_PORTS_FILE"
  sed -i "/^${name}=/d" "$SF_PORTS_FILE"
  echo "${name}=${port}" >> "$SF_PORTS_FILE"
}

# --- secrets ---------------------------------------------------------------------------------

# A value generated once per farm and kept in secrets.env (mode 600).
secret_for() {
  local name="$1" value=""
  [[ -f "$SF_SECRETS_FILE" ]] && value="$(sed -n "s/^${name}=//p" "$SF_SECRETS_FILE")"
  if [[ -z "$value" ]]; then
    value="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
    (umask 077; echo "${name}=${value}" >> "$SF_SECRETS_FILE")
  fi
  echo "$value"
}

# --- processes -------------------------------------------------------------------------------

pid_of() { [[ -f "$SF_RUN/$1.pid" ]] && cat "$SF_RUN/$1.pid" 2>/dev/null || true; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

service_pid_alive() { pid_alive "$(pid_of "$1")"; }

# Starts a command in its own session, output to the service's log, pid to run/NAME.pid.
spawn() {
  local name="$1"; shift
  # fd 9 is the state lock: a service must not hold it after `up` ends.
  setsid "$@" >>"$SF_LOGS/$name.log" 2>&1 < /dev/null 9>&- &
  echo $! > "$SF_RUN/$name.pid"
}

# Sends SIGTERM, waits up to TIMEOUT seconds, then SIGKILL.
stop_pid() {
  local pid="$1" timeout="${2:-20}" waited=0
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid" && (( waited < timeout * 10 )); do sleep 0.1; waited=$((waited + 1)); done
  if pid_alive "$pid"; then
    say "pid $pid did not stop in ${timeout}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
}

# Waits until the command succeeds; gives up after TIMEOUT seconds.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || { say "$what: not healthy after ${timeout}s"; return 1; }
    sleep 0.2
  done
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
