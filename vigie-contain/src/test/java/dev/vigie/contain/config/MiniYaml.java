package dev.vigie.contain.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the maps a YAML parser would give for {@code a.b.c=value} with flow values {@code [x, y]}
 * and {@code {k=v}}; scalars stay strings except integers and booleans (as YAML types them).
 */
final class MiniYaml {

  private MiniYaml() {}

  static Map<String, Object> parse(String line) {
    int eq = line.indexOf('=');
    String[] path = line.substring(0, eq).split("\\.");
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> cur = root;
    for (int i = 0; i < path.length - 1; i++) {
      Map<String, Object> next = new LinkedHashMap<>();
      cur.put(path[i], next);
      cur = next;
    }
    int[] pos = {eq + 1};
    cur.put(path[path.length - 1], value(line, pos));
    return root;
  }

  private static Object value(String s, int[] pos) {
    char c = s.charAt(pos[0]);
    if (c == '[' || c == '{') {
      pos[0]++;
      List<Object> list = new ArrayList<>();
      Map<String, Object> map = new LinkedHashMap<>();
      while (s.charAt(pos[0]) != (c == '[' ? ']' : '}')) {
        if (c == '{') {
          int eq = s.indexOf('=', pos[0]);
          String k = s.substring(pos[0], eq).strip();
          pos[0] = eq + 1;
          map.put(k, value(s, pos));
        } else {
          list.add(value(s, pos));
        }
        if (s.charAt(pos[0]) == ',') {
          pos[0]++;
        }
        while (s.charAt(pos[0]) == ' ') {
          pos[0]++;
        }
      }
      pos[0]++;
      return c == '[' ? list : map;
    }
    int end = pos[0];
    while (end < s.length() && ",]}".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    String t = s.substring(pos[0], end).strip();
    pos[0] = end;
    if (t.matches("-?\\d+")) {
      return Integer.parseInt(t);
    }
    return t.equals("true") || t.equals("false") ? (Object) Boolean.parseBoolean(t) : t;
  }
}
