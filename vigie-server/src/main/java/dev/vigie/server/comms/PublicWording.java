package dev.vigie.server.comms;

import dev.vigie.catalog.Catalog;
import dev.vigie.catalog.Machine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check every text written for clients passes before it can be saved or published: no IP
 * address (v4 or v6), no e-mail address, no id or address of a catalogue machine, and no scanner or
 * attack tool's name (the attacker details detection records). A prefilled draft passes by
 * construction ({@link PublicFacts} has no such field); this stops what an operator types. Each
 * problem names the offending text. Immutable, thread-safe; O(text length × machines).
 */
public final class PublicWording {
  /** One reason a text cannot go public: the bundle key of the reason and the offending text. */
  public record Problem(String key, String found) {}

  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?:/\\d{1,2})?(?!\\d|\\.\\d)");

  /** A run of hex digits and colons; an IPv6 address when it has "::" or at least 3 colons. */
  private static final Pattern IPV6 =
      Pattern.compile("(?<![0-9A-Za-z:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:/\\d{1,3})?(?![0-9A-Za-z:])");

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** Scanner and attack tool names seen in SIP attacks (REFERENCE.md). */
  private static final List<String> TOOLS =
      List.of(
          "friendly-scanner",
          "sipvicious",
          "svwar",
          "svmap",
          "svcrack",
          "sipcli",
          "vaxsipuseragent",
          "pplsip",
          "iwar",
          "sundayddr");

  private final List<String> machineWords;

  public PublicWording(Catalog catalog) {
    Set<String> words = new LinkedHashSet<>();
    if (catalog != null) {
      for (Machine m : catalog.machines()) {
        words.add(m.id().toLowerCase(Locale.ROOT));
        for (String a : m.addresses()) words.add(a.toLowerCase(Locale.ROOT));
      }
    }
    this.machineWords = List.copyOf(words);
  }

  /** What keeps {@code text} from going public; empty when it may. */
  public List<Problem> check(String text) {
    List<Problem> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    String lower = text.toLowerCase(Locale.ROOT);
    for (String w : machineWords) {
      if (containsWord(lower, w)) out.add(new Problem("comms.err.machine", w));
    }
    find(IPV4, text, "comms.err.address", out);
    Matcher v6 = IPV6.matcher(text);
    while (v6.find()) {
      String f = v6.group();
      long colons = f.chars().filter(c -> c == ':').count();
      if ((f.contains("::") && f.length() > 2 || colons >= 3) && f.matches(".*[0-9A-Fa-f].*"))
        out.add(new Problem("comms.err.address", f));
    }
    find(EMAIL, text, "comms.err.email", out);
    for (String t : TOOLS) {
      if (containsWord(lower, t)) out.add(new Problem("comms.err.attacker", t));
    }
    return out;
  }

  private static void find(Pattern p, String text, String key, List<Problem> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      String f = m.group();
      if (out.stream().noneMatch(x -> x.found().equalsIgnoreCase(f))) out.add(new Problem(key, f));
    }
  }

  /**
   * Whether {@code w} occurs in {@code s} not glued to a letter, digit, '-' or '_' on either side.
   */
  static boolean containsWord(String s, String w) {
    int from = 0;
    while (true) {
      int i = s.indexOf(w, from);
      if (i < 0) return false;
      int end = i + w.length();
      if ((i == 0 || !part(s.charAt(i - 1))) && (end == s.length() || !part(s.charAt(end))))
        return true;
      from = i + 1;
    }
  }

  private static boolean part(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
