package dev.vigie.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.wire.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} overlaps {1}: {2}")
  @CsvSource({
    // a, b, overlap
    "10.0.0.0/8, 10.1.2.3, true", // a host inside a prefix
    "10.0.0.0/8, 11.0.0.1, false", // outside
    "10.1.2.3, 10.1.2.3/32, true", // the same host written two ways
    "2001:db8::/32, 2001:db8:1::/64, true", // a /64 inside a /32
    "2001:db8:1::/64, 2001:db8:1::5, true", // an address inside its /64
    "2001:db8:1::/64, 2001:db8:2::5, false", // the next /64
    "0.0.0.0/0, 2001:db8::1, false", // families never overlap
    "10.0.0.0/8, ::ffff:10.0.0.1, true", // an IPv4-mapped IPv6 address is its IPv4 address
    "0.0.0.0/0, 192.0.2.1, true" // everything
  })
  void overlaps(String a, String b, boolean overlap) {
    assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isEqualTo(overlap);
    assertThat(Cidr.parse(b).overlaps(Cidr.parse(a))).isEqualTo(overlap);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0/8", // host bits cleared
    "2001:db8:1:2:3:4:5:6/64, 2001:db8:1:2::/64",
    "192.0.2.7, 192.0.2.7", // bare address: a host
    "2001:db8::1, 2001:db8::1"
  })
  void normalises(String in, String out) {
    assertThat(Cidr.parse(in)).hasToString(out);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/33", "2001:db8::/129", "10.0.0/8", "example.com", "10.0.0.0/x", "''"})
  void rejectsWithTheText(String bad) {
    assertThatThrownBy(() -> Cidr.parse(bad)).hasMessageContaining("'" + bad + "'");
  }

  @ParameterizedTest
  @CsvSource({"198.51.100.7, 198.51.100.7", "2001:db8:5::77, 2001:db8:5::/64"})
  void aSourceBlockIsTheAddressOrItsSlash64(String ip, String block) {
    assertThat(Cidr.sourceBlock(IpAddress.parse(ip))).hasToString(block);
  }
}
