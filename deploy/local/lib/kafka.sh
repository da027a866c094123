# Kafka 4.4.0 in KRaft mode, one node that is both broker and controller, run from the jars
# Maven fetches from Central. Share groups are on by default once storage is formatted by 4.4.0.

KAFKA_LIB="$SF_CACHE/kafka-$KAFKA_VERSION/lib"
KAFKA_DIR="$SF_STATE/kafka"
SF_JOB_TOPIC=stagefarm.stage-jobs
SF_AGENT_GROUP=stagefarm.agents
SF_DLQ_TOPIC="dlq.$SF_AGENT_GROUP"

kafka_fetch_jars() {
  [[ -f "$KAFKA_LIB/kafka_2.13-$KAFKA_VERSION.jar" ]] && return 0
  command -v mvn >/dev/null || die "Maven is needed once to fetch the Kafka jars (apt-get install maven)" 4
  say "fetching Kafka $KAFKA_VERSION jars (Maven)…"
  mvn -B -q -f "$SF_LOCAL_HOME/jars/kafka.pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIB.partial" >>"$SF_LOGS/install.log" 2>&1 \
    || die "could not fetch the Kafka jars (see $SF_LOGS/install.log)"
  mkdir -p "$(dirname "$KAFKA_LIB")" && rm -rf "$KAFKA_LIB" && mv "$KAFKA_LIB.partial" "$KAFKA_LIB"
}


# The command-line tools (storage format, the topic set-up batch) share one class path and
# one class-data-sharing archive, made by whichever of them runs first.
KAFKA_TOOL_BATCH_JAR="$SF_CACHE/kafka-$KAFKA_VERSION/kafka-tool-batch.jar"
KAFKA_TOOLS_CDS="$SF_CACHE/kafka-$KAFKA_VERSION/tools.jsa"
kafka_cli() {
  java -XX:TieredStopAtLevel=1 "$(kafka_class_share_flag "$KAFKA_TOOLS_CDS")" \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-cli.properties" \
    -cp "$KAFKA_TOOL_BATCH_JAR:$KAFKA_LIB/*" "$@"
}

kafka_port() { remembered_port KAFKA_PORT; }

kafka_healthy() {
  local port; port="$(kafka_port)"
  service_pid_alive kafka && [[ -n "$port" ]] && tcp_open "$port" && grep -q 'Kafka Server started' "$SF_LOGS/kafka.log" 2>/dev/null
}

kafka_write_config() {
  local port="$1" cport="$2"
  mkdir -p "$KAFKA_DIR/data"
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# On a single node these are required: without them share consumers join and receive nothing.
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  cat > "$KAFKA_DIR/log4j2.properties" <<'PROPS'
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
PROPS
  sed 's/^rootLogger.level = info/rootLogger.level = warn/; s/^logger.kafka.level = info/logger.kafka.level = warn/' \
    "$KAFKA_DIR/log4j2.properties" > "$KAFKA_DIR/log4j2-cli.properties"
}

# Class data sharing: a JVM's first run records the classes it loaded into an archive when
# it exits; later runs map that archive instead of loading ~90 jars again (JDK 13+).
kafka_class_share_flag() {
  local archive="$1"
  if [[ -s "$archive" ]]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    echo "-XX:ArchiveClassesAtExit=$archive"
  fi
}

kafka_start() {
  local port cport
  kafka_fetch_jars
  port="$(remembered_port KAFKA_PORT)"
  cport="$(remembered_port KAFKA_CONTROLLER_PORT)"
  kafka_write_config "$port" "$cport"
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    local cluster_id="-"
    # A Kafka cluster id is 16 random bytes in URL-safe base64 without padding. One starting
    # with '-' would be read as an option by the format command (Kafka's own generator
    # skips those too).
    while [[ "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    kafka_cli kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      >>"$SF_LOGS/kafka.log" 2>&1 || die "Kafka storage format failed (see $SF_LOGS/kafka.log)"
  fi
  spawn kafka java -Xms256m -Xmx768m -XX:+UseG1GC "$(kafka_class_share_flag "$SF_CACHE/kafka-$KAFKA_VERSION/broker.jsa")" \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_DIR/server.properties"
}

# Compiled once into a jar in the cache, next to the jars it runs against (class-data sharing
# takes jars only). A new jar makes the tools' archive stale: it is dropped and made again.
kafka_tool_batch_classes() {
  local source="$SF_LOCAL_HOME/kafka/KafkaToolBatch.java"
  [[ -f "$KAFKA_TOOL_BATCH_JAR" && ! "$source" -nt "$KAFKA_TOOL_BATCH_JAR" ]] && return 0
  local classes; classes="$(mktemp -d)"
  javac -nowarn -cp "$KAFKA_LIB/*" -d "$classes" "$source" \
    && jar cf "$KAFKA_TOOL_BATCH_JAR" -C "$classes" . || { rm -rf "$classes"; die "could not build KafkaToolBatch"; }
  rm -rf "$classes" "$KAFKA_TOOLS_CDS"
}

# Topics and group configs the farm needs, made with Kafka's own TopicCommand and
# ConfigCommand, all in one JVM. Idempotent: --if-not-exists, and configs are set again.
kafka_provision() {
  local bootstrap="127.0.0.1:$(kafka_port)"
  local topic=(org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --if-not-exists --replication-factor 1)
  kafka_tool_batch_classes
  # One partition for jobs: every agent of the share group can then take every job.
  kafka_cli KafkaToolBatch \
    "${topic[@]}" --topic "$SF_JOB_TOPIC" --partitions 1 \
    --next "${topic[@]}" --topic stagefarm.stage-events --partitions 3 \
    --next "${topic[@]}" --topic stagefarm.build-events --partitions 3 \
    --next "${topic[@]}" --topic "$SF_DLQ_TOPIC" --partitions 1 --config errors.deadletterqueue.group.enable=true \
    --next org.apache.kafka.tools.ConfigCommand --bootstrap-server "$bootstrap" --alter \
      --entity-type groups --entity-name "$SF_AGENT_GROUP" \
      --add-config "share.auto.offset.reset=earliest,share.record.lock.duration.ms=30000,share.delivery.count.limit=5,errors.deadletterqueue.topic.name=$SF_DLQ_TOPIC"
}

kafka_stop() { stop_pid "$(pid_of kafka)" 30; }
