package dev.vigie.server.status;

import dev.vigie.server.i18n.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The Atom 1.0 feed (RFC 4287) of a status page's public updates, in the page's language: one entry
 * per public update of the published incidents of the last 90 days, newest first, at most {@link
 * #MAX}. Ids are {@code urn:uuid:} name-based UUIDs (stable across restarts: the feed's from its
 * company, page and language, an entry's from the incident number, the update's time and the
 * language); links are relative references (resolved against the feed's own address, so no Host
 * header is trusted). Only {@link PublicIncident} fields reach it: an allow-list by type.
 */
final class AtomFeed {
  static final int MAX = 100;

  private AtomFeed() {}

  private record Item(PublicIncident incident, PublicIncident.Update update) {}

  static String render(
      List<PublicIncident> incidents,
      Texts t,
      String company,
      String page,
      String self,
      Instant boardChanged) {
    String lang = t.code();
    List<Item> items = new ArrayList<>();
    for (PublicIncident i : incidents)
      for (PublicIncident.Update u : i.updates()) items.add(new Item(i, u));
    // newest first; of two at the same time, the later written first (the sort is stable)
    java.util.Collections.reverse(items);
    items.sort(Comparator.comparing((Item x) -> x.update().at()).reversed());
    if (items.size() > MAX) items = items.subList(0, MAX);
    Instant updated = items.isEmpty() ? boardChanged : items.get(0).update().at();
    if (boardChanged != null && boardChanged.isAfter(updated)) updated = boardChanged;
    StringBuilder x = new StringBuilder(4096);
    x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
        .append(lang)
        .append("\">\n<id>")
        .append(urn("feed|" + company + "|" + page + "|" + lang))
        .append("</id>\n<title>")
        .append(xml(t.t("statuspage.feed.title", company)))
        .append("</title>\n<updated>")
        .append(stamp(updated))
        .append("</updated>\n<author><name>")
        .append(xml(company))
        .append("</name></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"")
        .append(xml(self + "?lang=" + lang))
        .append("\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
        .append(xml(page + "?lang=" + lang))
        .append("\"/>\n");
    for (Item it : items) {
      PublicIncident i = it.incident();
      PublicIncident.Update u = it.update();
      x.append("<entry>\n<id>")
          .append(urn("entry|" + i.number() + "|" + u.at() + "|" + u.text() + "|" + lang))
          .append("</id>\n<title>")
          .append(xml(t.t("statuspage.feed.entry", i.number(), i.title())))
          .append("</title>\n<updated>")
          .append(stamp(u.at()))
          .append("</updated>\n<published>")
          .append(stamp(u.at()))
          .append("</published>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
          .append(xml(page + "?lang=" + lang + "#" + i.number()))
          .append("\"/>\n<content type=\"text\">")
          .append(xml(u.text()))
          .append("</content>\n</entry>\n");
    }
    return x.append("</feed>\n").toString();
  }

  private static String urn(String name) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String stamp(Instant at) {
    return (at == null ? Instant.EPOCH : at).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Escapes text for XML and drops characters XML 1.0 cannot carry. */
  static String xml(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF)
            b.append(' ');
          else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && k + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(k + 1))) {
              b.append(c).append(s.charAt(++k));
            } else b.append('\uFFFD');
          } else b.append(c);
        }
      }
    }
    return b.toString();
  }
}
