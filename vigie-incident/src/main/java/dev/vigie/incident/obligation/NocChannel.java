package dev.vigie.incident.obligation;

import dev.vigie.incident.Incident;

/**
 * Where reminders to the NOC go. The server sends them as emails through the notification outbox
 * (deduplicated by {@code dedupKey}, so a reminder re-sent after a crash is not delivered twice);
 * without an SMTP relay or NOC address it only logs.
 */
public interface NocChannel {

  /**
   * Sends one reminder.
   *
   * @param dedupKey stable key of the reminder ({@code nis2:<incident id>:<reminder key>})
   */
  void send(Incident incident, String dedupKey, String subject, String text);

  /** A channel that sends nothing (no NOC address). */
  NocChannel NONE = (incident, key, subject, text) -> {};
}
