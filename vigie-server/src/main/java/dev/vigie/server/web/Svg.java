package dev.vigie.server.web;

import java.util.Locale;

/** Small server-side SVG drawings: sparklines. Output is escaped and safe to inline. */
public final class Svg {
  private Svg() {}

  /**
   * A sparkline of two series (in: filled blue area, out: orange line) scaled to their common peak,
   * {@code w}×{@code h} pixels. O(n).
   */
  public static String sparkline(long[] in, long[] out, int w, int h) {
    long peak = 1;
    for (long v : in) peak = Math.max(peak, v);
    for (long v : out) peak = Math.max(peak, v);
    StringBuilder sb = new StringBuilder(512);
    sb.append("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" role=\"img\" aria-hidden=\"true\">");
    if (in.length > 1) {
      sb.append("<path fill=\"#c7dcf5\" stroke=\"#2f6fb5\" stroke-width=\"1.2\" d=\"M0,")
          .append(h)
          .append(' ')
          .append(points(in, peak, w, h))
          .append(" L")
          .append(fmt(x(in.length - 1, in.length, w)))
          .append(',')
          .append(h)
          .append(" Z\"/>");
      sb.append("<path fill=\"none\" stroke=\"#d9822b\" stroke-width=\"1.2\" d=\"M")
          .append(points(out, peak, w, h).substring(1))
          .append("\"/>");
    } else {
      sb.append("<line x1=\"0\" y1=\"")
          .append(h - 1)
          .append("\" x2=\"")
          .append(w)
          .append("\" y2=\"")
          .append(h - 1)
          .append("\" stroke=\"#c9ced6\"/>");
    }
    return sb.append("</svg>").toString();
  }

  private static String points(long[] v, long peak, int w, int h) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      double y = h - 1 - (h - 2) * (double) v[i] / peak;
      sb.append(" L").append(fmt(x(i, v.length, w))).append(',').append(fmt(y));
    }
    return sb.toString().strip();
  }

  private static double x(int i, int n, int w) {
    return n <= 1 ? 0 : (double) i * w / (n - 1);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Escapes text for SVG/HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
