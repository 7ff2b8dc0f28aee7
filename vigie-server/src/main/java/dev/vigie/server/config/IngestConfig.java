package dev.vigie.server.config;

import dev.vigie.detect.inventory.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Live-ingest settings beyond the listeners' addresses (the {@code server.hep} section). Every key
 * with its default is in docs/configuration.md; docs/security.md explains the exposure rule.
 *
 * @param queueCapacity HEP packets held between the network threads and the detection thread; a
 *     packet arriving when it is full is dropped and counted ({@code vigie_ingest_dropped_total})
 * @param queueBytes bytes of HEP packets held in that queue at most (dropped and counted beyond)
 * @param allow capture-agent addresses allowed to send HEP (empty: any); checked on the sender's
 *     address on the network thread, before any decoding
 * @param maxInflatedBytesPerPacket bytes one compressed payload may inflate to
 * @param maxInflatedBytesPerSecond bytes all compressed payloads together may inflate to per second
 * @param tcpMaxConnections HEP TCP connections open at once; beyond, a new one is closed at once
 * @param tcpIdleTimeout a HEP TCP connection that sends nothing, or leaves a packet unfinished, for
 *     this long is closed
 */
public record IngestConfig(
    int queueCapacity,
    long queueBytes,
    List<Cidr> allow,
    int maxInflatedBytesPerPacket,
    long maxInflatedBytesPerSecond,
    int tcpMaxConnections,
    Duration tcpIdleTimeout) {

  /**
   * Reads {@code server.hep} and checks the exposure rule: HEP bound to an address other than
   * loopback needs an auth key or an allow-list of capture agents.
   *
   * @throws ConfigException naming the key and the bad value, or how to fix an exposed listener
   */
  public static IngestConfig from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node hep = root.get("server").get("hep");
    List<Cidr> allow = cidrs(hep, "allow");
    Node tcp = hep.get("tcp");
    Duration idle = tcp.duration("idleTimeout", Duration.ofSeconds(120));
    if (idle.compareTo(Duration.ofSeconds(1)) < 0 || idle.compareTo(Duration.ofDays(1)) > 0)
      tcp.problem("idleTimeout", "'" + idle.toSeconds() + "s' is not between 1s and 1d");
    IngestConfig c =
        new IngestConfig(
            hep.integer("queueCapacity", 1 << 18, 256, 1 << 24),
            hep.integer("queueBytes", 64 << 20, 1 << 20, 1 << 30),
            allow,
            hep.integer("maxInflatedBytesPerPacket", 65536, 1024, 1 << 20),
            hep.integer("maxInflatedBytesPerSecond", 32 << 20, 1 << 20, 1 << 30),
            tcp.integer("maxConnections", 256, 1, 65536),
            idle);
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    if (!isLoopback(cfg.hepHost())
        && (cfg.hepAuthKey() == null || cfg.hepAuthKey().isEmpty())
        && allow.isEmpty())
      throw new ConfigException(
          "HEP would listen on "
              + cfg.hepHost()
              + " without authentication: set server.hep.authKey (or VIGIE_HEP_AUTH_KEY) or"
              + " server.hep.allow (capture-agent addresses/CIDRs), or bind server.hep.host to"
              + " 127.0.0.1");
    return c;
  }

  /** A list of addresses or CIDRs under {@code key}, each bad one a problem naming it. */
  static List<Cidr> cidrs(Node n, String key) {
    List<Cidr> out = new ArrayList<>();
    for (String s : n.strings(key)) {
      try {
        out.add(Cidr.parse(s));
      } catch (IllegalArgumentException e) {
        n.problem(key, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** True for 127.0.0.0/8, ::1 and names resolving to them ("localhost"). */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the bind will fail and say so
    }
  }
}
