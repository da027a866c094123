# Docker daemons: one per simulated build host, plus one short-lived helper that builds the
# seed images. Each has its own exec root, socket and pidfile under the state folder. The
# default bridge does not work on these machines, so no bridge and no iptables: builds and
# containers that need a network use host networking.
#
# A build host's image store (its data root) is a cache: it lives under the cache folder,
# one per farm and host, and survives `down`. Deleting a store full of unpacked node_modules
# takes minutes on a busy machine, and keeping it means a warm farm rebuilds from cached
# layers. `down --purge` drops it.

host_dir() { echo "$SF_STATE/docker/d$1"; }
host_data_root() { echo "$SF_CACHE/hosts/$(echo -n "$SF_STATE" | cksum | cut -d' ' -f1)/d$1"; }
host_socket() { echo "$(host_dir "$1")/docker.sock"; }
host_service() { echo "docker-$1"; }

# A unix socket path holds at most 107 bytes. containerd's sockets live deep in the exec
# root, so a long state path gets a short exec root under /run, linked from the state folder.
exec_root_for() {
  local dir="$1"
  if (( ${#dir} + 40 > 100 )); then
    local short="/run/stagefarm/$(echo -n "$dir" | cksum | cut -d' ' -f1)"
    mkdir -p "$short"
    ln -sfn "$short" "$dir/exec"
    echo "$short"
  else
    echo "$dir/exec"
  fi
}

docker_ping() { curl -sf --unix-socket "$1" http://localhost/_ping >/dev/null; }

# Usage: dockerd_start SERVICE DIR DATA_ROOT [extra dockerd flags…]
dockerd_start() {
  local service="$1" dir="$2" data_root="$3"; shift 3
  mkdir -p "$dir" "$data_root"
  unmount_under "$dir"         # what a daemon that died left behind
  unmount_under "$data_root"
  local exec_root; exec_root="$(exec_root_for "$dir")"
  rm -f "$dir/docker.sock"
  spawn "$service" dockerd \
    --data-root "$data_root" --exec-root "$exec_root" --pidfile "$dir/docker.pid" \
    -H "unix://$dir/docker.sock" \
    --bridge=none --iptables=false --ip-masq=false \
    --containerd-namespace "sf-$service" --containerd-plugins-namespace "sf-$service-plugins" \
    "$@"
}

# Usage: dockerd_stop SERVICE DIR DATA_ROOT
dockerd_stop() {
  local service="$1" dir="$2" data_root="$3"
  stop_pid "$(pid_of "$service")" 30
  rm -f "$SF_RUN/$service.pid"
  unmount_under "$dir"
  unmount_under "$data_root"
  [[ -L "$dir/exec" ]] && { unmount_under "$(readlink "$dir/exec")"; rm -rf "$(readlink "$dir/exec")"; }
  return 0
}

# Mount points under a folder, deepest first (mountinfo escapes spaces as \040).
mounts_under() {
  local prefix="$1"
  awk -v p="$prefix" '{ m = $5; gsub(/\\040/, " ", m); if (m == p || index(m, p "/") == 1) print m }' /proc/self/mountinfo \
    | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-
}

unmount_under() {
  local prefix="$1" m
  [[ -e "$prefix" ]] || return 0
  prefix="$(cd "$prefix" && pwd -P)"
  while IFS= read -r m; do
    [[ -n "$m" ]] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "could not unmount $m"
  done < <(mounts_under "$prefix")
}

# --- build hosts --------------------------------------------------------------------------------

host_start() {
  local i="$1" reg; reg="127.0.0.1:$(registry_port)"
  dockerd_start "$(host_service "$i")" "$(host_dir "$i")" "$(host_data_root "$i")" \
    --registry-mirror "http://$reg" --insecure-registry "$reg"
}

host_healthy() { service_pid_alive "$(host_service "$1")" && docker_ping "$(host_socket "$1")"; }

host_stop() { dockerd_stop "$(host_service "$1")" "$(host_dir "$1")" "$(host_data_root "$1")"; }

# Indexes of the build hosts whose folders exist (running or left behind).
known_hosts() {
  local d
  for d in "$SF_STATE"/docker/d*; do [[ -d "$d" ]] && echo "${d##*/d}"; done | sort -n
}
