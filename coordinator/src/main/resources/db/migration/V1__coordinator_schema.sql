-- Builds, their stage runs (one per stage, attempts counted in place), agents, the replayable
-- event log of each build, and the outbox of messages to publish on Kafka.
CREATE TABLE build (
    id               UUID PRIMARY KEY,
    state            VARCHAR(16)  NOT NULL,
    context_digest   CHAR(64)     NOT NULL,
    dockerfile_path  TEXT         NOT NULL,
    target           TEXT,
    target_index     INT          NOT NULL,
    platform         TEXT         NOT NULL,
    build_args       TEXT         NOT NULL,
    tags             TEXT         NOT NULL,
    outputs          TEXT         NOT NULL,
    labels           TEXT         NOT NULL,
    no_cache         BOOLEAN      NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    failure_code     VARCHAR(40),
    failure_subject  TEXT,
    failure_message  TEXT,
    failure_step     TEXT,
    log_tail         TEXT
);
CREATE INDEX build_state_idx ON build (state, created_at DESC);

CREATE TABLE build_label (
    build_id  UUID NOT NULL REFERENCES build (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (build_id, name)
);
CREATE INDEX build_label_idx ON build_label (name, value);

CREATE TABLE stage_run (
    id                UUID PRIMARY KEY,
    build_id          UUID        NOT NULL REFERENCES build (id) ON DELETE CASCADE,
    stage_index       INT         NOT NULL,
    stage_name        TEXT,
    state             VARCHAR(16) NOT NULL,
    attempt           INT         NOT NULL,
    depends_on        TEXT        NOT NULL,
    cache_key         CHAR(64)    NOT NULL,
    instructions      TEXT        NOT NULL,
    inputs            TEXT        NOT NULL,
    outputs           TEXT        NOT NULL,
    claimed_by        TEXT,
    lease_expires_at  TIMESTAMPTZ,
    queued_at         TIMESTAMPTZ,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    failure_code      VARCHAR(40),
    failure_message   TEXT,
    UNIQUE (build_id, stage_index)
);
CREATE INDEX stage_run_lease_idx ON stage_run (lease_expires_at) WHERE state = 'RUNNING';

CREATE TABLE agent (
    id              TEXT PRIMARY KEY,
    host            TEXT,
    slots           INT         NOT NULL,
    busy_slots      INT         NOT NULL,
    labels          TEXT        NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_heartbeat  TIMESTAMPTZ NOT NULL
);

CREATE TABLE build_event (
    id           BIGSERIAL PRIMARY KEY,
    build_id     UUID        NOT NULL REFERENCES build (id) ON DELETE CASCADE,
    kind         VARCHAR(32) NOT NULL,
    stage_index  INT,
    payload      TEXT        NOT NULL,
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX build_event_build_idx ON build_event (build_id, id);

CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    topic         TEXT        NOT NULL,
    message_key   TEXT        NOT NULL,
    payload       BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
