package dev.vigie.wire;

/**
 * Why some bytes could not be decoded. Decoders return this (or report it to a sink) instead of
 * throwing: no exception escapes a decoder.
 *
 * @param layer the layer that refused the bytes, e.g. "pcapng", "ipv4", "hep", "sip"
 * @param reason a short human-readable reason, e.g. "HEP chunk length 3 shorter than its header"
 */
public record Malformed(String layer, String reason) {
  @Override
  public String toString() {
    return layer + ": " + reason;
  }
}
