# S3-compatible object store: S3Proxy 4.x as its own process, filesystem backend under the
# state folder, AWS v2/v4 signatures, with the farm's bucket created.

S3PROXY_JAR="$SF_CACHE/s3proxy-$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
S3_DIR="$SF_STATE/s3"
S3_REGION=us-east-1

s3_fetch_jar() {
  [[ -f "$S3PROXY_JAR" ]] && return 0
  command -v mvn >/dev/null || die "Maven is needed once to fetch S3Proxy (apt-get install maven)" 4
  say "fetching S3Proxy $S3PROXY_VERSION (Maven)…"
  mvn -B -q -f "$SF_LOCAL_HOME/jars/s3proxy.pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$(dirname "$S3PROXY_JAR")" >>"$SF_LOGS/install.log" 2>&1 \
    || die "could not fetch S3Proxy (see $SF_LOGS/install.log)"
}

s3_port() { remembered_port S3_PORT; }

# curl signs with AWS SigV4 itself, so the health check proves credentials and bucket too.
# S3 wants the payload hash in a header; these requests have no body (SHA-256 of nothing).
S3_EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
s3_curl() {
  curl -sf -H "x-amz-content-sha256: $S3_EMPTY_SHA256" --aws-sigv4 "aws:amz:$S3_REGION:s3" -u "$(secret_for S3_ACCESS_KEY):$(secret_for S3_SECRET_KEY)" "$@"
}

s3_healthy() {
  local port; port="$(s3_port)"
  service_pid_alive s3 && [[ -n "$port" ]] && s3_curl -o /dev/null -I "http://127.0.0.1:$port/$SF_BUCKET"
}

s3_start() {
  local port
  s3_fetch_jar
  port="$(remembered_port S3_PORT)"
  mkdir -p "$S3_DIR/data"
  cat > "$S3_DIR/s3proxy.conf" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$(secret_for S3_ACCESS_KEY)
s3proxy.credential=$(secret_for S3_SECRET_KEY)
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$S3_DIR/data
PROPS
  # S3Proxy ships a logback configuration at DEBUG: it writes gigabytes and slows transfers
  # to a crawl. WARN keeps the log useful.
  cat > "$S3_DIR/logback.xml" <<'XML'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>[%d{ISO8601}] %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.gaul.s3proxy" level="INFO"/>
  <logger name="org.eclipse.jetty" level="WARN"/>
  <logger name="org.jclouds" level="WARN"/>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
XML
  spawn s3 java -Xmx512m -Xshare:auto -Dlogback.configurationFile="$S3_DIR/logback.xml" \
    -jar "$S3PROXY_JAR" --properties "$S3_DIR/s3proxy.conf"
}

# Creates the bucket once the endpoint answers. S3Proxy answers 200 for a bucket it already has.
s3_provision() {
  local port; port="$(s3_port)"
  wait_until 60 s3 tcp_open "$port" || return 1
  s3_curl -o /dev/null -I "http://127.0.0.1:$port/$SF_BUCKET" && return 0
  s3_curl -o /dev/null -X PUT "http://127.0.0.1:$port/$SF_BUCKET"
}

s3_stop() { stop_pid "$(pid_of s3)" 20; }
