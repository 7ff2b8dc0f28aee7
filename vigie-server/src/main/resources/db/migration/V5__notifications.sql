-- Client notifications (docs/notifications.md): the outbox the OutboxWorker sends from. Portable
-- between H2 (MODE=PostgreSQL) and PostgreSQL. Every transition is a guarded UPDATE on
-- (id, state = 'PENDING', attempts = n - 1); see JdbiOutbox.
CREATE TABLE notification (
  id                UUID PRIMARY KEY,
  type              VARCHAR(40)   NOT NULL,
  incident_id       VARCHAR(64),
  incident_number   VARCHAR(32),
  client_id         VARCHAR(128)  NOT NULL,
  client_name       VARCHAR(256)  NOT NULL,
  email             VARCHAR(254)  NOT NULL,
  language          VARCHAR(2)    NOT NULL,
  subject           VARCHAR(998)  NOT NULL,
  text_body         TEXT          NOT NULL,
  html_body         TEXT          NOT NULL,
  created           TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts          INTEGER       NOT NULL,
  next_attempt      TIMESTAMP WITH TIME ZONE NOT NULL,
  state             VARCHAR(20)   NOT NULL,
  sent_at           TIMESTAMP WITH TIME ZONE,
  last_error        VARCHAR(1000),
  dedup_key         VARCHAR(600)  NOT NULL,
  -- set once the SENT notification's timeline entry is written (re-tried at start when not)
  timeline_recorded BOOLEAN       NOT NULL DEFAULT FALSE,
  CONSTRAINT notification_dedup UNIQUE (dedup_key)
);
CREATE INDEX notification_due ON notification (state, next_attempt);
CREATE INDEX notification_incident ON notification (incident_id);

-- Incidents created after the first start of the notification module are watched for notices
-- (opened, resolved); 'baseline' holds the highest incident id that existed then, so enabling
-- notifications never mails clients about old incidents.
CREATE TABLE notification_watch (
  name        VARCHAR(32) PRIMARY KEY,
  incident_id BIGINT      NOT NULL
);
