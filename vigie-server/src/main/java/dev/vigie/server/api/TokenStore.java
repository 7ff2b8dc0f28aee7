package dev.vigie.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * API bearer tokens, stored as SHA-256 hashes (a token is a random secret, so a fast hash is the
 * right tool: no salt or stretching needed). Lookups hit the database; tokens are few.
 */
public final class TokenStore {
  private final Jdbi jdbi;

  public TokenStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The shortest token accepted: a guessable token would open the whole API. */
  public static final int MIN_LENGTH = 20;

  /** The name of the token {@code VIGIE_API_TOKEN} seeds. */
  public static final String ENV_NAME = "VIGIE_API_TOKEN";

  /**
   * Refuses a token shorter than {@value #MIN_LENGTH} characters (or with blanks around it).
   *
   * @param what where the token comes from, named in the message (e.g. {@code VIGIE_API_TOKEN})
   * @throws IllegalArgumentException naming {@code what} and the rule, never the token itself
   */
  public static String requireStrong(String token, String what) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(what + ": a token is required");
    }
    if (!token.equals(token.strip())) {
      throw new IllegalArgumentException(what + ": the token has blanks around it");
    }
    if (token.codePointCount(0, token.length()) < MIN_LENGTH) {
      throw new IllegalArgumentException(
          what
              + ": tokens need at least "
              + MIN_LENGTH
              + " characters (this one has "
              + token.codePointCount(0, token.length())
              + "); generate one with: openssl rand -hex 24");
    }
    return token;
  }

  /**
   * Adds or replaces a token. Every way a token enters Vigie goes through here, so the length rule
   * holds for all of them.
   *
   * @throws IllegalArgumentException when the token is shorter than {@value #MIN_LENGTH}
   */
  public void put(String token, String name, Role role, Instant now) {
    requireStrong(token, "API token '" + name + "'");
    String hash = hash(token);
    known.clear();
    jdbi.useTransaction(h -> {
      h.execute("DELETE FROM api_token WHERE token_hash = ?", hash);
      h.execute(
          "INSERT INTO api_token (token_hash, name, role, created_at) VALUES (?, ?, ?, ?)",
          hash,
          name,
          role.name(),
          java.sql.Timestamp.from(now));
    });
  }

  /**
   * Seeds the {@code VIGIE_API_TOKEN} admin token, revoking the token an earlier start seeded (in
   * the same transaction): rotating the variable and restarting leaves only the new one valid.
   *
   * @return how many previous environment tokens were revoked
   * @throws IllegalArgumentException when the token is shorter than {@value #MIN_LENGTH}
   */
  public int replaceEnvToken(String token, Instant now) {
    requireStrong(token, ENV_NAME);
    String hash = hash(token);
    known.clear();
    return jdbi.inTransaction(h -> {
      int revoked =
          h.execute("DELETE FROM api_token WHERE name = ? AND token_hash <> ?", ENV_NAME, hash);
      h.execute("DELETE FROM api_token WHERE token_hash = ?", hash);
      h.execute(
          "INSERT INTO api_token (token_hash, name, role, created_at) VALUES (?, ?, ?, ?)",
          hash,
          ENV_NAME,
          Role.ADMIN.name(),
          java.sql.Timestamp.from(now));
      return revoked;
    });
  }

  /**
   * The role and name of a token, empty when unknown. A token found is remembered for a minute, so
   * that {@code /metrics} and the API do not ask the database on every request; when the database
   * cannot be reached, a token found before keeps working (a scrape never waits for the database).
   * Tokens are only revoked through this store, which forgets what it remembered.
   */
  public Optional<Principal> find(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    String hash = hash(token);
    Known k = known.get(hash);
    long now = System.nanoTime();
    if (k != null && now - k.atNanos < REMEMBER_NANOS) return Optional.of(k.principal);
    Optional<Principal> found;
    try {
      found =
          jdbi.withHandle(h ->
              h.createQuery("SELECT name, role FROM api_token WHERE token_hash = :h")
                  .bind("h", hash)
                  .map((rs, ctx) ->
                      new Principal(rs.getString("name"), Role.valueOf(rs.getString("role"))))
                  .findOne());
    } catch (RuntimeException e) {
      if (k != null) return Optional.of(k.principal); // the database is away: what it said before
      throw e;
    }
    if (found.isPresent()) {
      if (known.size() >= MAX_KNOWN) known.clear();
      known.put(hash, new Known(found.get(), now));
    } else {
      known.remove(hash);
    }
    return found;
  }

  private static final long REMEMBER_NANOS = 60_000_000_000L;
  private static final int MAX_KNOWN = 1024;
  private final java.util.Map<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

  private record Known(Principal principal, long atNanos) {}

  /** An authenticated caller. */
  public record Principal(String name, Role role) {}

  static String hash(String token) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
