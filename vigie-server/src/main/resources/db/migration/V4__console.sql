-- Console users and sign-in sessions. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- Users: password_hash is "pbkdf2-sha256$ITERATIONS$SALT$HASH" (base64), role viewer|operator|admin,
-- language fr|en (the interface language of that user).
CREATE TABLE console_user (
  name           VARCHAR(64) PRIMARY KEY,
  password_hash  VARCHAR(200) NOT NULL,
  role           VARCHAR(16) NOT NULL,
  language       VARCHAR(2) NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Sessions: the cookie carries a random 256-bit id; only its SHA-256 is stored. csrf is the
-- session's anti-forgery token (sent back in every form and htmx request).
CREATE TABLE console_session (
  id_hash     VARCHAR(64) PRIMARY KEY,
  user_name   VARCHAR(64) NOT NULL REFERENCES console_user (name) ON DELETE CASCADE,
  csrf        VARCHAR(64) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_user ON console_session (user_name);
