-- The coordinator allocates outbox and build-event ids 50 at a time (Hibernate's pooled
-- optimizer), so that the rows one transaction adds are inserted in JDBC batches instead of one
-- round trip each. Ids stay increasing in allocation order, which the outbox publishes by.
ALTER SEQUENCE outbox_id_seq INCREMENT BY 50;
ALTER SEQUENCE build_event_id_seq INCREMENT BY 50;
