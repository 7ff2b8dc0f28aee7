package dev.vigie.incident.report;

import static dev.vigie.incident.report.Escape.markdown;

import java.util.List;

/**
 * Renders a {@link ReportView} as CommonMark with GitHub tables. Every user text goes through
 * {@link Escape#markdown}. O(rows).
 */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(ReportView v) {
    var l = v.labels();
    var m = new StringBuilder(2048 + v.rows().size() * 160);
    m.append("**").append(markdown(v.company())).append("**");
    for (var line : v.address()) {
      m.append("  \n").append(markdown(line));
    }
    m.append("\n\n# ").append(markdown(v.heading())).append("\n\n");
    m.append(markdown(v.start())).append("  \n").append(markdown(v.end())).append("\n\n");
    m.append("## ").append(markdown(l.summary())).append("\n\n");
    for (var f : v.summary()) {
      m.append("**").append(markdown(f.label())).append("** ").append(markdown(f.value()));
      m.append("  \n");
    }
    m.append("**<u>").append(markdown(l.cause())).append("</u>:** ").append(markdown(v.cause()));
    m.append("\n\n");
    for (var f : v.details()) {
      m.append("- **").append(markdown(f.label())).append("** ").append(markdown(f.value()));
      m.append('\n');
    }
    m.append("\n## ").append(markdown(l.timeline())).append("\n\n");
    if (v.rows().isEmpty()) {
      m.append('_').append(markdown(l.noTimeline())).append("_\n");
    } else {
      row(m, List.of(l.date(), l.time(), l.description()));
      m.append("|---|---|---|\n");
      for (var r : v.rows()) {
        row(m, List.of(r.date(), r.time(), r.description()));
      }
    }
    analysis(m, v);
    return m.toString().stripTrailing() + "\n";
  }

  private static void analysis(StringBuilder m, ReportView v) {
    var l = v.labels();
    var r = v.review();
    m.append("\n## ").append(markdown(l.analysis())).append("\n\n");
    if (r == null || r.isEmpty()) {
      m.append('_').append(markdown(l.analysisPending())).append("_\n");
      return;
    }
    for (var p : r.findings()) {
      m.append(markdown(p)).append("\n\n");
    }
    if (r.rootCause() != null) {
      m.append("### ").append(markdown(l.rootCause())).append("\n\n");
      m.append(markdown(r.rootCause())).append("\n\n");
    }
    bullets(m, l.wentWell(), r.wentWell());
    bullets(m, l.wentBadly(), r.wentBadly());
    if (!v.actions().isEmpty()) {
      m.append("### ").append(markdown(l.actions())).append("\n\n");
      row(m, List.of(l.action(), l.owner(), l.due(), l.actionStatus()));
      m.append("|---|---|---|---|\n");
      for (var a : v.actions()) {
        row(m, List.of(a));
      }
      m.append('\n');
    }
  }

  private static void bullets(StringBuilder m, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    m.append("### ").append(markdown(title)).append("\n\n");
    for (var i : items) {
      m.append("- ").append(markdown(i)).append('\n');
    }
    m.append('\n');
  }

  private static void row(StringBuilder m, List<String> cells) {
    m.append('|');
    for (var c : cells) {
      m.append(' ').append(markdown(c)).append(" |");
    }
    m.append('\n');
  }
}
