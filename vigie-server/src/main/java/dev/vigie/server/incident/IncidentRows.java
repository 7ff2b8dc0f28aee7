package dev.vigie.server.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.incident.AffectedClient;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Priority;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.TimelineEdit;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Mapping between the incident tables and the domain records: instants as {@code TIMESTAMP WITH
 * TIME ZONE} (bound as UTC {@link OffsetDateTime}, which both H2 and PostgreSQL drivers take),
 * lists and the review as JSON text. Stateless.
 */
final class IncidentRows {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<AffectedClient>> CLIENTS = new TypeReference<>() {};

  private IncidentRows() {}

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String col) throws SQLException {
    var t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String text, TypeReference<T> type) {
    try {
      return Json.mapper().readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  static Incident incident(ResultSet rs) throws SQLException {
    return new Incident(
        rs.getLong("id"),
        rs.getString("ig_number"),
        rs.getString("title"),
        IncidentSeverity.valueOf(rs.getString("severity")),
        Priority.valueOf(rs.getString("priority")),
        IncidentStatus.valueOf(rs.getString("status")),
        instant(rs, "started_at"),
        instant(rs, "ended_at"),
        instant(rs, "detected_at"),
        instant(rs, "mitigated_at"),
        instant(rs, "resolved_at"),
        instant(rs, "closed_at"),
        read(rs.getString("services"), STRINGS),
        rs.getString("client_impact"),
        rs.getString("cause"),
        read(rs.getString("affected_clients"), CLIENTS),
        rs.getString("correlation_key"),
        rs.getLong("version"));
  }

  /** An entry without its history (added by the store). */
  static TimelineEntry entry(ResultSet rs) throws SQLException {
    return new TimelineEntry(
        rs.getLong("id"),
        rs.getLong("incident_id"),
        instant(rs, "at"),
        rs.getString("description"),
        TimelineSource.valueOf(rs.getString("source")),
        rs.getString("author"),
        rs.getString("ref"),
        rs.getString("ref_state"),
        rs.getBoolean("hidden"),
        instant(rs, "recorded_at"),
        rs.getInt("revision"),
        List.of());
  }

  static TimelineEdit edit(ResultSet rs) throws SQLException {
    return new TimelineEdit(
        rs.getInt("revision"),
        instant(rs, "previous_at"),
        rs.getString("previous_description"),
        rs.getBoolean("previous_hidden"),
        rs.getString("edited_by"),
        instant(rs, "edited_at"));
  }

  static Review review(ResultSet rs) throws SQLException {
    return read(rs.getString("body"), new TypeReference<Review>() {})
        .withVersion(rs.getLong("version"));
  }

  static TimelineEntry withHistory(TimelineEntry e, List<TimelineEdit> history) {
    return new TimelineEntry(
        e.id(),
        e.incidentId(),
        e.at(),
        e.description(),
        e.source(),
        e.author(),
        e.ref(),
        e.refState(),
        e.hidden(),
        e.recordedAt(),
        e.revision(),
        history);
  }
}
