package dev.vigie.catalog.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text rendering of an analysis for {@code vigie catalog check FILE --format text}: a summary
 * line, a table of ranked findings, each followed by its explanation wrapped at 100 columns, then
 * the single points of failure and cut pairs of every critical service and line. Stateless,
 * thread-safe.
 */
public final class TextReport {
  private static final int WIDTH = 100;
  private static final String ROW = "%4s  %-8s  %5s  %-23s  %-30s  %s%n";

  private TextReport() {}

  /** Renders in English, or in French when {@code language} is "fr". */
  public static String render(CatalogAnalysis analysis, String language) {
    boolean fr = "fr".equals(language);
    Summary s = analysis.summary();
    StringBuilder out = new StringBuilder();
    out.append(fr ? "Catalogue : " : "Catalogue: ")
        .append(count(s.providers(), fr ? "fournisseur" : "provider", fr))
        .append(", ")
        .append(count(s.sites(), "site", fr))
        .append(", ")
        .append(count(s.machines(), "machine", fr))
        .append(", ")
        .append(count(s.services(), "service", fr))
        .append(" (")
        .append(s.criticalServices())
        .append(fr ? " critique(s)), " : " critical), ")
        .append(count(s.numbers(), fr ? "numéro" : "number", fr))
        .append(", ")
        .append(count(s.clients(), "client", fr))
        .append(System.lineSeparator());
    out.append(
        String.format(
            fr
                ? "Constats : %d (%d critiques, %d avertissements)%n%n"
                : "Findings: %d (%d critical, %d warnings)%n%n",
            s.findings(),
            s.critical(),
            s.warnings()));
    if (!analysis.findings().isEmpty()) {
      out.append(
          String.format(
              ROW,
              "#",
              fr ? "GRAVITÉ" : "SEVERITY",
              "SCORE",
              fr ? "TYPE" : "KIND",
              fr ? "COMPOSANTS" : "COMPONENTS",
              "CLIENTS"));
    }
    for (Finding f : analysis.findings()) {
      out.append(
          String.format(
              ROW,
              f.rank(),
              f.severity(),
              f.score(),
              f.kind(),
              String.join(" + ", f.components()),
              f.clients().size()));
      for (String line : wrap(f.explanation(language), WIDTH - 6)) {
        out.append("      ").append(line).append(System.lineSeparator());
      }
    }
    out.append(System.lineSeparator())
        .append(fr ? "Services critiques et lignes :" : "Critical services and lines:")
        .append(System.lineSeparator());
    for (TargetAnalysis t : analysis.targets()) {
      String pairs =
          t.cutPairs().stream().map(p -> String.join("+", p)).collect(Collectors.joining(", "));
      out.append(
          String.format(
              "  %-24s %s %s; %s %s%n",
              t.target(),
              fr ? "points uniques :" : "single points:",
              t.singlePointsOfFailure().isEmpty()
                  ? "-"
                  : String.join(", ", t.singlePointsOfFailure()),
              fr ? "paires :" : "pairs:",
              pairs.isEmpty() ? "-" : pairs));
    }
    return out.toString();
  }

  /** "1 site", "2 sites"; French keeps 0 singular, English does not. */
  static String count(int n, String noun, boolean fr) {
    return n + " " + noun + ((fr ? n > 1 : n != 1) ? "s" : "");
  }

  /** Greedy word wrap; a word longer than the width gets a line of its own. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
