package dev.vigie.probe.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP Digest authentication for SIP (RFC 3261 section 22.4, RFC 2617, RFC 8760 for SHA-256):
 * parses a {@code WWW-Authenticate}/{@code Proxy-Authenticate} challenge and computes the matching
 * {@code Authorization}/{@code Proxy-Authorization} value. Supports MD5 and SHA-256, with {@code
 * qop=auth} when offered and the RFC 2069 form without qop otherwise; {@code auth-int} and {@code
 * -sess} variants are refused. Stateless; O(length of the header).
 */
final class Digest {
  private Digest() {}

  /** A parsed challenge; {@code qopAuth} is true when the server offered {@code qop=auth}. */
  record Challenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth) {}

  /**
   * Parses a challenge header value.
   *
   * @return the challenge, or null when it is not a usable Digest challenge
   */
  static Challenge parse(String header) {
    if (header == null) return null;
    String h = header.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Digest ", 0, 7)) return null;
    Map<String, String> p = params(h.substring(7));
    String alg = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (!alg.equals("MD5") && !alg.equals("SHA-256")) return null;
    String qop = p.get("qop");
    boolean auth = false;
    if (qop != null) {
      for (String q : qop.split(",")) auth |= q.strip().equalsIgnoreCase("auth");
      if (!auth) return null; // only auth-int offered
    }
    String realm = p.get("realm");
    String nonce = p.get("nonce");
    if (realm == null || nonce == null) return null;
    return new Challenge(realm, nonce, p.get("opaque"), alg, auth);
  }

  /** Comma-separated {@code name=value} or {@code name="quoted value"} pairs, names lower-cased. */
  static Map<String, String> params(String s) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) i++;
      int eq = s.indexOf('=', i);
      if (eq < 0) break;
      String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && Character.isWhitespace(s.charAt(i))) i++;
      StringBuilder v = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) i++;
          v.append(s.charAt(i++));
        }
        i++;
      } else {
        while (i < n && s.charAt(i) != ',') v.append(s.charAt(i++));
      }
      out.putIfAbsent(name, v.toString().strip());
    }
    return out;
  }

  /** The credentials header value answering {@code c} for one request. */
  static String authorization(
      Challenge c, String user, String password, String method, String uri, String cnonce) {
    String ha1 = hash(c.algorithm(), user + ":" + c.realm() + ":" + password);
    String ha2 = hash(c.algorithm(), method + ":" + uri);
    String nc = "00000001";
    String response =
        c.qopAuth()
            ? hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
            : hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2);
    StringBuilder b = new StringBuilder("Digest username=\"").append(user);
    b.append("\", realm=\"").append(c.realm());
    b.append("\", nonce=\"").append(c.nonce());
    b.append("\", uri=\"").append(uri);
    b.append("\", response=\"").append(response);
    b.append("\", algorithm=").append(c.algorithm());
    if (c.qopAuth()) b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"" + cnonce + "\"");
    if (c.opaque() != null) b.append(", opaque=\"").append(c.opaque()).append('"');
    return b.toString();
  }

  static String hash(String algorithm, String s) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
