package dev.vigie.wire;

/** The transport a SIP message travelled on. */
public enum Transport {
  UDP,
  TCP,
  TLS,
  SCTP,
  WS,
  WSS,
  OTHER
}
