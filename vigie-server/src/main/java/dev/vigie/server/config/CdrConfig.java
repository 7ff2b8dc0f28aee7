package dev.vigie.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigie.detect.inventory.Cidr;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.wire.IpAddress;
import dev.vigie.wire.cdr.CdrParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the 3CX CDR "active socket" listener ({@code server.cdrPort} and the {@code
 * server.cdr} section), validated against the inventory: every machine named must exist.
 *
 * @param port TCP port, 0 = listener off
 * @param host address to bind (default 127.0.0.1)
 * @param fields field order of the lines when the connection sends no header row
 * @param machine the machine every CDR belongs to (null: by remote address)
 * @param machinesByAddress remote address of a 3CX to its machine id
 * @param maxLineChars longer lines are discarded and counted as bad
 * @param maxConnections connections beyond this are closed at once and counted
 * @param allow remote addresses allowed to connect (empty: any); a connection from elsewhere is
 *     closed before anything is read and counted. Required when {@code host} is not loopback.
 */
public record CdrConfig(
    int port,
    String host,
    List<String> fields,
    String machine,
    Map<IpAddress, String> machinesByAddress,
    int maxLineChars,
    int maxConnections,
    List<Cidr> allow) {

  /**
   * Reads {@code server.cdr} of the configuration.
   *
   * @throws ConfigException naming each bad key and value
   */
  public static CdrConfig from(ServeConfig cfg, Inventory inventory) {
    Node root = Node.root(cfg.root());
    Node cdr = root.get("server").get("cdr");
    List<String> fields = new ArrayList<>();
    for (String f : cdr.strings("fields")) {
      String k = f.strip().toLowerCase(Locale.ROOT);
      if (k.isEmpty()) cdr.problem("fields", "an empty field name");
      else fields.add(k);
    }
    if (!cdr.has("fields")) fields.addAll(CdrParser.DEFAULT_FIELDS);
    else if (!fields.contains("time-start"))
      cdr.problem("fields", "must name time-start (the call's start time is required)");
    String machine = cdr.string("machine", null);
    if (machine != null && inventory.machine(machine) == null)
      cdr.problem("machine", "'" + machine + "' is not a machine of the inventory");
    Map<IpAddress, String> byAddress = new LinkedHashMap<>();
    JsonNode map = cdr.raw() == null ? null : cdr.raw().get("machines");
    if (map != null && !map.isNull()) {
      if (!map.isObject()) cdr.problem("machines", "must map addresses to machine ids");
      else
        map.properties()
            .forEach(e -> {
              String id = e.getValue().asText();
              try {
                byAddress.put(IpAddress.parse(e.getKey()), id);
              } catch (IllegalArgumentException x) {
                cdr.problem("machines", "'" + e.getKey() + "' is not an IP address");
              }
              if (inventory.machine(id) == null)
                cdr.problem("machines", "'" + id + "' is not a machine of the inventory");
            });
    }
    CdrConfig c =
        new CdrConfig(
            cfg.cdrPort(),
            cdr.string("host", "127.0.0.1"),
            List.copyOf(fields),
            machine,
            Map.copyOf(byAddress),
            cdr.integer("maxLineChars", 8192, 256, 1 << 20),
            cdr.integer("maxConnections", 64, 1, 4096),
            IngestConfig.cidrs(cdr, "allow"));
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    if (c.port() > 0 && c.allow().isEmpty() && !IngestConfig.isLoopback(c.host()))
      throw new ConfigException(
          "the 3CX CDR socket would accept anyone on "
              + c.host()
              + ": set server.cdr.allow (the 3CX addresses/CIDRs) or bind server.cdr.host to"
              + " 127.0.0.1");
    return c;
  }
}
