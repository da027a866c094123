# Debian packages the local farm needs, installed when running as root.

# package -> the check that proves it is installed
sf_package_present() {
  case "$1" in
    docker.io)       command -v dockerd >/dev/null ;;
    docker-registry) command -v docker-registry >/dev/null ;;
    postgresql)      compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
    debootstrap)     command -v debootstrap >/dev/null ;;
    # The dynamic `busybox` package also provides /bin/busybox, but it cannot run in an
    # image without libc: the seed image needs the static build.
    busybox-static)  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ;;
    curl)            command -v curl >/dev/null ;;
    *) return 1 ;;
  esac
}

SF_PACKAGES=(docker.io docker-registry postgresql debootstrap busybox-static curl)

ensure_packages() {
  local missing=() p
  for p in "${SF_PACKAGES[@]}"; do sf_package_present "$p" || missing+=("$p"); done
  (( ${#missing[@]} == 0 )) && return 0
  if ! is_root; then
    die "missing Debian packages: ${missing[*]}
  install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" 4
  fi
  local start; start="$(now_ms)"
  say "installing ${missing[*]} (apt-get)…"
  # Packaged daemons must not start on their own: the farm runs its own instances on its own
  # ports. policy-rc.d is the Debian way to say so during an install.
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  } >>"$SF_LOGS/install.log" 2>&1 || rc=$?
  (( own_policy )) && rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "apt-get failed (see $SF_LOGS/install.log)"
  say "installed ${missing[*]} in $(seconds_since "$start") s"
}

pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" ]] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
  echo "$dir"
}
