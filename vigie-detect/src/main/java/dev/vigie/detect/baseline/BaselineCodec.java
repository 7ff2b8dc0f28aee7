package dev.vigie.detect.baseline;

import java.nio.ByteBuffer;

/**
 * The bytes a machine's baselines ({@code DetectionEngine.baselineState}) are stored as, in a Kafka
 * checkpoint or a database row: the number of arrays, then each array's length and its doubles,
 * big-endian.
 */
public final class BaselineCodec {
  /** More arrays than this is not a state (an engine keeps five per machine). */
  static final int MAX_ARRAYS = 16;

  private BaselineCodec() {}

  public static byte[] encode(double[][] state) {
    int n = 4;
    for (double[] a : state) n += 4 + 8 * a.length;
    ByteBuffer b = ByteBuffer.allocate(n);
    b.putInt(state.length);
    for (double[] a : state) {
      b.putInt(a.length);
      for (double d : a) b.putDouble(d);
    }
    return b.array();
  }

  /** The state, or null for bytes that are not one (a tombstone, a foreign or truncated value). */
  public static double[][] decode(byte[] v) {
    if (v == null || v.length < 4) return null;
    ByteBuffer b = ByteBuffer.wrap(v);
    int k = b.getInt();
    if (k < 0 || k > MAX_ARRAYS) return null;
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      if (b.remaining() < 4) return null;
      int len = b.getInt();
      if (len < 0 || len > b.remaining() / 8) return null;
      out[i] = new double[len];
      for (int j = 0; j < len; j++) out[i][j] = b.getDouble();
    }
    return b.hasRemaining() ? null : out;
  }
}
