package dev.vigie.incident.obligation;

import java.time.Duration;
import java.util.List;

/**
 * One criterion of the classification, checked: a bundle key ({@code reason.*}) and its arguments,
 * turned into words by {@link Words} in the reader's language (durations in words, numbers
 * grouped).
 *
 * @param key the bundle key, e.g. {@code reason.unavailable.over}
 * @param met whether the criterion makes the incident significant
 * @param args the message arguments: {@link Duration}s, numbers
 */
public record Reason(String key, boolean met, List<Object> args) {
  public Reason {
    args = List.copyOf(args);
  }

  static Reason of(String key, boolean met, Object... args) {
    return new Reason(key, met, List.of(args));
  }

  /** The reason in words. */
  public String words(Words w) {
    var out = new Object[args.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (args.get(i)) {
            case Duration d -> w.duration(d);
            case Number n -> w.number(n.doubleValue());
            case Object o -> o.toString();
          };
    }
    return w.get(key, out);
  }
}
