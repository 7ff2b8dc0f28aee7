package dev.vigie.wire.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One 3CX call detail record. The fields detection uses are typed; every field of the row is kept
 * in {@link #fields} under its 3CX name ({@code historyid}, {@code from-no}, ...).
 *
 * @param line the line of the file it came from (1-based), 0 when not from a file
 * @param historyId 3CX history id
 * @param callId 3CX call id
 * @param duration talk time, null when absent
 * @param timeStart when the call started (never null)
 * @param timeAnswered when it was answered, null when it was not
 * @param timeEnd when it ended, null when absent
 * @param reasonTerminated why it ended (e.g. TerminatedBySrc)
 * @param fromNo calling number
 * @param toNo called number
 * @param fromDn calling extension (DN)
 * @param toDn called DN
 * @param dialNo the number as dialled
 * @param finalNumber the number finally reached
 * @param fromType caller type (Extension, Line, ...)
 * @param toType callee type
 * @param fields every field of the row by name
 */
public record CdrRecord(
    long line,
    String historyId,
    String callId,
    Duration duration,
    Instant timeStart,
    Instant timeAnswered,
    Instant timeEnd,
    String reasonTerminated,
    String fromNo,
    String toNo,
    String fromDn,
    String toDn,
    String dialNo,
    String finalNumber,
    String fromType,
    String toType,
    Map<String, String> fields) {

  public CdrRecord {
    fields = Map.copyOf(fields);
  }

  /** The number the caller asked for: dial-no, else to-no, else final-number (may be null). */
  public String dialled() {
    if (dialNo != null && !dialNo.isBlank()) return dialNo;
    if (toNo != null && !toNo.isBlank()) return toNo;
    return finalNumber;
  }

  /** The calling extension: from-dn, else from-no (may be null). */
  public String caller() {
    if (fromDn != null && !fromDn.isBlank()) return fromDn;
    return fromNo;
  }
}
