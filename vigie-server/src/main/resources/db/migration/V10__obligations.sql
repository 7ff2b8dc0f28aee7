-- NIS2 obligations (docs/obligations.md): impact facts, submissions to the authority, reminders
-- fired. Portable between H2 (MODE=PostgreSQL) and PostgreSQL; instants are TIMESTAMP WITH TIME
-- ZONE bound as UTC.

-- The impact facts of an incident (one row, replaced on edit). NULL means not known.
CREATE TABLE incident_impact (
  incident_id          BIGINT PRIMARY KEY REFERENCES incident (id),
  unavailable_from     TIMESTAMP WITH TIME ZONE,
  unavailable_until    TIMESTAMP WITH TIME ZONE,
  degraded_from        TIMESTAMP WITH TIME ZONE,
  degraded_until       TIMESTAMP WITH TIME ZONE,
  users_affected       BIGINT,
  suspected_malicious  BOOLEAN,
  cross_border         BOOLEAN,
  indicators           TEXT NOT NULL
);

-- One submission per incident and kind (EARLY_WARNING, NOTIFICATION, FINAL_REPORT); a new one
-- for the same kind replaces it.
CREATE TABLE incident_submission (
  incident_id   BIGINT NOT NULL REFERENCES incident (id),
  kind          VARCHAR(20) NOT NULL,
  submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  reference     VARCHAR(200),
  author        VARCHAR(10000) NOT NULL,
  recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (incident_id, kind)
);

-- Reminders fired to the NOC: the primary key makes each one fire once, across restarts.
CREATE TABLE obligation_reminder (
  incident_id  BIGINT NOT NULL REFERENCES incident (id),
  reminder     VARCHAR(40) NOT NULL,
  fired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (incident_id, reminder)
);
