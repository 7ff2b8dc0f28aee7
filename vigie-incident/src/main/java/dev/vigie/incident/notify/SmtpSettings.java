package dev.vigie.incident.notify;

import java.time.Duration;
import java.util.Locale;

/**
 * How to reach the SMTP relay. Immutable and validated; errors name the configuration key ({@code
 * notifications.smtp.*}) and the bad value. Build with {@link #builder(String)}; defaults are
 * listed in {@code docs/notifications.md}.
 *
 * @param host relay host, default {@code localhost}
 * @param port relay port, default 25 (587 is usual with STARTTLS, 465 with {@link Security#TLS})
 * @param security transport security, default {@link Security#STARTTLS} (upgrade when offered)
 * @param username SMTP AUTH user, {@code null} for no authentication
 * @param password SMTP AUTH password, required with a username
 * @param fromAddress the sender address (also the envelope sender)
 * @param fromName the sender's display name, {@code null} for none
 * @param replyTo where replies go, {@code null} for the sender address
 * @param connectTimeout default 10 s
 * @param readTimeout default 30 s (each server reply)
 * @param writeTimeout default 30 s (each write)
 * @param messageIdDomain the right-hand side of Message-IDs, default the sender's domain
 * @param heloName the name announced in EHLO, {@code null} for the JVM's host name
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    String username,
    String password,
    String fromAddress,
    String fromName,
    String replyTo,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    String messageIdDomain,
    String heloName) {

  private static final String KEY = "notifications.smtp.";

  /** Transport security. */
  public enum Security {
    /** Plain SMTP (a relay on localhost or a trusted network). */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise. */
    STARTTLS,
    /** STARTTLS or fail: never send in clear. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS
  }

  public SmtpSettings {
    host = Text.singleLine(host, KEY + "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(KEY + "port: must be in 1..65535, got " + port);
    }
    Text.notNull(security, KEY + "security");
    username = Text.optionalLine(username, KEY + "username");
    if (username != null && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException(
          KEY + "password: required when username is set (username '" + username + "')");
    }
    fromAddress = EmailAddresses.requireSingle(fromAddress, KEY + "from");
    fromName = Text.optionalLine(fromName, KEY + "fromName");
    replyTo =
        replyTo == null || replyTo.isBlank()
            ? null
            : EmailAddresses.requireSingle(replyTo, KEY + "replyTo");
    connectTimeout = positive(connectTimeout, "connectTimeout");
    readTimeout = positive(readTimeout, "readTimeout");
    writeTimeout = positive(writeTimeout, "writeTimeout");
    messageIdDomain =
        messageIdDomain == null || messageIdDomain.isBlank()
            ? fromAddress.substring(fromAddress.indexOf('@') + 1).toLowerCase(Locale.ROOT)
            : Text.singleLine(messageIdDomain, KEY + "messageIdDomain");
    heloName = Text.optionalLine(heloName, KEY + "heloName");
  }

  /** The password is never printed. */
  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", from="
        + fromAddress
        + ", fromName="
        + fromName
        + ", replyTo="
        + replyTo
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", writeTimeout="
        + writeTimeout
        + ", messageIdDomain="
        + messageIdDomain
        + ", heloName="
        + heloName
        + "]";
  }

  /** A builder with every default, for the sender {@code fromAddress}. */
  public static Builder builder(String fromAddress) {
    return new Builder(fromAddress);
  }

  private static Duration positive(Duration value, String key) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(KEY + key + ": must be a positive duration, got " + value);
    }
    return value;
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String host = "localhost";
    private int port = 25;
    private Security security = Security.STARTTLS;
    private String username;
    private String password;
    private final String fromAddress;
    private String fromName;
    private String replyTo;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private String messageIdDomain;
    private String heloName;

    private Builder(String fromAddress) {
      this.fromAddress = fromAddress;
    }

    public Builder server(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    public Builder security(Security security) {
      this.security = security;
      return this;
    }

    public Builder auth(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    public Builder fromName(String fromName) {
      this.fromName = fromName;
      return this;
    }

    public Builder replyTo(String replyTo) {
      this.replyTo = replyTo;
      return this;
    }

    public Builder timeouts(Duration connect, Duration read, Duration write) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      this.writeTimeout = write;
      return this;
    }

    public Builder messageIdDomain(String domain) {
      this.messageIdDomain = domain;
      return this;
    }

    public Builder heloName(String heloName) {
      this.heloName = heloName;
      return this;
    }

    public SmtpSettings build() {
      return new SmtpSettings(
          host,
          port,
          security,
          username,
          password,
          fromAddress,
          fromName,
          replyTo,
          connectTimeout,
          readTimeout,
          writeTimeout,
          messageIdDomain,
          heloName);
    }
  }
}
