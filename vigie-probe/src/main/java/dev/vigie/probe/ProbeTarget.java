package dev.vigie.probe;

import dev.vigie.wire.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One thing to probe: a trunk or a client proxy of the catalogue, over UDP or TCP, with OPTIONS or
 * an authenticated REGISTER. Validated at construction: every problem is reported at once by a
 * {@link ProbeConfigException} whose lines name the key and the bad value. Use {@link
 * #builder(String, String)} for the defaults documented in {@code docs/probes.md}.
 *
 * @param id unique name of the probe (letters, digits, {@code . _ -})
 * @param componentId the catalogue component this probe speaks for (several probes may share one)
 * @param acceptedCodes final codes that mean "up"; 503 is always read as maintenance first
 * @param downAfter consecutive failures before the target is declared down (N)
 * @param upAfter consecutive successes before it is declared up again (M)
 */
public record ProbeTarget(
    String id,
    String componentId,
    String host,
    int port,
    Transport transport,
    ProbeKind kind,
    Credentials credentials,
    Duration interval,
    Duration timeout,
    StatusCodes acceptedCodes,
    int downAfter,
    int upAfter) {

  public static final int DEFAULT_PORT = 5060;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
  public static final int DEFAULT_DOWN_AFTER = 3;
  public static final int DEFAULT_UP_AFTER = 2;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:_-]{1,253}|\\[[0-9A-Fa-f:.]+]");
  private static final Pattern TOKEN = Pattern.compile("[^\\s\"\\\\<>@:;]{1,128}");

  public ProbeTarget {
    List<String> p = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      p.add("id: '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (componentId == null || componentId.isBlank()) componentId = id;
    if (host == null || !HOST.matcher(host).matches()) {
      p.add("host: '" + host + "' is not a host name or IP address");
    }
    if (port < 1 || port > 65535) p.add("port: " + port + " is not a port (1-65535)");
    if (transport != Transport.UDP && transport != Transport.TCP) {
      p.add("transport: '" + transport + "' is not supported (UDP or TCP)");
    }
    if (kind == null) p.add("kind: missing (OPTIONS or REGISTER)");
    credentials(kind, credentials, p);
    if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
      p.add("interval: '" + interval + "' must be at least 1s");
    }
    if (timeout == null || timeout.compareTo(Duration.ofMillis(100)) < 0) {
      p.add("timeout: '" + timeout + "' must be at least 100ms");
    } else if (interval != null && timeout.compareTo(interval) > 0) {
      p.add("timeout: '" + timeout + "' is longer than interval '" + interval + "'");
    }
    if (acceptedCodes == null) {
      acceptedCodes =
          kind == ProbeKind.REGISTER ? StatusCodes.REGISTER_DEFAULT : StatusCodes.OPTIONS_DEFAULT;
    }
    if (downAfter < 1 || downAfter > 100) p.add("downAfter: " + downAfter + " is not in 1-100");
    if (upAfter < 1 || upAfter > 100) p.add("upAfter: " + upAfter + " is not in 1-100");
    if (!p.isEmpty()) throw new ProbeConfigException(String.valueOf(id), p);
  }

  private static void credentials(ProbeKind kind, Credentials c, List<String> p) {
    if (c == null) {
      if (kind == ProbeKind.REGISTER) p.add("credentials: required by a REGISTER probe");
      return;
    }
    if (kind == ProbeKind.OPTIONS) p.add("credentials: only used by REGISTER probes");
    if (c.user() == null || !TOKEN.matcher(c.user()).matches()) {
      p.add("credentials.user: '" + c.user() + "' is not a SIP user name");
    }
    if (c.password() == null || c.password().isEmpty()) p.add("credentials.password: missing");
    if (c.domain() != null && !HOST.matcher(c.domain()).matches()) {
      p.add("credentials.domain: '" + c.domain() + "' is not a domain");
    }
  }

  /** The domain of REGISTER requests: the credentials' domain, else the host. */
  public String registerDomain() {
    return credentials != null && credentials.domain() != null ? credentials.domain() : host;
  }

  /** {@code host:port/transport}, for logs and checklists. */
  public String address() {
    return host + ":" + port + "/" + transport;
  }

  /** A builder with the defaults: port 5060, UDP, OPTIONS, 30 s, 4 s, N=3, M=2. */
  public static Builder builder(String id, String host) {
    return new Builder(id, host);
  }

  /** Mutable builder; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String host;
    private String componentId;
    private int port = DEFAULT_PORT;
    private Transport transport = Transport.UDP;
    private ProbeKind kind = ProbeKind.OPTIONS;
    private Credentials credentials;
    private Duration interval = DEFAULT_INTERVAL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private StatusCodes acceptedCodes;
    private int downAfter = DEFAULT_DOWN_AFTER;
    private int upAfter = DEFAULT_UP_AFTER;

    private Builder(String id, String host) {
      this.id = id;
      this.host = host;
    }

    public Builder component(String v) {
      componentId = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder transport(Transport v) {
      transport = v;
      return this;
    }

    public Builder kind(ProbeKind v) {
      kind = v;
      return this;
    }

    /** Sets kind REGISTER with these credentials. */
    public Builder register(Credentials v) {
      kind = ProbeKind.REGISTER;
      credentials = v;
      return this;
    }

    public Builder interval(Duration v) {
      interval = v;
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder acceptedCodes(StatusCodes v) {
      acceptedCodes = v;
      return this;
    }

    public Builder downAfter(int v) {
      downAfter = v;
      return this;
    }

    public Builder upAfter(int v) {
      upAfter = v;
      return this;
    }

    public ProbeTarget build() {
      return new ProbeTarget(
          id,
          componentId,
          host,
          port,
          transport,
          kind,
          credentials,
          interval,
          timeout,
          acceptedCodes,
          downAfter,
          upAfter);
    }
  }
}
