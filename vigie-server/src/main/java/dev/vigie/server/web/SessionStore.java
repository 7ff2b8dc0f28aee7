package dev.vigie.server.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-in sessions (table {@code console_session}). The browser holds a random 256-bit id; the
 * database only its SHA-256, so a leaked database does not give usable cookies. A session ends
 * after {@code idle} without a request or {@code absolute} after sign-in, whichever is first.
 * {@code last_seen} is written at most once a minute per session (reads stay read-only).
 */
public final class SessionStore {
  private static final Duration TOUCH = Duration.ofMinutes(1);
  private final Jdbi jdbi;
  private final InstantSource clock;
  private final Duration idle;
  private final Duration absolute;

  public SessionStore(Jdbi jdbi, InstantSource clock, Duration idle, Duration absolute) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** A signed-in session: the cookie value (only returned at creation) and its CSRF token. */
  public record Session(String id, String user, String csrf) {}

  /** Opens a session for a user who just signed in; returns the cookie value. */
  public Session open(String user) {
    String id = Tokens.random(32);
    String csrf = Tokens.random(32);
    Timestamp now = Timestamp.from(clock.instant());
    jdbi.useHandle(h ->
        h.execute(
            "INSERT INTO console_session (id_hash, user_name, csrf, created_at, last_seen)"
                + " VALUES (?, ?, ?, ?, ?)",
            Tokens.sha256(id),
            user,
            csrf,
            now,
            now));
    return new Session(id, user, csrf);
  }

  /** The live session of a cookie value; an expired one is deleted and not returned. */
  public Optional<Session> find(String id) {
    if (id == null || id.length() != 43) return Optional.empty();
    String hash = Tokens.sha256(id);
    Instant now = clock.instant();
    return jdbi.withHandle(h -> {
      var row =
          h.createQuery(
                  "SELECT user_name, csrf, created_at, last_seen FROM console_session"
                      + " WHERE id_hash = :h")
              .bind("h", hash)
              .map((rs, ctx) ->
                  new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4).toInstant()
                  })
              .findOne();
      if (row.isEmpty()) return Optional.<Session>empty();
      Object[] r = row.get();
      Instant created = (Instant) r[2];
      Instant seen = (Instant) r[3];
      if (!now.isBefore(seen.plus(idle)) || !now.isBefore(created.plus(absolute))) {
        h.execute("DELETE FROM console_session WHERE id_hash = ?", hash);
        return Optional.<Session>empty();
      }
      if (!now.isBefore(seen.plus(TOUCH))) {
        h.execute(
            "UPDATE console_session SET last_seen = ? WHERE id_hash = ?",
            Timestamp.from(now),
            hash);
      }
      return Optional.of(new Session(id, (String) r[0], (String) r[1]));
    });
  }

  public void close(String id) {
    if (id != null) {
      jdbi.useHandle(
          h -> h.execute("DELETE FROM console_session WHERE id_hash = ?", Tokens.sha256(id)));
    }
  }

  /** Ends every session of a user (password or role change, deletion). */
  public void closeAll(String user) {
    jdbi.useHandle(h -> h.execute("DELETE FROM console_session WHERE user_name = ?", user));
  }

  public Duration idle() {
    return idle;
  }
}
