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

  /** Adds or replaces a token (used to seed {@code VIGIE_API_TOKEN} as an admin token). */
  public void put(String token, String name, Role role, Instant now) {
    String hash = hash(token);
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

  /** The role and name of a token, empty when unknown. */
  public Optional<Principal> find(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    return jdbi.withHandle(h ->
        h.createQuery("SELECT name, role FROM api_token WHERE token_hash = :h")
            .bind("h", hash(token))
            .map((rs, ctx) ->
                new Principal(rs.getString("name"), Role.valueOf(rs.getString("role"))))
            .findOne());
  }

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
