-- Containment: the isolation ledger (one row per isolation id, replaced on every change of state)
-- and two columns on the audit trail linking a decision to its isolation and alert.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE isolation (
  id          VARCHAR(64) PRIMARY KEY,
  state       VARCHAR(24) NOT NULL,
  kind        VARCHAR(24) NOT NULL,
  target      VARCHAR(1000) NOT NULL,
  created     TIMESTAMP WITH TIME ZONE NOT NULL,
  activated   TIMESTAMP WITH TIME ZONE,
  expires     TIMESTAMP WITH TIME ZONE,
  body        TEXT NOT NULL
);
CREATE INDEX isolation_state ON isolation (state, created);
CREATE INDEX isolation_activated ON isolation (activated);

ALTER TABLE audit ADD COLUMN isolation_id VARCHAR(64);
ALTER TABLE audit ADD COLUMN alert_id VARCHAR(200);
CREATE INDEX audit_isolation ON audit (isolation_id);
