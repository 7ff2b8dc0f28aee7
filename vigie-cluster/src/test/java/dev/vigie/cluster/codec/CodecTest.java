package dev.vigie.cluster.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.detect.inventory.Cidr;
import dev.vigie.detect.threshold.Level;
import dev.vigie.detect.threshold.Threshold;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.cdr.CdrRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The record codecs: exact round trips, and corrupt records refused with a reason. */
class CodecTest {

  @Test
  void everySipEventOfTheLabCapturesRoundTrips() {
    List<SipEvent> events = new ArrayList<>();
    Path dir = Path.of("..", "testdata", "captures").toAbsolutePath().normalize();
    for (String c : List.of("ipv6.hep.pcap", "svwar.hep.pcap", "tcp-normal.hep.pcap"))
      CaptureDecoder.read(dir.resolve(c), events::add);
    assertThat(events).hasSizeGreaterThan(500);
    for (SipEvent e : events) {
      byte[] rec = SipRecords.encode(e);
      SipEvent d = SipRecords.decode(rec);
      assertThat(d.timestampMicros()).isEqualTo(e.timestampMicros());
      assertThat(d.src()).isEqualTo(e.src());
      assertThat(d.dst()).isEqualTo(e.dst());
      assertThat(d.srcPort()).isEqualTo(e.srcPort());
      assertThat(d.dstPort()).isEqualTo(e.dstPort());
      assertThat(d.transport()).isEqualTo(e.transport());
      assertThat(d.captureId()).isEqualTo(e.captureId());
      assertThat(d.sip().callId()).isEqualTo(e.sip().callId());
      assertThat(
              Arrays.copyOfRange(
                  d.sip().buffer(), d.sip().offset(), d.sip().offset() + d.sip().length()))
          .isEqualTo(
              Arrays.copyOfRange(
                  e.sip().buffer(), e.sip().offset(), e.sip().offset() + e.sip().length()));
      assertThat(rec.length - e.sip().length()).isEqualTo(e.src().v6() ? 51 : 27);
    }
    assertThat(SipRecords.tickMicros(SipRecords.tick(1234567L))).isEqualTo(1234567L);
  }

  @Test
  void alertsRoundTrip() {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("requests", 104L);
    ev.put("ratio", 0.5);
    ev.put("userAgents", List.of("friendly-scanner", "é"));
    ev.put("nested", Map.of("ok", true));
    ev.put("none", null);
    Alert a =
        new Alert(
            "ENUMERATION:127.0.0.66:-:1",
            2,
            AlertKind.ENUMERATION,
            Severity.CRITICAL,
            "127.0.0.66",
            null,
            Instant.parse("2026-12-06T20:39:07.386893Z"),
            Instant.parse("2026-12-06T20:39:08Z"),
            Instant.parse("2026-12-06T20:39:09.1Z"),
            "Extension enumeration",
            ev);
    assertThat(AlertRecords.decode(AlertRecords.encode(a))).isEqualTo(a);
  }

  @Test
  void platformPressureAlertsRoundTrip() {
    var episodes = new ArrayList<Alert>();
    new dev.vigie.detect.pressure.PressureEpisodes(episodes::add)
        .observe(
            "pbx-acme",
            List.of(
                dev.vigie.detect.pressure.PressureReading.of(
                    new dev.vigie.detect.pressure.PressureMetric("diskWriteBytes", "q", 1e8, 0.8),
                    9.5e7)),
            Instant.parse("2026-12-06T20:39:08Z"));
    Alert a = episodes.getFirst();
    assertThat(a.kind()).isEqualTo(AlertKind.PLATFORM_PRESSURE);
    assertThat(AlertRecords.decode(AlertRecords.encode(a))).isEqualTo(a);
  }

  @Test
  void actionsRoundTrip() {
    Instant now = Instant.parse("2026-12-06T20:00:00Z");
    for (Target t :
        List.<Target>of(
            Target.Source.parse("2001:db8::1"),
            new Target.Machine("pbx-acme", List.of(Cidr.parse("127.0.0.20"))))) {
      Isolation i =
          new Isolation(
              "iso-1",
              t,
              IsolationKind.of(t),
              Reason.ISOLATE,
              "why",
              "A:1",
              now,
              Duration.ofMinutes(10),
              now,
              now.plusSeconds(600),
              IsolationState.ACTIVE,
              "auto",
              false,
              null,
              null);
      Action a = Action.of(Action.Op.APPLY, i);
      assertThat(a.id()).isEqualTo("iso-1:APPLY");
      assertThat(ActionRecords.decode(ActionRecords.encode(a))).isEqualTo(a);
    }
  }

  @Test
  void corruptRecordsAreRefusedWithAReasonNeverACrash() {
    assertThatThrownBy(() -> SipRecords.decode(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not a Vigie SIP record");
    assertThatThrownBy(() -> AlertRecords.decode(new byte[] {1, 0, 0, 0}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
    // a length field claiming 2 GB is refused before any allocation
    assertThatThrownBy(() -> AlertRecords.decode(new byte[] {1, 0x7F, -1, -1, -1}))
        .isInstanceOf(CodecException.class);
    Random r = new Random(15);
    byte[] good =
        AlertRecords.encode(
            new Alert(
                "X:1",
                1,
                AlertKind.SCAN,
                Severity.WARNING,
                "1.2.3.4",
                null,
                null,
                null,
                null,
                "s",
                Map.of("k", List.of(1L, 2L))));
    for (int i = 0; i < 20_000; i++) {
      byte[] b = good.clone();
      b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      byte[] cut = Arrays.copyOf(b, r.nextInt(b.length + 1));
      for (byte[] in : List.of(b, cut)) {
        try {
          AlertRecords.decode(in);
          ActionRecords.decode(in);
        } catch (CodecException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void batchesCarryEventsTicksAndCdrsInOrder() {
    List<SipEvent> events = new ArrayList<>();
    Path dir = Path.of("..", "testdata", "captures").toAbsolutePath().normalize();
    for (String c : List.of("ipv6.hep.pcap", "svwar.hep.pcap"))
      CaptureDecoder.read(dir.resolve(c), events::add);
    CdrRecord cdr = cdr("0088213400");
    RecordBatch batch = new RecordBatch(64);
    for (int i = 0; i < events.size(); i++) {
      batch.add(events.get(i));
      if (i % 50 == 0) batch.addTick(1_000_000L * i);
      if (i % 97 == 0) batch.addRecord(CdrRecords.encode(cdr, i % 2 == 0 ? "pbx-acme" : null));
    }
    int expectedEvents = events.size() + (events.size() + 96) / 97;
    assertThat(batch.events()).isEqualTo(expectedEvents);
    byte[] rec = batch.take();
    assertThat(batch.isEmpty()).isTrue();
    List<String> seen = new ArrayList<>();
    RecordBatch.read(
        rec,
        new RecordBatch.Visitor() {
          @Override
          public void sip(byte[] b, int off, int len) {
            seen.add("sip " + SipRecords.decode(b, off, len).sip().callId());
          }

          @Override
          public void tick(long micros) {
            seen.add("tick " + micros);
          }

          @Override
          public void cdr(byte[] b, int off, int len) {
            CdrRecords.Cdr c = CdrRecords.decode(b, off, len);
            assertThat(c.record()).isEqualTo(cdr);
            seen.add("cdr " + c.machineId());
          }
        });
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      expected.add("sip " + events.get(i).sip().callId());
      if (i % 50 == 0) expected.add("tick " + 1_000_000L * i);
      if (i % 97 == 0) expected.add("cdr " + (i % 2 == 0 ? "pbx-acme" : null));
    }
    assertThat(seen).isEqualTo(expected);
    // a single (version 1) record is still read, as one entry
    List<Long> ticks = new ArrayList<>();
    RecordBatch.read(
        SipRecords.tick(42),
        new RecordBatch.Visitor() {
          @Override
          public void sip(byte[] b, int off, int len) {}

          @Override
          public void tick(long micros) {
            ticks.add(micros);
          }

          @Override
          public void cdr(byte[] b, int off, int len) {}
        });
    assertThat(ticks).containsExactly(42L);

    // corrupted batches: refused with a reason, never another exception
    Random r = new Random(16);
    RecordBatch small = new RecordBatch(64);
    for (int i = 0; i < 20; i++) small.add(events.get(i));
    small.addRecord(CdrRecords.encode(cdr, "pbx-acme"));
    small.addTick(7);
    byte[] good = small.take();
    RecordBatch.Visitor strict =
        new RecordBatch.Visitor() {
          @Override
          public void sip(byte[] b, int off, int len) {
            SipRecords.decode(b, off, len);
          }

          @Override
          public void tick(long micros) {}

          @Override
          public void cdr(byte[] b, int off, int len) {
            CdrRecords.decode(b, off, len);
          }
        };
    for (int i = 0; i < 20_000; i++) {
      byte[] b = good.clone();
      b[r.nextInt(Math.min(b.length, i % 2 == 0 ? 64 : b.length))] = (byte) r.nextInt(256);
      byte[] cut = Arrays.copyOf(b, r.nextInt(b.length + 1));
      for (byte[] in : List.of(b, cut)) {
        try {
          RecordBatch.read(in, strict);
        } catch (CodecException expected2) {
          assertThat(expected2.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Test
  void thresholdSnapshotsRoundTrip() {
    Thresholds t =
        Thresholds.defaults()
            .withDefault(Threshold.SCAN_DISTINCT_TARGETS, new Level(2, 3))
            .withMachine("pbx-office", Map.of(Threshold.REQUESTS_PER_SECOND, new Level(60, 200)));
    Thresholds back = ThresholdRecords.decode(ThresholdRecords.encode(t));
    for (Threshold k : Threshold.values()) {
      assertThat(back.level(null, k)).as(k.key()).isEqualTo(t.level(null, k));
      assertThat(back.level("pbx-office", k)).as(k.key()).isEqualTo(t.level("pbx-office", k));
    }
    assertThat(back.overrides("pbx-office")).isEqualTo(t.overrides("pbx-office"));
    byte[] bad = ThresholdRecords.encode(t);
    bad[bad.length - 1] ^= 0x55; // a level that is not a valid number pair, or trailing bytes
    try {
      ThresholdRecords.decode(bad);
    } catch (CodecException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    assertThatThrownBy(() -> ThresholdRecords.decode(new byte[] {2}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 1");
  }

  private static CdrRecord cdr(String dialled) {
    Instant start = Instant.parse("2026-01-05T10:00:00Z");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("historyid", "1001");
    fields.put("dial-no", dialled);
    fields.put("note", "é, \"quoted\"");
    return new CdrRecord(
        0,
        "1001",
        "call-1",
        Duration.ofMinutes(10),
        start,
        start.plusSeconds(1),
        null,
        "TerminatedBySrc",
        "Ext.1002",
        dialled,
        "1002",
        null,
        dialled,
        null,
        "Extension",
        "Line",
        fields);
  }
}
