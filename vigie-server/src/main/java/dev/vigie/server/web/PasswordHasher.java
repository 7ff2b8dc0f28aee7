package dev.vigie.server.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK (no extra library): a random 128-bit salt
 * per password, a 256-bit derived key and {@value #ITERATIONS} iterations (OWASP's 2023
 * recommendation for this PRF). The encoded form {@code pbkdf2-sha256$N$SALT$HASH} carries its own
 * iteration count, so raising the default later still verifies old hashes.
 *
 * <p>Cost: one hash or verification takes a few hundred milliseconds of one core on purpose; the
 * sign-in rate limit keeps that from becoming a denial of service. Thread-safe.
 */
public final class PasswordHasher {
  public static final int ITERATIONS = 600_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final int iterations;

  public PasswordHasher() {
    this(ITERATIONS);
  }

  /** With another iteration count (never below 600 000 outside tests of the format itself). */
  public PasswordHasher(int iterations) {
    if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  /** True when the password matches; false for a wrong password or a malformed stored value. */
  public boolean verify(String password, String encoded) {
    if (password == null || encoded == null) return false;
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) return false;
    try {
      int n = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, n));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The iteration count an encoded hash was made with, or 0 when it is not ours. */
  public static int iterationsOf(String encoded) {
    String[] parts = encoded.split("\\$");
    try {
      return parts.length == 4 && parts[0].equals(PREFIX) ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
