package dev.vigie.wire.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdrParserTest {
  static final String HEADER =
      "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,to-no,from-dn,to-dn,dial-no,reason-changed,final-number,final-dn,bill-code,bill-rate,bill-cost,bill-name,chain,from-type,to-type,final-type,from-dispname,to-dispname,final-dispname,missed-queue-calls";

  @Test
  void readsAHeaderedFile() throws Exception {
    String csv =
        HEADER
            + "\n"
            + "101,00000C1A2B,00:01:05,2024/09/23 02:10:00,2024/09/23 02:10:04,2024/09/23 02:11:09,TerminatedBySrc,1002,0088213456,1002,,0088213456,,0088213456,,,,,,\"Chain: Ext.1002;Line:10000\",Extension,Line,Line,\"Doe, John\",,,\n";
    CdrParser.Result r = CdrParser.defaults().parse(new StringReader(csv));
    assertThat(r.errors()).isEmpty();
    CdrRecord c = r.records().get(0);
    assertThat(c.line()).isEqualTo(2);
    assertThat(c.timeStart()).isEqualTo(Instant.parse("2024-09-23T02:10:00Z"));
    assertThat(c.timeEnd()).isEqualTo(Instant.parse("2024-09-23T02:11:09Z"));
    assertThat(c.duration()).isEqualTo(Duration.ofSeconds(65));
    assertThat(c.caller()).isEqualTo("1002");
    assertThat(c.dialled()).isEqualTo("0088213456");
    assertThat(c.fields())
        .containsEntry("from-dispname", "Doe, John")
        .containsEntry("chain", "Chain: Ext.1002;Line:10000");
  }

  @Test
  void usesTheConfiguredOrderWithoutHeaderAndAZone() throws Exception {
    CdrParser p =
        new CdrParser(
            List.of("time-start", "from-dn", "dial-no", "duration"), ZoneId.of("Europe/Paris"));
    CdrParser.Result r = p.parse(new StringReader("2024-09-23 04:10:00,1002,+88213456,42\n"));
    assertThat(r.records()).hasSize(1);
    assertThat(r.records().get(0).timeStart()).isEqualTo(Instant.parse("2024-09-23T02:10:00Z"));
    assertThat(r.records().get(0).duration()).isEqualTo(Duration.ofSeconds(42));
    assertThat(r.records().get(0).dialled()).isEqualTo("+88213456");
  }

  @Test
  void countsBadRowsAndNamesLineAndField() throws Exception {
    String csv =
        "time-start,from-dn,dial-no,duration\n"
            + "yesterday,1002,0033,10\n"
            + "2024-09-23 04:10:00,1002,0033,ten\n"
            + "2024-09-23 04:10:00,\"1002,0033,10\n"
            + "\n"
            + "2024-09-23T04:10:00+02:00,1003,0044,00:00:10\n";
    CdrParser.Result r = CdrParser.defaults().parse(new StringReader(csv));
    assertThat(r.badRows()).isEqualTo(3);
    assertThat(r.errors())
        .containsExactly(
            "line 2, field time-start: 'yesterday' is not a date-time",
            "line 3, field duration: 'ten' is not a duration (HH:mm:ss or seconds)",
            "line 4: unclosed quote");
    assertThat(r.records())
        .singleElement()
        .satisfies(c -> assertThat(c.timeStart()).isEqualTo(Instant.parse("2024-09-23T02:10:00Z")));
  }
}
