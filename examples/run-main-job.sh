#!/usr/bin/env bash
# The main job on the running local farm: `stagefarm build` of examples/classic-node-nginx
# (FROM node … npm run build, FROM nginx, COPY --from=0) split into stage jobs that the
# farm's agents run, the image loaded into build host N's daemon (--load honours DOCKER_HOST;
# the local farm has no default daemon), run, and its page fetched.
#
#   bin/stagefarm local up && examples/run-main-job.sh [HOST_NUMBER]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SF_LOCAL_HOME="$here/deploy/local"
source "$SF_LOCAL_HOME/lib/common.sh"

[[ -f "$SF_FARM_ENV" ]] || die "the farm is not up: run bin/stagefarm local up" 3
source "$SF_FARM_ENV"
IFS=, read -r -a hosts <<< "$DOCKER_HOSTS"
n="${1:-1}"
(( n >= 1 && n <= ${#hosts[@]} )) || die "host $n does not exist; the farm has ${#hosts[@]}"
export DOCKER_HOST="${hosts[n - 1]}"
tag="my-app:latest"

say "stagefarm build -t $tag --load examples/classic-node-nginx (loading into host $n)"
start="$(now_ms)"
(cd "$here/examples/classic-node-nginx" && "$here/bin/stagefarm" build -t "$tag" --load .)
say "built and loaded in $(seconds_since "$start") s"

# The daemons have no bridge network: nginx shares the host's network, on a free port.
port="$(pick_free_port)"
name="my-app-$port"
docker run -d --name "$name" --network host "$tag" sh -c \
  "sed -i -e 's/listen 80 default_server;/listen 127.0.0.1:$port default_server;/' -e '/listen \[::\]:80/d' /etc/nginx/sites-enabled/default && exec nginx -g 'daemon off;'" >/dev/null
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
wait_until 20 nginx curl -sf -o /dev/null "http://127.0.0.1:$port/" || die "nginx did not answer"
say "GET http://127.0.0.1:$port/"
page="$(curl -sf "http://127.0.0.1:$port/")"
echo "$page"
grep -q 'Built by Stagefarm' <<< "$page" || die "the page is not the one the node stage built"
