package dev.vigie.cluster.codec;

/** A record that cannot be decoded: what is wrong with it, in one line. */
public final class CodecException extends RuntimeException {
  public CodecException(String message) {
    super(message);
  }
}
