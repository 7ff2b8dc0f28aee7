package dev.vigie.contain.nft;

import dev.vigie.contain.IsolationKind;
import dev.vigie.detect.inventory.Cidr;
import java.util.List;

/**
 * The layout of Vigie's own table and the text of the batches that change it. One place for the set
 * names so that the ruleset, the elements and the parser agree.
 *
 * <pre>
 * table inet vigie {
 *   set blocked4  { type ipv4_addr; flags timeout; }            # source blocks, IPv4 /32
 *   set blocked6  { type ipv6_addr; flags interval,timeout; }   # source blocks, IPv6 /64
 *   set isolated4 { type ipv4_addr; flags interval,timeout; }   # machine addresses or prefixes
 *   set isolated6 { type ipv6_addr; flags interval,timeout; }
 *   chain input   { type filter hook input priority filter - 10; policy accept;
 *                   drop from @blocked4/@blocked6 }
 *   chain forward { type filter hook forward priority filter - 10; policy accept;
 *                   drop from @blocked4/@blocked6, drop from and to @isolated4/@isolated6 }
 * }
 * </pre>
 */
final class NftSets {

  static final String BLOCKED4 = "blocked4";
  static final String BLOCKED6 = "blocked6";
  static final String ISOLATED4 = "isolated4";
  static final String ISOLATED6 = "isolated6";
  static final List<String> ALL = List.of(BLOCKED4, BLOCKED6, ISOLATED4, ISOLATED6);

  private NftSets() {}

  static String setFor(IsolationKind kind, Cidr prefix) {
    return switch (kind) {
      case SOURCE_BLOCK -> prefix.v6() ? BLOCKED6 : BLOCKED4;
      case MACHINE_ISOLATION -> prefix.v6() ? ISOLATED6 : ISOLATED4;
    };
  }

  static IsolationKind kindOf(String set) {
    return set.startsWith("blocked") ? IsolationKind.SOURCE_BLOCK : IsolationKind.MACHINE_ISOLATION;
  }

  /**
   * Creates the table, sets and chains if missing and rewrites the chains' rules, in one atomic
   * batch: elements already in the sets stay (and keep their timeouts), and no packet ever sees a
   * half-built chain.
   */
  static String prepareScript(String table) {
    String t = "inet " + table;
    StringBuilder b = new StringBuilder();
    b.append("add table ").append(t).append('\n');
    b.append("add set ").append(t).append(" blocked4 { type ipv4_addr; flags timeout; }\n");
    b.append("add set ")
        .append(t)
        .append(" blocked6 { type ipv6_addr; flags interval,timeout; }\n");
    b.append("add set ")
        .append(t)
        .append(" isolated4 { type ipv4_addr; flags interval,timeout; }\n");
    b.append("add set ")
        .append(t)
        .append(" isolated6 { type ipv6_addr; flags interval,timeout; }\n");
    for (String hook : List.of("input", "forward")) {
      b.append("add chain ")
          .append(t)
          .append(' ')
          .append(hook)
          .append(" { type filter hook ")
          .append(hook)
          .append(" priority filter - 10; policy accept; }\n");
      b.append("flush chain ").append(t).append(' ').append(hook).append('\n');
      rule(b, t, hook, "ip saddr @blocked4");
      rule(b, t, hook, "ip6 saddr @blocked6");
    }
    rule(b, t, "forward", "ip saddr @isolated4");
    rule(b, t, "forward", "ip daddr @isolated4");
    rule(b, t, "forward", "ip6 saddr @isolated6");
    rule(b, t, "forward", "ip6 daddr @isolated6");
    return b.toString();
  }

  private static void rule(StringBuilder b, String t, String chain, String match) {
    b.append("add rule ")
        .append(t)
        .append(' ')
        .append(chain)
        .append(' ')
        .append(match)
        .append(" counter drop\n");
  }
}
