package dev.vigie.wire.net;

/**
 * Splits a reassembled byte stream into messages (SIP by Content-Length, HEP by its length field).
 */
@FunctionalInterface
public interface StreamFramer {
  /**
   * The length of the complete message at the start of {@code b[off, off+len)}.
   *
   * @return the length; -1 when more bytes are needed; -2 when the bytes cannot start a message
   */
  int messageLength(byte[] b, int off, int len);
}
