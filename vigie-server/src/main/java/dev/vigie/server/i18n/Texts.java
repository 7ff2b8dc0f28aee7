package dev.vigie.server.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The interface's words in one language ({@code console/messages_LANG.properties}, UTF-8) and the
 * provider's time zone for timestamps. Immutable once loaded; one instance per language.
 */
public final class Texts {
  private static final Map<Lang, Properties> BUNDLES = new EnumMap<>(Lang.class);
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM HH:mm:ss");
  private final Lang lang;
  private final Properties words;
  private final ZoneId zone;

  static {
    for (Lang l : Lang.values()) BUNDLES.put(l, load(l));
  }

  public Texts(Lang lang, ZoneId zone) {
    this.lang = lang;
    this.words = BUNDLES.get(lang);
    this.zone = zone;
  }

  public Lang lang() {
    return lang;
  }

  public String code() {
    return lang.code();
  }

  public ZoneId zone() {
    return zone;
  }

  /** The text of a key; the key itself when it is missing (visible, never a crash). */
  public String t(String key) {
    return words.getProperty(key, key);
  }

  /** The text of a key with {0}, {1}... replaced. */
  public String t(String key, Object... args) {
    String s = t(key);
    for (int i = 0; i < args.length; i++) s = s.replace("{" + i + "}", String.valueOf(args[i]));
    return s;
  }

  /** The text of an enum constant: key {@code prefix.NAME}. */
  public String e(String prefix, Enum<?> value) {
    return value == null ? "" : t(prefix + "." + value.name());
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in the provider's zone; empty for null. */
  public String time(Instant at) {
    return at == null ? "" : FULL.format(at.atZone(zone));
  }

  /** {@code dd/MM HH:mm:ss} in the provider's zone. */
  public String shortTime(Instant at) {
    return at == null ? "" : SHORT.format(at.atZone(zone));
  }

  /** A duration as "2 h 05 min", "3 min", "45 s"; the "until released" text for null. */
  public String duration(Duration d) {
    if (d == null) return t("iso.untilReleased");
    long s = d.toSeconds();
    if (s >= 3600) return String.format("%d h %02d min", s / 3600, s % 3600 / 60);
    if (s >= 60) return (s / 60) + " min";
    return s + " s";
  }

  /** A number without a useless ".0". */
  public String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
  }

  /** A measured value for reading: at most two decimals, the language's decimal separator. */
  public String amount(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    java.text.NumberFormat f =
        java.text.NumberFormat.getNumberInstance(Locale.forLanguageTag(lang.code()));
    f.setMaximumFractionDigits(2);
    f.setGroupingUsed(false);
    return f.format(v);
  }

  /** Milliseconds as "1,14 ms"; "—" when not measured. */
  public String ms(Object millis) {
    return millis instanceof Number n ? amount(n.doubleValue()) + " ms" : "—";
  }

  /** The label of an alert's evidence key ({@code ev.KEY}); the key itself when it has none. */
  public String evidenceLabel(String key) {
    return words.getProperty("ev." + key, key);
  }

  /**
   * An evidence value as a person reads it: instants in the provider's zone, lists joined, numbers
   * rounded, yes/no for booleans.
   */
  public String evidenceValue(Object v) {
    return switch (v) {
      case null -> "—";
      case Boolean b -> t(b ? "ev.yes" : "ev.no");
      case Number n -> amount(n.doubleValue());
      case java.util.Collection<?> c ->
          String.join(", ", c.stream().map(this::evidenceValue).toList());
      case java.util.Map<?, ?> m ->
          String.join(
              ", ",
              m.entrySet().stream()
                  .map(e ->
                      evidenceLabel(String.valueOf(e.getKey())) + " " + evidenceValue(e.getValue()))
                  .toList());
      case Instant i -> time(i);
      default -> {
        String s = String.valueOf(v);
        String metric = words.getProperty("metric." + s); // a platform metric's name in words
        if (metric != null) yield metric;
        String level = words.getProperty("severity." + s); // WARNING, CRITICAL as words
        if (level != null) yield level;
        if (s.length() >= 20 && s.length() <= 35 && s.charAt(10) == 'T' && s.endsWith("Z")) {
          try {
            yield time(Instant.parse(s));
          } catch (java.time.format.DateTimeParseException e) {
            yield s;
          }
        }
        yield s;
      }
    };
  }

  private static Properties load(Lang l) {
    String path = "/console/messages_" + l.code() + ".properties";
    try (InputStream in = Texts.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
