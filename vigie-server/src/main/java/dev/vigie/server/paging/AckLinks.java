package dev.vigie.server.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed acknowledgement links: {@code base64url(page.delivery.expiry.nonce) "."
 * base64url(HMAC-SHA256(key, payload))}. A link names its page, the delivery that carried it, when
 * it expires and a random nonce (the single-use mark: once used, the nonce is stored and the link
 * refused). The signature is compared in constant time. Thread-safe.
 */
final class AckLinks {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder D64 = Base64.getUrlDecoder();
  private final byte[] key;
  private final SecureRandom random = new SecureRandom();

  /** What a valid link says. */
  record Claims(long pageId, long deliveryId, Instant expires, String nonce) {}

  AckLinks(byte[] key) {
    this.key = key.clone();
  }

  String sign(long pageId, long deliveryId, Instant expires) {
    byte[] n = new byte[16];
    random.nextBytes(n);
    String payload =
        pageId + "." + deliveryId + "." + expires.getEpochSecond() + "." + B64.encodeToString(n);
    String p = B64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII));
    return p + "." + B64.encodeToString(mac(p));
  }

  /** The claims of a well-signed link (expired or not), or null for anything else. */
  Claims verify(String token) {
    if (token == null || token.length() > 300) return null;
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) return null;
    String p = token.substring(0, dot);
    byte[] sig;
    try {
      sig = D64.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!MessageDigest.isEqual(sig, mac(p))) return null;
    try {
      String[] f = new String(D64.decode(p), StandardCharsets.US_ASCII).split("\\.");
      if (f.length != 4) return null;
      return new Claims(
          Long.parseLong(f[0]),
          Long.parseLong(f[1]),
          Instant.ofEpochSecond(Long.parseLong(f[2])),
          f[3]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
