package dev.vigie.probe;

/** What a probe sends. */
public enum ProbeKind {
  /** An OPTIONS request: any answer from the SIP stack in the accepted codes means it is alive. */
  OPTIONS,
  /**
   * An authenticated REGISTER without Contact (RFC 3261 section 10.2.3, a query of the bindings):
   * it proves the registrar accepts the account's credentials without touching its registrations.
   */
  REGISTER
}
