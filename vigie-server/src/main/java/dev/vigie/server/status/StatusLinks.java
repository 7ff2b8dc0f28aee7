package dev.vigie.server.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unguessable per-client status page links: the token is HMAC-SHA256(secret, client id), 128 bits,
 * base64url. The secret is random, created once in the data directory (mode 0600); deleting it
 * revokes every link. Verification recomputes the token, so nothing per client is stored.
 */
public final class StatusLinks {
  private final byte[] secret;

  private StatusLinks(byte[] secret) {
    this.secret = secret;
  }

  public static StatusLinks open(Path dataDir) throws IOException {
    Path f = dataDir.resolve("status-links.secret");
    if (!Files.exists(f)) {
      byte[] s = new byte[32];
      new SecureRandom().nextBytes(s);
      Files.writeString(f, HexFormat.of().formatHex(s), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: leave the default permissions
      }
    }
    return new StatusLinks(HexFormat.of().parseHex(Files.readString(f).strip()));
  }

  public String token(String clientId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal(clientId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }

  /** The client whose token this is, among the candidates, or null (constant-time comparison). */
  public String clientOf(String token, Iterable<String> clients) {
    byte[] t = token.getBytes(StandardCharsets.US_ASCII);
    String found = null;
    for (String c : clients) {
      if (java.security.MessageDigest.isEqual(t, token(c).getBytes(StandardCharsets.US_ASCII)))
        found = c;
    }
    return found;
  }
}
