package dev.vigie.cluster.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small binary vocabulary the alert and action codecs share: nullable strings, instants and
 * durations, and JSON-like values (the evidence of an alert). Every reader checks lengths against
 * what is left, so a corrupt record fails with {@link CodecException}, never with an allocation of
 * an attacker-chosen size.
 */
final class Bin {
  private static final int MAX_DEPTH = 16;

  private Bin() {}

  static final class Out {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    final DataOutputStream out = new DataOutputStream(bytes);

    void str(String s) {
      try {
        if (s == null) {
          out.writeInt(-1);
          return;
        }
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void i8(int v) {
      try {
        out.writeByte(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void i32(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void i64(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void instant(Instant t) {
      if (t == null) {
        i8(0);
        return;
      }
      i8(1);
      i64(t.getEpochSecond());
      i32(t.getNano());
    }

    void duration(Duration d) {
      if (d == null) {
        i8(0);
        return;
      }
      i8(1);
      i64(d.getSeconds());
      i32(d.getNano());
    }

    void value(Object v, int depth) {
      if (depth > MAX_DEPTH) throw new CodecException("evidence nested deeper than " + MAX_DEPTH);
      switch (v) {
        case null -> i8(0);
        case String s -> {
          i8(1);
          str(s);
        }
        case Integer n -> {
          i8(2);
          i64(n);
        }
        case Long n -> {
          i8(2);
          i64(n);
        }
        case Short n -> {
          i8(2);
          i64(n);
        }
        case Number n -> {
          i8(3);
          i64(Double.doubleToLongBits(n.doubleValue()));
        }
        case Boolean b -> i8(b ? 4 : 5);
        case Map<?, ?> m -> {
          i8(6);
          i32(m.size());
          for (Map.Entry<?, ?> e : m.entrySet()) {
            str(String.valueOf(e.getKey()));
            value(e.getValue(), depth + 1);
          }
        }
        case Iterable<?> l -> {
          List<Object> items = new ArrayList<>();
          l.forEach(items::add);
          i8(7);
          i32(items.size());
          for (Object o : items) value(o, depth + 1);
        }
        default -> {
          i8(1);
          str(v.toString()); // Instant, enum, ...: their text, as JSON would show them
        }
      }
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  static final class In {
    private final byte[] b;
    private final DataInputStream in;
    private final int end;
    private int read;

    In(byte[] b) {
      if (b == null) throw new CodecException("empty record");
      this.b = b;
      this.end = b.length;
      this.in = new DataInputStream(new java.io.ByteArrayInputStream(b));
    }

    private void need(long n) {
      if (n < 0 || read + n > end) throw new CodecException("record truncated");
      read += (int) n;
    }

    int i8() {
      need(1);
      try {
        return in.readUnsignedByte();
      } catch (IOException e) {
        throw new CodecException("record truncated");
      }
    }

    int i32() {
      need(4);
      try {
        return in.readInt();
      } catch (IOException e) {
        throw new CodecException("record truncated");
      }
    }

    long i64() {
      need(8);
      try {
        return in.readLong();
      } catch (IOException e) {
        throw new CodecException("record truncated");
      }
    }

    String str() {
      int n = i32();
      if (n == -1) return null;
      need(n);
      String s = new String(b, read - n, n, java.nio.charset.StandardCharsets.UTF_8);
      try {
        in.skipNBytes(n);
      } catch (IOException e) {
        throw new CodecException("record truncated");
      }
      return s;
    }

    Instant instant() {
      if (i8() == 0) return null;
      long s = i64();
      int n = i32();
      if (n < 0 || n > 999_999_999) throw new CodecException("bad instant");
      try {
        return Instant.ofEpochSecond(s, n);
      } catch (java.time.DateTimeException e) {
        throw new CodecException("instant out of range");
      }
    }

    Duration duration() {
      if (i8() == 0) return null;
      long s = i64();
      int n = i32();
      if (n < 0 || n > 999_999_999) throw new CodecException("bad duration");
      return Duration.ofSeconds(s, n);
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) throw new CodecException("evidence nested deeper than " + MAX_DEPTH);
      int tag = i8();
      return switch (tag) {
        case 0 -> null;
        case 1 -> str();
        case 2 -> i64();
        case 3 -> Double.longBitsToDouble(i64());
        case 4 -> Boolean.TRUE;
        case 5 -> Boolean.FALSE;
        case 6 -> {
          int n = count();
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) m.put(str(), value(depth + 1));
          yield m;
        }
        case 7 -> {
          int n = count();
          List<Object> l = new ArrayList<>();
          for (int i = 0; i < n; i++) l.add(value(depth + 1));
          yield l;
        }
        default -> throw new CodecException("unknown value tag " + tag);
      };
    }

    /** A count of items, each at least one byte: never more than the bytes left. */
    int count() {
      int n = i32();
      if (n < 0 || n > end - read) throw new CodecException("bad item count " + n);
      return n;
    }

    void done() {
      if (read != end) throw new CodecException((end - read) + " bytes after the record");
    }
  }
}
