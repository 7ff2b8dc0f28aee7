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
import dev.vigie.wire.SipEvent;
import dev.vigie.wire.capture.CaptureDecoder;
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
}
