package dev.vigie.wire.cdr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads 3CX call detail records written as CSV. The field order is configurable in 3CX, so the
 * parser takes it from a header row when the first line names known fields ({@code historyid},
 * {@code time-start}, ...), else from the configured list (by default the order of the 3CX
 * template, REFERENCE.md). Fields are comma-separated, optionally double-quoted ({@code ""} inside
 * quotes is a quote). Times are {@code yyyy/MM/dd HH:mm:ss}, {@code yyyy-MM-dd HH:mm:ss} (optional
 * fraction, read in the configured zone) or ISO-8601 with an offset; durations {@code HH:mm:ss} or
 * seconds.
 *
 * <p>Bad rows never stop the file: each is counted and reported with its line and field ({@code
 * line 7, field time-start: 'yesterday' is not a date-time}). Streaming, one line in memory at a
 * time. Stateless between calls and thread-safe.
 */
public final class CdrParser {
  /** The 3CX CDR template's fields, in its default order. */
  public static final List<String> DEFAULT_FIELDS =
      List.of(
          "historyid",
          "callid",
          "duration",
          "time-start",
          "time-answered",
          "time-end",
          "reason-terminated",
          "from-no",
          "to-no",
          "from-dn",
          "to-dn",
          "dial-no",
          "reason-changed",
          "final-number",
          "final-dn",
          "bill-code",
          "bill-rate",
          "bill-cost",
          "bill-name",
          "chain",
          "from-type",
          "to-type",
          "final-type",
          "from-dispname",
          "to-dispname",
          "final-dispname",
          "missed-queue-calls");

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy[/][-]MM[/][-]dd[ ]['T']HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final List<String> fields;
  private final ZoneId zone;

  /**
   * @param fields the configured field order, used when the file has no header row
   */
  public CdrParser(List<String> fields, ZoneId zone) {
    this.fields = List.copyOf(fields);
    this.zone = zone;
  }

  public static CdrParser defaults() {
    return new CdrParser(DEFAULT_FIELDS, ZoneId.of("UTC"));
  }

  /** What a whole file gave. */
  public record Result(List<CdrRecord> records, List<String> errors, long badRows) {}

  /** Reads everything (keeps every record in memory: for files, prefer {@link #stream}). */
  public Result parse(Reader in) throws IOException {
    List<CdrRecord> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long bad = stream(in, records::add, errors::add);
    return new Result(records, errors, bad);
  }

  /**
   * Reads records one by one. Errors beyond the first 1000 are counted but not reported.
   *
   * @return the number of bad rows
   */
  public long stream(Reader in, Consumer<CdrRecord> out, Consumer<String> errors)
      throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<String> order = fields;
    long lineNo = 0;
    long bad = 0;
    String line;
    boolean first = true;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (first && line.startsWith("\uFEFF")) line = line.substring(1);
      if (line.isBlank()) continue;
      List<String> cells = split(line);
      if (first) {
        first = false;
        if (cells != null && isHeader(cells)) {
          order = cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
          continue;
        }
      }
      String err = cells == null ? "line " + lineNo + ": unclosed quote" : null;
      CdrRecord rec = null;
      if (err == null) {
        try {
          rec = record(lineNo, order, cells);
        } catch (BadField e) {
          err = "line " + lineNo + ", field " + e.field + ": " + e.getMessage();
        }
      }
      if (rec != null) out.accept(rec);
      else {
        bad++;
        if (bad <= 1000) errors.accept(err);
      }
    }
    return bad;
  }

  private static boolean isHeader(List<String> cells) {
    int known = 0;
    for (String c : cells) if (DEFAULT_FIELDS.contains(c.strip().toLowerCase(Locale.ROOT))) known++;
    return known >= 2;
  }

  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    BadField(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private CdrRecord record(long lineNo, List<String> order, List<String> cells) throws BadField {
    if (cells.size() < order.size() && cells.size() < order.indexOf("time-start") + 1) {
      throw new BadField(
          "time-start", "missing (" + cells.size() + " fields, expected " + order.size() + ")");
    }
    Map<String, String> f = new HashMap<>();
    for (int i = 0; i < Math.min(order.size(), cells.size()); i++)
      f.put(order.get(i), cells.get(i).strip());
    Instant start = time(f, "time-start");
    if (start == null) throw new BadField("time-start", "is required");
    return new CdrRecord(
        lineNo,
        blank(f.get("historyid")),
        blank(f.get("callid")),
        duration(f.get("duration")),
        start,
        time(f, "time-answered"),
        time(f, "time-end"),
        blank(f.get("reason-terminated")),
        blank(f.get("from-no")),
        blank(f.get("to-no")),
        blank(f.get("from-dn")),
        blank(f.get("to-dn")),
        blank(f.get("dial-no")),
        blank(f.get("final-number")),
        blank(f.get("from-type")),
        blank(f.get("to-type")),
        f);
  }

  private Instant time(Map<String, String> f, String name) throws BadField {
    String v = blank(f.get(name));
    if (v == null) return null;
    try {
      return LocalDateTime.parse(v, LOCAL).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        throw new BadField(name, "'" + v + "' is not a date-time");
      }
    }
  }

  private static Duration duration(String v) throws BadField {
    v = blank(v);
    if (v == null) return null;
    try {
      if (v.indexOf(':') < 0) return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
      String[] p = v.split(":");
      if (p.length != 3) throw new NumberFormatException();
      long ms = Math.round(Double.parseDouble(p[2]) * 1000);
      return Duration.ofHours(Long.parseLong(p[0]))
          .plusMinutes(Long.parseLong(p[1]))
          .plusMillis(ms);
    } catch (NumberFormatException e) {
      throw new BadField("duration", "'" + v + "' is not a duration (HH:mm:ss or seconds)");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Splits one CSV line; null when a quote is not closed. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else quoted = false;
        } else cur.append(c);
      } else if (c == '"') quoted = true;
      else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else cur.append(c);
    }
    if (quoted) return null;
    out.add(cur.toString());
    return out;
  }
}
