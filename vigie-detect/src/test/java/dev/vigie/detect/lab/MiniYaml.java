package dev.vigie.detect.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML subset of testdata/ (block maps and lists, flow lists and maps, quoted and plain
 * scalars, comments), for tests of a JDK-only module. Not a general YAML parser.
 */
final class MiniYaml {
  private record Line(int indent, String text) {}

  private final List<Line> lines = new ArrayList<>();
  private int pos;

  private MiniYaml(String doc) {
    for (String raw : doc.split("\n")) {
      String t = stripComment(raw).stripTrailing();
      if (t.isBlank()) continue;
      int indent = 0;
      while (indent < t.length() && t.charAt(indent) == ' ') indent++;
      lines.add(new Line(indent, t.substring(indent)));
    }
  }

  static Object parse(String doc) {
    MiniYaml y = new MiniYaml(doc);
    return y.lines.isEmpty() ? Map.of() : y.block(y.lines.get(0).indent());
  }

  private Object block(int indent) {
    if (lines.get(pos).text().startsWith("- ") || lines.get(pos).text().equals("-"))
      return list(indent);
    return map(indent);
  }

  private List<Object> list(int indent) {
    List<Object> out = new ArrayList<>();
    while (pos < lines.size()
        && lines.get(pos).indent() == indent
        && lines.get(pos).text().startsWith("-")) {
      String rest = lines.get(pos).text().substring(1).strip();
      if (rest.isEmpty()) {
        pos++;
        out.add(block(lines.get(pos).indent()));
      } else if (rest.startsWith("{") || rest.startsWith("[") || !isKey(rest)) {
        pos++;
        out.add(scalarOrFlow(rest));
      } else {
        // "- key: value" opens a map whose other keys are indented under the key
        int inner = indent + (lines.get(pos).text().length() - rest.length());
        lines.set(pos, new Line(inner, rest));
        out.add(map(inner));
      }
    }
    return out;
  }

  private Map<String, Object> map(int indent) {
    Map<String, Object> out = new LinkedHashMap<>();
    while (pos < lines.size()
        && lines.get(pos).indent() == indent
        && !lines.get(pos).text().startsWith("- ")) {
      String t = lines.get(pos).text();
      int colon = keyEnd(t);
      if (colon < 0) throw new IllegalArgumentException("not a key: " + t);
      String key = unquote(t.substring(0, colon).strip());
      String value = t.substring(colon + 1).strip();
      pos++;
      if (!value.isEmpty()) out.put(key, scalarOrFlow(value));
      else if (pos < lines.size()
          && (lines.get(pos).indent() > indent
              || (lines.get(pos).indent() == indent && lines.get(pos).text().startsWith("- ")))) {
        out.put(key, block(lines.get(pos).indent()));
      } else out.put(key, null);
    }
    return out;
  }

  private static boolean isKey(String s) {
    return keyEnd(s) > 0;
  }

  private static int keyEnd(String s) {
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') q = !q;
      else if (!q && c == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) return i;
    }
    return -1;
  }

  private static String stripComment(String s) {
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') q = !q;
      else if (!q && c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) return s.substring(0, i);
    }
    return s;
  }

  private static Object scalarOrFlow(String s) {
    int[] at = {0};
    Object v = flow(s, at);
    return v;
  }

  private static Object flow(String s, int[] at) {
    skip(s, at);
    char c = s.charAt(at[0]);
    if (c == '[') {
      at[0]++;
      List<Object> out = new ArrayList<>();
      skip(s, at);
      if (s.charAt(at[0]) == ']') {
        at[0]++;
        return out;
      }
      while (true) {
        out.add(flow(s, at));
        skip(s, at);
        char d = s.charAt(at[0]++);
        if (d == ']') return out;
      }
    }
    if (c == '{') {
      at[0]++;
      Map<String, Object> out = new LinkedHashMap<>();
      skip(s, at);
      if (s.charAt(at[0]) == '}') {
        at[0]++;
        return out;
      }
      while (true) {
        skip(s, at);
        int colon = s.indexOf(':', at[0]);
        String key = unquote(s.substring(at[0], colon).strip());
        at[0] = colon + 1;
        out.put(key, flow(s, at));
        skip(s, at);
        char d = s.charAt(at[0]++);
        if (d == '}') return out;
      }
    }
    if (c == '"') {
      StringBuilder sb = new StringBuilder();
      int i = at[0] + 1;
      while (s.charAt(i) != '"') {
        if (s.charAt(i) == '\\') i++;
        sb.append(s.charAt(i++));
      }
      at[0] = i + 1;
      return sb.toString();
    }
    int start = at[0];
    int depth = 0;
    while (at[0] < s.length()) {
      char d = s.charAt(at[0]);
      if ((d == ',' || d == ']' || d == '}') && depth == 0) break;
      at[0]++;
    }
    return plain(s.substring(start, at[0]).strip());
  }

  private static void skip(String s, int[] at) {
    while (at[0] < s.length() && s.charAt(at[0]) == ' ') at[0]++;
  }

  private static Object plain(String s) {
    if (s.equals("null") || s.equals("~")) return null;
    if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
    if (s.matches("-?[0-9]+")) return Long.parseLong(s);
    if (s.matches("-?[0-9]+\\.[0-9]+")) return Double.parseDouble(s);
    return s;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
