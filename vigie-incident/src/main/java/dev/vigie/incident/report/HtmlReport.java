package dev.vigie.incident.report;

import static dev.vigie.incident.report.Escape.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link ReportView} as one self-contained XHTML page (inline CSS, no external resource):
 * printable from a browser and the input of {@link PdfReport}, so it must stay well-formed XML.
 * Every user text goes through {@link Escape#html}. O(rows).
 */
final class HtmlReport {
  private static final String CSS = loadCss();

  private HtmlReport() {}

  /** The report's stylesheet (also the drafts'). */
  static String css() {
    return CSS;
  }

  static String render(ReportView v) {
    var h = new StringBuilder(4096 + v.rows().size() * 200);
    h.append("<!DOCTYPE html>\n<html lang=\"").append(v.language().code()).append("\">\n<head>\n");
    h.append("<meta charset=\"UTF-8\" />\n");
    h.append("<title>").append(html(v.heading())).append("</title>\n");
    h.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<div class=\"page-header\">\n");
    h.append("<div class=\"company\">").append(html(v.company())).append("</div>\n");
    for (var line : v.address()) {
      h.append("<div class=\"address\">").append(html(line)).append("</div>\n");
    }
    h.append("</div>\n");
    h.append("<div class=\"page-footer\">").append(html(v.number())).append("</div>\n");
    h.append("<h1>").append(html(v.heading())).append("</h1>\n");
    h.append("<table class=\"period\"><tr><td>")
        .append(html(v.start()))
        .append("</td><td>")
        .append(html(v.end()))
        .append("</td></tr></table>\n");
    summary(h, v);
    timeline(h, v);
    analysis(h, v);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, ReportView v) {
    var l = v.labels();
    h.append("<h2>").append(html(l.summary())).append("</h2>\n");
    for (var f : v.summary()) {
      h.append("<p class=\"field\"><span class=\"label\">")
          .append(html(f.label()))
          .append("</span> ")
          .append(html(f.value()))
          .append("</p>\n");
    }
    h.append("<p class=\"field\"><span class=\"label\"><u>")
        .append(html(l.cause()))
        .append("</u>:</span> ")
        .append(html(v.cause()))
        .append("</p>\n");
    h.append("<table class=\"details\">\n");
    for (var f : v.details()) {
      h.append("<tr><td class=\"label\">")
          .append(html(f.label()))
          .append("</td><td>")
          .append(html(f.value()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void timeline(StringBuilder h, ReportView v) {
    var l = v.labels();
    h.append("<h2>").append(html(l.timeline())).append("</h2>\n");
    if (v.rows().isEmpty()) {
      h.append("<p class=\"empty\">").append(html(l.noTimeline())).append("</p>\n");
      return;
    }
    var cells = v.rows().stream().map(r -> new String[] {r.date(), r.time(), r.description()});
    grid(
        h,
        "timeline",
        new String[] {"date", "time", null},
        List.of(l.date(), l.time(), l.description()),
        cells.toList());
  }

  private static void analysis(StringBuilder h, ReportView v) {
    var l = v.labels();
    var r = v.review();
    h.append("<div class=\"analysis\">\n<h2>").append(html(l.analysis())).append("</h2>\n");
    if (r == null || r.isEmpty()) {
      h.append("<p class=\"empty\">").append(html(l.analysisPending())).append("</p>\n</div>\n");
      return;
    }
    for (var p : r.findings()) {
      h.append("<p>").append(html(p)).append("</p>\n");
    }
    if (r.rootCause() != null) {
      h.append("<h3>").append(html(l.rootCause())).append("</h3>\n");
      h.append("<p>").append(html(r.rootCause())).append("</p>\n");
    }
    list(h, l.wentWell(), r.wentWell());
    list(h, l.wentBadly(), r.wentBadly());
    if (!v.actions().isEmpty()) {
      h.append("<h3>").append(html(l.actions())).append("</h3>\n");
      var heads = List.of(l.action(), l.owner(), l.due(), l.actionStatus());
      grid(h, "actions", new String[4], heads, v.actions());
    }
    h.append("</div>\n");
  }

  /**
   * A table whose header row repeats on each PDF page, every second row striped; {@code classes}
   * gives each column's cell class (null for none).
   */
  private static void grid(
      StringBuilder h, String kind, String[] classes, List<String> heads, List<String[]> rows) {
    h.append("<table class=\"grid ").append(kind).append("\">\n<thead><tr>");
    for (int c = 0; c < heads.size(); c++) {
      h.append("<th").append(cls(classes[c])).append('>').append(html(heads.get(c)));
      h.append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    int n = 0;
    for (var row : rows) {
      h.append(n++ % 2 == 1 ? "<tr class=\"even\">" : "<tr>");
      for (int c = 0; c < row.length; c++) {
        h.append("<td").append(cls(classes[c])).append('>').append(html(row[c])).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static String cls(String name) {
    return name == null ? "" : " class=\"" + name + "\"";
  }

  private static void list(StringBuilder h, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    h.append("<h3>").append(html(title)).append("</h3>\n<ul>\n");
    for (var i : items) {
      h.append("<li>").append(html(i)).append("</li>\n");
    }
    h.append("</ul>\n");
  }

  private static String loadCss() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report.css", e);
    }
  }
}
