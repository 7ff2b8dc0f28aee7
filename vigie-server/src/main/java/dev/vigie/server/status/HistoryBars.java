package dev.vigie.server.status;

import dev.vigie.server.i18n.Texts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 90-day history of one service as the status page draws it: an inline SVG of one bar per day
 * (oldest left, today right), coloured by the day's worst state, scaled to the page's width (it
 * fits a 375 px phone), each bar titled with its date and state; for people who do not see the
 * colours, the SVG is an image whose text alternative counts the operational days, and a list names
 * every disrupted day in words. Colours are the page's state colours.
 */
final class HistoryBars {
  static final String CSS =
      ".hist{background:#fff;border-radius:8px;padding:10px 16px;margin:8px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}"
          + ".hist h3{margin:0 0 6px;font-size:1rem}.hist svg{display:block;width:100%;height:34px}"
          + ".hist .ends{display:flex;justify-content:space-between;color:#616e7c;font-size:.8rem;margin-top:4px}"
          + ".hist details{font-size:.9rem;margin-top:4px}.hist ul{margin:4px 0;padding-left:18px}"
          + ".b-operational{fill:#1e7134}.b-under_maintenance{fill:#1864ab}.b-degraded_performance{fill:#a65200}"
          + ".b-partial_outage{fill:#c2410c}.b-major_outage{fill:#c92a2a}";

  private HistoryBars() {}

  static void append(
      StringBuilder h, String id, String name, List<Map<String, String>> days, Texts t) {
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern(
            t.t("statuspage.date"), t.code().equals("fr") ? Locale.FRENCH : Locale.ENGLISH);
    long ok = days.stream().filter(d -> d.get("status").equals("OPERATIONAL")).count();
    String key = "h-" + id.replaceAll("[^A-Za-z0-9_-]", "_");
    String summary = t.t("statuspage.history.summary", name, ok, days.size());
    h.append("<section class=\"hist\" aria-labelledby=\"")
        .append(key)
        .append("-t\"><h3 id=\"")
        .append(key)
        .append("-t\">")
        .append(StatusPages.esc(name))
        .append("</h3><svg viewBox=\"0 0 ")
        .append(days.size() * 5)
        .append(" 34\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
        .append(StatusPages.esc(summary))
        .append("\">");
    StringBuilder bad = new StringBuilder();
    for (int i = 0; i < days.size(); i++) {
      Map<String, String> d = days.get(i);
      String st = d.get("status");
      String words =
          t.t(
              "statuspage.history.day",
              f.format(LocalDate.parse(d.get("date"))),
              t.t("cstate." + st));
      h.append("<rect x=\"")
          .append(i * 5)
          .append("\" y=\"0\" width=\"4\" height=\"34\" rx=\"1\" class=\"b-")
          .append(st.toLowerCase(Locale.ROOT))
          .append("\"><title>")
          .append(StatusPages.esc(words))
          .append("</title></rect>");
      if (!st.equals("OPERATIONAL"))
        bad.append("<li>").append(StatusPages.esc(words)).append("</li>");
    }
    h.append("</svg><div class=\"ends\" aria-hidden=\"true\"><span>")
        .append(StatusPages.esc(t.t("statuspage.history.ago", days.size())))
        .append("</span><span>")
        .append(StatusPages.esc(t.t("statuspage.history.today")))
        .append("</span></div>");
    if (bad.isEmpty()) {
      h.append("<p class=\"muted\">")
          .append(StatusPages.esc(t.t("statuspage.history.none")))
          .append("</p>");
    } else {
      h.append("<details><summary>")
          .append(StatusPages.esc(t.t("statuspage.history.bad")))
          .append("</summary><ul>")
          .append(bad)
          .append("</ul></details>");
    }
    h.append("</section>");
  }
}
