package dev.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.wire.Transport;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeTargetTest {
  @Test
  void defaults() {
    ProbeTarget t = ProbeTarget.builder("trunk-a", "203.0.113.5").build();

    assertThat(t.componentId()).isEqualTo("trunk-a");
    assertThat(t.port()).isEqualTo(5060);
    assertThat(t.transport()).isEqualTo(Transport.UDP);
    assertThat(t.kind()).isEqualTo(ProbeKind.OPTIONS);
    assertThat(t.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(t.acceptedCodes()).isEqualTo(StatusCodes.OPTIONS_DEFAULT);
    assertThat(t.downAfter()).isEqualTo(3);
    assertThat(t.upAfter()).isEqualTo(2);
    assertThat(t.address()).isEqualTo("203.0.113.5:5060/UDP");
  }

  @Test
  void registerDefaultsToSuccessCodesAndTheHostAsDomain() {
    ProbeTarget t =
        ProbeTarget.builder("reg", "pbx.example")
            .register(new Credentials("100", "pw", null))
            .build();

    assertThat(t.acceptedCodes()).isEqualTo(StatusCodes.REGISTER_DEFAULT);
    assertThat(t.registerDomain()).isEqualTo("pbx.example");
    assertThat(t.credentials().toString()).doesNotContain("pw");
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        // each row: what is wrong, the expected start of the message naming key and value
        row(b -> ProbeTarget.builder("bad id!", "h"), "id: 'bad id!'"),
        row(b -> ProbeTarget.builder("x", "bad host"), "host: 'bad host'"),
        row(b -> ProbeTarget.builder("x", null), "host: 'null'"),
        row(b -> b.port(70000), "port: 70000 is not a port"),
        row(b -> b.port(0), "port: 0 is not a port"),
        row(b -> b.transport(Transport.TLS), "transport: 'TLS' is not supported"),
        row(b -> b.kind(null), "kind: missing"),
        row(b -> b.kind(ProbeKind.REGISTER), "credentials: required by a REGISTER probe"),
        row(b -> b.register(new Credentials("a b", "pw", null)), "credentials.user: 'a b'"),
        row(b -> b.register(new Credentials("u", "", null)), "credentials.password: missing"),
        row(
            b -> b.register(new Credentials("u", "p", "bad domain")),
            "credentials.domain: 'bad domain'"),
        row(b -> b.interval(Duration.ofMillis(500)), "interval: 'PT0.5S' must be at least 1s"),
        row(b -> b.timeout(Duration.ofMillis(10)), "timeout: 'PT0.01S' must be at least 100ms"),
        row(
            b -> b.interval(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(3)),
            "timeout: 'PT3S' is longer than interval 'PT2S'"),
        row(b -> b.downAfter(0), "downAfter: 0 is not in 1-100"),
        row(b -> b.upAfter(101), "upAfter: 101 is not in 1-100"));
  }

  static Arguments row(UnaryOperator<ProbeTarget.Builder> f, String message) {
    return Arguments.of(f, message);
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badValuesAreNamed(UnaryOperator<ProbeTarget.Builder> f, String message) {
    assertThatThrownBy(() -> f.apply(ProbeTarget.builder("x", "127.0.0.1")).build())
        .isInstanceOfSatisfying(
            ProbeConfigException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(message)));
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    assertThatThrownBy(() -> ProbeTarget.builder("p1", "h").port(-1).downAfter(0).build())
        .isInstanceOf(ProbeConfigException.class)
        .hasMessage("probe 'p1': port: -1 is not a port (1-65535); downAfter: 0 is not in 1-100");
  }

  @Test
  void optionsWithCredentialsIsAMistake() {
    assertThatThrownBy(() ->
            new ProbeTarget(
                "o",
                "c",
                "h",
                5060,
                Transport.UDP,
                ProbeKind.OPTIONS,
                new Credentials("u", "p", null),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                null,
                3,
                2))
        .hasMessageContaining("credentials: only used by REGISTER probes");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // spec              | normalised      | in  | out
        "200-407,409-499     | 200-407,409-499 | 404 | 408",
        "200                 | 200             | 200 | 201",
        " 200 - 299 , 404    | 200-299,404     | 404 | 403",
        "100-699             | 100-699         | 699 | 700",
      })
  void statusCodes(String spec, String normalised, int in, int out) {
    StatusCodes c = StatusCodes.parse(spec);
    assertThat(c.toString()).isEqualTo(normalised);
    assertThat(c.contains(in)).isTrue();
    assertThat(c.contains(out)).isFalse();
    assertThat(StatusCodes.parse(c.toString())).isEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "299-200 | '299-200' is a reversed range",
        "abc     | 'abc' is not a status code",
        "99      | '99' is not a status code",
        "200,    | '' is not a status code",
        "\"\"      | empty list of codes",
      })
  void badStatusCodes(String spec, String message) {
    assertThatThrownBy(() -> StatusCodes.parse(spec)).hasMessageStartingWith(message);
  }
}
