package dev.vigie.server.pressure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Vigie signs in to the provider's Prometheus (issue 12): HTTP basic auth ({@code
 * prometheus.username} + {@code prometheus.passwordFile}) or a bearer token ({@code
 * prometheus.bearerTokenFile}), and for {@code https} URLs the CA that signed the server's
 * certificate ({@code prometheus.caFile}, PEM; the JDK's trusted CAs when absent). Secrets are read
 * from files only (never inline in the YAML), once, when the configuration is read; they appear in
 * no message, log line or {@link #toString()}.
 */
public final class PrometheusAuth {
  /** No credentials, the JDK's trusted CAs. */
  public static final PrometheusAuth NONE = new PrometheusAuth(null, null, null, null, null);

  private static final int MAX_SECRET = 64 * 1024;
  private static final int MAX_CA = 1 << 20;

  private final String username;
  private final String authorization; // the whole header value, or null
  private final boolean bearer;
  private final Path caFile;
  private final SSLContext ssl;

  private PrometheusAuth(
      String username, String authorization, Boolean bearer, Path caFile, SSLContext ssl) {
    this.username = username;
    this.authorization = authorization;
    this.bearer = Boolean.TRUE.equals(bearer);
    this.caFile = caFile;
    this.ssl = ssl;
  }

  /**
   * Reads and checks the {@code prometheus} section's credentials; every problem is added to {@code
   * problems}, naming the key (never the secret).
   *
   * @param url the checked {@code prometheus.url}, null when absent or wrong
   * @param urlSet whether {@code prometheus.url} is set at all (wrong or not)
   */
  static PrometheusAuth read(
      String username,
      String passwordFile,
      String bearerTokenFile,
      String caFile,
      URI url,
      boolean urlSet,
      List<String> problems) {
    int before = problems.size();
    boolean basic = username != null || passwordFile != null;
    if (!urlSet && (basic || bearerTokenFile != null || caFile != null)) {
      String key =
          username != null
              ? "username"
              : passwordFile != null
                  ? "passwordFile"
                  : bearerTokenFile != null ? "bearerTokenFile" : "caFile";
      problems.add("prometheus." + key + ": set, but prometheus.url is not");
      return NONE;
    }
    if (basic && bearerTokenFile != null) {
      problems.add(
          "prometheus.bearerTokenFile: cannot be used with prometheus.username/passwordFile"
              + " (basic auth); keep one of the two");
    }
    if (username != null && passwordFile == null) {
      problems.add("prometheus.passwordFile: required with prometheus.username");
    }
    if (passwordFile != null && username == null) {
      problems.add("prometheus.username: required with prometheus.passwordFile");
    }
    if (username != null && (username.isBlank() || username.indexOf(':') >= 0)) {
      problems.add("prometheus.username: '" + username + "' is blank or holds ':'");
    }
    if (username != null && username.chars().anyMatch(Character::isISOControl)) {
      problems.add("prometheus.username: holds a control character");
    }
    String password = passwordFile == null ? null : secret("passwordFile", passwordFile, problems);
    String token =
        bearerTokenFile == null ? null : secret("bearerTokenFile", bearerTokenFile, problems);
    if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      problems.add(
          "prometheus.bearerTokenFile: '"
              + bearerTokenFile
              + "' holds more than one token (spaces, line breaks or non-ASCII characters)");
    }
    SSLContext ssl = null;
    Path ca = null;
    if (caFile != null) {
      ca = Path.of(caFile);
      if (url != null && !"https".equals(url.getScheme())) {
        problems.add(
            "prometheus.caFile: set, but prometheus.url '" + url + "' is not https (https://…)");
      } else {
        ssl = trusting(caFile, problems);
      }
    }
    if (problems.size() > before) return NONE;
    String header = null;
    if (token != null) header = "Bearer " + token;
    else if (password != null)
      header =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new PrometheusAuth(username, header, token != null, ca, ssl);
  }

  /** The file's content without its final line break; null (and a problem) when unusable. */
  private static String secret(String key, String file, List<String> problems) {
    byte[] b = readFile(key, file, MAX_SECRET, problems);
    if (b == null) return null;
    String s = new String(b, StandardCharsets.UTF_8);
    while (s.endsWith("\n") || s.endsWith("\r")) s = s.substring(0, s.length() - 1);
    if (s.isEmpty()) {
      problems.add("prometheus." + key + ": '" + file + "' is empty");
      return null;
    }
    return s;
  }

  private static byte[] readFile(String key, String file, int max, List<String> problems) {
    String at = "prometheus." + key + ": '" + file + "' ";
    if (file.isBlank()) {
      problems.add("prometheus." + key + ": is blank (a file path is expected)");
      return null;
    }
    Path p = Path.of(file);
    if (Files.isDirectory(p)) {
      problems.add(at + "is a directory, not a file");
      return null;
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        problems.add(at + "is larger than " + (max / 1024) + " KiB");
        return null;
      }
      return b;
    } catch (NoSuchFileException e) {
      problems.add(at + "does not exist");
    } catch (AccessDeniedException e) {
      problems.add(at + "cannot be read (permission denied)");
    } catch (IOException e) {
      problems.add(at + "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return null;
  }

  private static SSLContext trusting(String file, List<String> problems) {
    byte[] pem = readFile("caFile", file, MAX_CA, problems);
    if (pem == null) return null;
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem));
      if (certs.isEmpty()) throw new GeneralSecurityException("no certificate");
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) ks.setCertificateEntry("ca" + i++, c);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      problems.add(
          "prometheus.caFile: '"
              + file
              + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      return null;
    }
  }

  /** An HTTP client bounded by {@code timeout}, trusting {@code caFile} when set. */
  HttpClient client(java.time.Duration timeout) {
    HttpClient.Builder b =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) b.sslContext(ssl);
    return b.build();
  }

  /** Adds the {@code Authorization} header when credentials are configured. */
  HttpRequest.Builder sign(HttpRequest.Builder b) {
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  /** Whether credentials are sent. */
  public boolean signsIn() {
    return authorization != null;
  }

  /**
   * The keys that hold the credentials, for messages: "prometheus.username/passwordFile",
   * "prometheus.bearerTokenFile", or null.
   */
  public String keys() {
    if (authorization == null) return null;
    return bearer ? "prometheus.bearerTokenFile" : "prometheus.username/passwordFile";
  }

  /** For logs: the method and the user, never a secret. */
  @Override
  public String toString() {
    String who =
        authorization == null
            ? "no credentials"
            : bearer ? "bearer token" : "basic auth as " + username;
    return caFile == null ? who : who + ", CA " + caFile;
  }
}
