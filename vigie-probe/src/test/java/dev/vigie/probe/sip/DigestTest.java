package dev.vigie.probe.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  @Test
  void rfc2617Example() {
    Digest.Challenge c =
        Digest.parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

    assertThat(c)
        .isEqualTo(
            new Digest.Challenge(
                "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "5ccc069c403ebaf9f0171e9517f40e41",
                "MD5",
                true));
    String auth =
        Digest.authorization(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b");
    assertThat(auth)
        .contains("response=\"6629fae49393a05397450978507c4ef1\"")
        .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
        .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
  }

  @ParameterizedTest
  @CsvSource({
    // RFC 7616 section 3.9.1, the same request with MD5 and with SHA-256
    "MD5, 8ca523f5e9506fed4657c9700eebdbec",
    "SHA-256, 753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
  })
  void rfc7616Examples(String algorithm, String response) {
    Digest.Challenge c =
        Digest.parse(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm="
                + algorithm
                + ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");

    String auth =
        Digest.authorization(
            c,
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    assertThat(auth).contains("response=\"" + response + "\"", "algorithm=" + algorithm);
  }

  @Test
  void withoutQopTheRfc2069FormIsUsed() {
    Digest.Challenge c = Digest.parse("Digest realm=\"r\", nonce=\"n\"");
    String ha1 = Digest.hash("MD5", "u:r:p");
    String ha2 = Digest.hash("MD5", "REGISTER:sip:d");

    assertThat(Digest.authorization(c, "u", "p", "REGISTER", "sip:d", "x"))
        .contains("response=\"" + Digest.hash("MD5", ha1 + ":n:" + ha2) + "\"")
        .doesNotContain("qop");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic realm=\"r\"",
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"",
        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256",
        "Digest realm=\"r\"",
        "Digest nonce=\"n\"",
        "Digest"
      })
  void unusableChallenges(String header) {
    assertThat(Digest.parse(header)).isNull();
  }
}
