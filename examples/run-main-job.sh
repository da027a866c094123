#!/usr/bin/env bash
# Builds examples/hello-node-nginx (FROM node … FROM nginx, COPY --from=0) on build host 1 of
# the running local farm, runs the result and fetches its page.
# Today the whole build runs on one host; the farm will split it into stage jobs.
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
docker=(docker -H "${hosts[n - 1]}")
tag="hello-node-nginx:local"

say "building examples/hello-node-nginx on host $n (${hosts[n - 1]})"
start="$(now_ms)"
DOCKER_BUILDKIT=0 "${docker[@]}" build --network host -t "$tag" "$here/examples/hello-node-nginx"
say "built in $(seconds_since "$start") s"

# The daemons have no bridge network: nginx shares the host's network, on a free port.
port="$(pick_free_port)"
name="hello-node-nginx-$port"
"${docker[@]}" run -d --name "$name" --network host "$tag" sh -c \
  "sed -i -e 's/listen 80 default_server;/listen 127.0.0.1:$port default_server;/' -e '/listen \[::\]:80/d' /etc/nginx/sites-enabled/default && exec nginx -g 'daemon off;'" >/dev/null
trap '"${docker[@]}" rm -f "$name" >/dev/null 2>&1 || true' EXIT
wait_until 20 nginx curl -sf -o /dev/null "http://127.0.0.1:$port/" || die "nginx did not answer"
say "GET http://127.0.0.1:$port/"
page="$(curl -sf "http://127.0.0.1:$port/")"
echo "$page"
grep -q 'Hello from Stagefarm' <<< "$page" || die "the page is not the one the node stage rendered"
