package dev.vigie.probe;

/** Why a probe failed. */
public enum FailureReason {
  /** No final response within the timeout (UDP retransmissions included) or no TCP connect. */
  TIMEOUT,
  /** The port is closed: TCP connection refused, or ICMP port unreachable on UDP. */
  REFUSED,
  /** The host name does not resolve or no route leads to it. */
  UNREACHABLE,
  /** A final response outside the accepted codes. */
  UNEXPECTED_CODE,
  /** Bytes that are not a SIP response, or a connection closed before the final response. */
  BAD_RESPONSE,
  /** REGISTER: the credentials were refused (a second challenge, or 403). */
  AUTH_REJECTED,
  /** Any other local I/O error (no socket, permission). */
  IO_ERROR
}
