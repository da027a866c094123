package dev.stagefarm.coordinator.config;

import dev.stagefarm.protocol.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the coordinator, under {@code stagefarm.*}. Datasource, Kafka bootstrap and
 * HTTP port are Quarkus' own keys ({@code quarkus.datasource.*}, {@code kafka.bootstrap.servers},
 * {@code quarkus.http.port}).
 */
@ConfigMapping(prefix = "stagefarm")
public interface CoordinatorConfig {

    Topic topics();

    Lease lease();

    Dispatch dispatch();

    Events events();

    Storage storage();

    S3 s3();

    /** The S3-compatible object store. */
    interface S3 {
        /** For example {@code http://127.0.0.1:9000}. */
        String endpoint();

        @WithDefault("stagefarm")
        String bucket();

        @WithDefault("us-east-1")
        String region();

        String accessKey();

        String secretKey();
    }

    /** Kafka topic names; defaults are the farm-wide names of {@link Topics}. */
    interface Topic {
        @WithDefault(Topics.STAGE_JOBS)
        String stageJobs();

        @WithDefault(Topics.STAGE_EVENTS)
        String stageEvents();

        @WithDefault(Topics.BUILD_EVENTS)
        String buildEvents();

        @WithDefault(Topics.CONTROL)
        String control();

        /** Consumer group of the coordinator on the stage-event topic. */
        @WithDefault("stagefarm-coordinator")
        String eventsGroup();

        /** Create missing topics at start (1 partition for jobs, as the share-group notes advise). */
        @WithDefault("true")
        boolean create();
    }

    /** Lease terms: an attempt without heartbeat for {@code heartbeat × missed} is given to another. */
    interface Lease {
        /** How often agents heartbeat. */
        @WithDefault("10s")
        Duration heartbeat();

        /** How many heartbeats may be missed before the lease expires. */
        @WithDefault("3")
        int missed();

        /** Attempts per stage before the build fails with ATTEMPTS_EXHAUSTED. */
        @WithDefault("3")
        int maxAttempts();

        /** How often the lease monitor looks for expired leases. */
        @WithDefault("1s")
        Duration checkEvery();

        /** Longest an attempt may run in all. */
        @WithDefault("2h")
        Duration maxRun();

        default Duration timeout() {
            return heartbeat().multipliedBy(missed());
        }
    }

    /** The outbox publisher. */
    interface Dispatch {
        /** Fallback poll of the outbox when no commit woke the publisher. */
        @WithDefault("500ms")
        Duration pollEvery();

        /** Messages read and sent per round. */
        @WithDefault("500")
        int batch();

        /** Batches sent and not yet acknowledged before the publisher waits for the oldest. */
        @WithDefault("4")
        int inFlight();
    }

    /** The event loop that applies the agents' stage events. */
    interface Events {
        /**
         * Events applied per transaction, at most: a poll's events go in transactions of this many, so
         * the jobs the first of them queue are committed, and sent, while the rest are applied.
         */
        @WithDefault("50")
        int perTransaction();
    }

    /** Object storage and uploads. */
    interface Storage {
        /** Where context uploads are spooled while their digest is checked. */
        Optional<String> spoolDir();

        /** Largest Dockerfile read from a context. */
        @WithDefault("1048576")
        int maxDockerfileBytes();
    }
}
