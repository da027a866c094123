# The farm's image registry (Debian's docker-registry, CNCF distribution 2.8) on loopback,
# seeded once with base images made on this machine and pushed under their Docker Hub names,
# so a daemon using it as its mirror resolves `FROM node` or `FROM nginx` with no internet.
#
# Its storage lives in the cache, not the state folder: seeded images survive `down`, which
# is what keeps a warm `up` fast. `down --purge` drops it with the other caches.

REGISTRY_DIR="$SF_STATE/registry"
REGISTRY_STORAGE="$SF_CACHE/registry"
SEED_DIR="$SF_STATE/seed-docker"
SEED_SERVICE=seed-docker
DEBIAN_ROOTFS="$SF_CACHE/rootfs/debian-bookworm-minbase.tar"

# name:tag -> folder of deploy/local/seed holding its Dockerfile ("" = made without a build)
declare -A SEED_BUILDS=(
  [busybox:latest]=""
  [debian:bookworm]=""
  [node:18]=node
  [node:latest]=node
  [nginx:1.22]=nginx
  [nginx:latest]=nginx
  [openjdk:17-jre]=openjdk
)
SEED_IMAGES=(busybox:latest debian:bookworm node:18 node:latest nginx:1.22 nginx:latest openjdk:17-jre)

registry_port() { remembered_port REGISTRY_PORT; }

registry_healthy() {
  local port; port="$(registry_port)"
  service_pid_alive registry && [[ -n "$port" ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/v2/"
}

registry_start() {
  local port; port="$(remembered_port REGISTRY_PORT)"
  mkdir -p "$REGISTRY_DIR" "$REGISTRY_STORAGE"
  cat > "$REGISTRY_DIR/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGISTRY_STORAGE
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: $(secret_for REGISTRY_HTTP_SECRET)
YAML
  spawn registry docker-registry serve "$REGISTRY_DIR/config.yml"
}

registry_stop() { stop_pid "$(pid_of registry)" 10; }

registry_has() {
  local name="${1%%:*}" tag="${1##*:}"
  [[ -f "$REGISTRY_STORAGE/docker/registry/v2/repositories/library/$name/_manifests/tags/$tag/current/link" ]]
}

# --- seeding ------------------------------------------------------------------------------------

debian_mirror() {
  local uri
  uri="$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1)"
  [[ -z "$uri" ]] && uri="$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# debootstrap takes ~30 s and needs the network: its result is kept in the cache.
debian_rootfs() {
  [[ -f "$DEBIAN_ROOTFS" ]] && return 0
  local work="$SF_CACHE/rootfs/work.$$" start; start="$(now_ms)"
  rm -rf "$work" && mkdir -p "$work"
  say "debootstrap bookworm (minbase) from $(debian_mirror)…"
  debootstrap --variant=minbase bookworm "$work/root" "$(debian_mirror)" >>"$SF_LOGS/seed.log" 2>&1 \
    || { unmount_under "$work"; rm -rf "$work"; die "debootstrap failed (see $SF_LOGS/seed.log)"; }
  unmount_under "$work"
  rm -rf "$work"/root/var/cache/apt/archives/*.deb "$work"/root/var/lib/apt/lists/* \
    "$work"/root/usr/share/doc/* "$work"/root/usr/share/man/* "$work"/root/usr/share/info/*
  tar -C "$work/root" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
    -cf "$DEBIAN_ROOTFS.partial" . && mv "$DEBIAN_ROOTFS.partial" "$DEBIAN_ROOTFS"
  rm -rf "$work"
  say "debian rootfs ready in $(seconds_since "$start") s"
}

# busybox-static's binary plus one link per applet, as a one-layer image.
import_busybox() {
  local docker=("$@") root="$SEED_DIR/busybox-root" applet
  rm -rf "$root" && mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$root/etc/group"
  tar -C "$root" --numeric-owner -c . | "${docker[@]}" import --change 'CMD ["sh"]' - busybox:latest >/dev/null
}

seed_registry() {
  local missing=() image
  for image in "${SEED_IMAGES[@]}"; do registry_has "$image" || missing+=("$image"); done
  if (( ${#missing[@]} == 0 )); then
    say "registry already seeded (${#SEED_IMAGES[@]} images)"
    return 0
  fi
  local start; start="$(now_ms)"
  say "seeding the registry with ${missing[*]}…"
  local reg="127.0.0.1:$(registry_port)"
  dockerd_start "$SEED_SERVICE" "$SEED_DIR" "$SEED_DIR/data"
  wait_until 60 "$SEED_SERVICE" docker_ping "$SEED_DIR/docker.sock" || die "the seed daemon did not start"
  local docker=(docker -H "unix://$SEED_DIR/docker.sock")
  local need_debian=0 builds=()
  for image in "${missing[@]}"; do
    [[ "$image" != busybox:latest ]] && need_debian=1
    [[ -n "${SEED_BUILDS[$image]}" && " ${builds[*]} " != *" ${SEED_BUILDS[$image]} "* ]] && builds+=("${SEED_BUILDS[$image]}")
  done
  [[ " ${missing[*]} " == *" busybox:latest "* ]] && import_busybox "${docker[@]}"
  if (( need_debian )); then
    debian_rootfs
    "${docker[@]}" import --change 'CMD ["bash"]' "$DEBIAN_ROOTFS" debian:bookworm >/dev/null
  fi
  # The builds only download packages, so they run side by side.
  local pids=() dir rc=0 p
  for dir in "${builds[@]}"; do
    DOCKER_BUILDKIT=0 "${docker[@]}" build --network host -t "stagefarm-seed/$dir" "$SF_LOCAL_HOME/seed/$dir" \
      >>"$SF_LOGS/seed-$dir.log" 2>&1 & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  (( rc == 0 )) || { seed_cleanup; die "a seed image build failed (see $SF_LOGS/seed-*.log)"; }
  # Pushes run side by side; images sharing a base layer can race on that blob's upload in the
  # registry, so a failed push is retried on its own (a push of what is there is a no-op).
  pids=()
  for image in "${missing[@]}"; do
    local source="$image"
    [[ -n "${SEED_BUILDS[$image]}" ]] && source="stagefarm-seed/${SEED_BUILDS[$image]}"
    "${docker[@]}" tag "$source" "$reg/library/$image"
    "${docker[@]}" push "$reg/library/$image" >>"$SF_LOGS/seed.log" 2>&1 & pids+=($!)
  done
  local failed=() i try
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${missing[$i]}"); done
  for image in "${failed[@]}"; do
    for try in 1 2 3; do
      echo "retrying the push of $image (try $try)" >>"$SF_LOGS/seed.log"
      "${docker[@]}" push "$reg/library/$image" >>"$SF_LOGS/seed.log" 2>&1 && continue 2
      sleep "$try"
    done
    rc=1
  done
  seed_cleanup
  (( rc == 0 )) || { tail -n 20 "$SF_LOGS/seed.log" >&2; die "pushing a seed image failed (see $SF_LOGS/seed.log)"; }
  local took; took="$(seconds_since "$start")"
  echo "seeded ${missing[*]} in $took s" | tee -a "$SF_CACHE/seed-times.log" >> "$SF_LOGS/seed.log"
  say "registry seeded in $took s"
}

seed_cleanup() {
  dockerd_stop "$SEED_SERVICE" "$SEED_DIR" "$SEED_DIR/data"
  rm -rf "$SEED_DIR"
}
