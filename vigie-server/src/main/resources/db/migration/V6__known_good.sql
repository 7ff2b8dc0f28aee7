-- Known-good addresses: successful registrations (digest accepted) per remote address and day,
-- learned from detection. An address with registrations in the last N days is never blocked
-- automatically. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE known_good_address (
  address        VARCHAR(64) NOT NULL,
  seen_day       DATE NOT NULL,
  machine        VARCHAR(200),
  client         VARCHAR(200),
  registrations  BIGINT NOT NULL,
  last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (address, seen_day)
);
CREATE INDEX known_good_day ON known_good_address (seen_day);
