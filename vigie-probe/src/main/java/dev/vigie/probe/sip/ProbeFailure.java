package dev.vigie.probe.sip;

import dev.vigie.probe.FailureReason;

/** Internal: ends an exchange with a typed failure; turned into a result by {@link SipProber}. */
final class ProbeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  final FailureReason reason;
  final int code;

  ProbeFailure(FailureReason reason, String detail) {
    this(reason, detail, 0);
  }

  ProbeFailure(FailureReason reason, String detail, int code) {
    super(detail, null, false, false);
    this.reason = reason;
    this.code = code;
  }
}
