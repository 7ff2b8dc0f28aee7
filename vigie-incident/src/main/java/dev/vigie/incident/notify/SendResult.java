package dev.vigie.incident.notify;

/** What happened to one send attempt. */
public sealed interface SendResult {

  /** The SMTP server accepted the message (250 after DATA). */
  record Accepted(String serverReply) implements SendResult {}

  /**
   * Worth retrying later (connection refused or timed out, 4xx reply, authentication failure).
   *
   * @param serverWide the failure concerns the server, not this message (it is unreachable or
   *     refuses us): the worker stops the current batch instead of trying every message in turn
   */
  record Transient(String reason, boolean serverWide) implements SendResult {}

  /** Will never succeed as is (5xx reply such as recipient rejected, invalid address). */
  record Permanent(String reason) implements SendResult {}
}
