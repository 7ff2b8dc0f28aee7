-- What detection learnt of each machine's usual traffic (hour-of-week baselines: outbound requests,
-- calls, messages per minute, NER, call setup delay), saved every few minutes and when the process
-- stops, restored at the next start: a restart of Vigie does not send the baselines back to a day
-- of warm-up. One row per machine; a row is only replaced by a state that learnt at least as much.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE machine_baseline (
  machine_id    VARCHAR(200) PRIMARY KEY,
  observations  BIGINT NOT NULL,
  state         BYTEA NOT NULL,
  saved_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
