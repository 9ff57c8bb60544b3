-- Orca's journal on PostgreSQL: the tables pekko-persistence-jdbc 1.1.1 reads and writes (the
-- columns of its schema/postgres/postgres-create-schema.sql), created only where missing, plus a
-- trigger that NOTIFYs the journal tails of every Orca JVM when a write commits.
-- dev.orca.db.JournalSchema runs it statement by statement (split at ';' outside $$ … $$).

CREATE TABLE IF NOT EXISTS event_journal (
  ordering         BIGSERIAL,
  persistence_id   VARCHAR(255) NOT NULL,
  sequence_number  BIGINT NOT NULL,
  deleted          BOOLEAN DEFAULT FALSE NOT NULL,
  writer           VARCHAR(255) NOT NULL,
  write_timestamp  BIGINT,
  adapter_manifest VARCHAR(255),
  event_ser_id       INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload      BYTEA NOT NULL,
  meta_ser_id       INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload      BYTEA,
  PRIMARY KEY (persistence_id, sequence_number)
);

-- the journal tail reads `WHERE ordering > ? ORDER BY ordering`
CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON event_journal (ordering);

CREATE TABLE IF NOT EXISTS event_tag (
  event_id BIGINT,
  tag      VARCHAR(256),
  PRIMARY KEY (event_id, tag),
  CONSTRAINT fk_event_journal FOREIGN KEY (event_id) REFERENCES event_journal (ordering) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS snapshot (
  persistence_id  VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created         BIGINT NOT NULL,
  snapshot_ser_id       INTEGER NOT NULL,
  snapshot_ser_manifest VARCHAR(255) NOT NULL,
  snapshot_payload      BYTEA NOT NULL,
  meta_ser_id       INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload      BYTEA,
  PRIMARY KEY (persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS durable_state (
  global_offset         BIGSERIAL,
  persistence_id        VARCHAR(255) NOT NULL,
  revision              BIGINT NOT NULL,
  state_payload         BYTEA NOT NULL,
  state_serial_id       INTEGER NOT NULL,
  state_serial_manifest VARCHAR(255),
  tag                   VARCHAR,
  state_timestamp       BIGINT NOT NULL,
  PRIMARY KEY (persistence_id)
);
CREATE INDEX IF NOT EXISTS state_tag_idx ON durable_state (tag);
CREATE INDEX IF NOT EXISTS state_global_offset_idx ON durable_state (global_offset);

-- NOTIFY is delivered when the inserting transaction commits, and identical notifications in one
-- transaction are sent once: one wake-up per journal batch for every listening tail.
CREATE OR REPLACE FUNCTION orca_journal_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('orca_journal', '');
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER orca_journal_notify AFTER INSERT ON event_journal
  FOR EACH STATEMENT EXECUTE FUNCTION orca_journal_notify();

-- Fencing (dev.orca.fencing, docs/ARCHITECTURE.md "No stale writer"). Every Orca JVM that writes
-- registers here as a writer and renews a short lease; its journal connections carry the writer's
-- name as application_name. A writer the cluster has lost (downed, removed, or silent past its
-- lease) is fenced: from then on every write its connections attempt is refused by the trigger
-- below, and the transactions it had in flight are ended before its shards move.
CREATE TABLE IF NOT EXISTS orca_writer (
  id            SERIAL PRIMARY KEY,
  name          VARCHAR(63) NOT NULL UNIQUE,
  member        VARCHAR(255) NOT NULL,
  address       VARCHAR(255) NOT NULL,
  uid           BIGINT NOT NULL,
  registered_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  expires_at    TIMESTAMPTZ NOT NULL,
  fenced_at     TIMESTAMPTZ,
  flushed_at    TIMESTAMPTZ,
  reason        VARCHAR(255)
);

-- which writer made each event (the trigger fills it in): a fenced writer's count never grows
ALTER TABLE event_journal ADD COLUMN IF NOT EXISTS orca_writer INTEGER;

-- A write from a connection named 'orca-writer-…' takes its writer's advisory lock in shared mode
-- (the fencer takes it exclusively to wait out transactions already past this check), then must
-- find its writer registered and not fenced. Other connections (tools, psql) are not checked.
CREATE OR REPLACE FUNCTION orca_fence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  app text := current_setting('application_name');
  checked text;
  w orca_writer%ROWTYPE;
BEGIN
  IF app LIKE 'orca-writer-%' THEN
    -- once per transaction: the lock is held to its end, and a fence commits only after it
    checked := current_setting('orca.writer_id', true);
    IF checked IS NULL OR checked = '' THEN
      PERFORM pg_advisory_xact_lock_shared(1869767521, hashtext(app));
      SELECT * INTO w FROM orca_writer WHERE name = app;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'orca: % is not a registered writer', app;
      END IF;
      IF w.fenced_at IS NOT NULL THEN
        RAISE EXCEPTION 'orca: writer % of member % was fenced at % (%): its writes are refused',
          app, w.member, w.fenced_at, coalesce(w.reason, 'no reason');
      END IF;
      checked := w.id::text;
      PERFORM set_config('orca.writer_id', checked, true);
    END IF;
    IF TG_TABLE_NAME = 'event_journal' AND TG_OP = 'INSERT' THEN
      NEW.orca_writer := checked::integer;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER orca_fence BEFORE INSERT OR UPDATE OR DELETE ON event_journal
  FOR EACH ROW EXECUTE FUNCTION orca_fence();
CREATE OR REPLACE TRIGGER orca_fence BEFORE INSERT OR UPDATE OR DELETE ON snapshot
  FOR EACH ROW EXECUTE FUNCTION orca_fence();
CREATE OR REPLACE TRIGGER orca_fence BEFORE INSERT OR UPDATE OR DELETE ON durable_state
  FOR EACH ROW EXECUTE FUNCTION orca_fence();
