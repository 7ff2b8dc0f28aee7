package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.paging.PagingConfig.ChannelSpec;
import dev.vigie.server.paging.PagingConfig.Kind;
import dev.vigie.server.paging.PagingConfig.Person;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile text in every body format: escaped for its context, never in the first line. */
class PayloadsTest {
  private static final Person MARIE =
      new Person("marie", "Marie \"M\" <b>", "m@x.fr", "+33 6 11 22 33 44", List.of(), "fr");
  private static final String TITLE =
      "INVITE from friendly-scanner\r\nX: y\" , \"to\": \"+1900\" & a=b {{phone}} \u2028 [x](http://e)";

  private static PageMessage message(Lang lang) {
    return PageMessage.of(
        new Texts(lang, ZoneId.of("Europe/Paris")),
        "IG-2024-09-23-001",
        "CRITICAL",
        "SCAN",
        TITLE,
        1,
        0,
        "https://vigie.example/page/ack/abc.def");
  }

  private static ChannelSpec http(String contentType, String body) {
    return new ChannelSpec(
        "sms",
        Kind.HTTP,
        URI.create("https://gw.example/send?to=%7B%7Bphone%7D%7D&m=%7B%7Btext%7D%7D"),
        "POST",
        Map.of(),
        contentType,
        body,
        "adaptive");
  }

  @Test
  void theFirstLineHoldsOnlyVigiesWords() {
    PageMessage m = message(Lang.FR);
    assertThat(m.headline())
        .isEqualTo("ASTREINTE Vigie : incident IG-2024-09-23-001, sévérité Critique");
    assertThat(m.text().lines().findFirst()).hasValue(m.headline());
    assertThat(m.sms())
        .doesNotContain("INVITE", "scanner")
        .contains("balayage", "https://vigie.example/page/ack/abc.def");
    assertThat(m.title()).doesNotContain("\r", "\n", "\u2028").hasSizeLessThanOrEqualTo(120);
    assertThat(message(Lang.EN).headline())
        .isEqualTo("Vigie ON-CALL: incident IG-2024-09-23-001, severity Critical");
  }

  @Test
  void aJsonTemplateStaysTheJsonItWas() throws Exception {
    String body =
        Payloads.body(
            http("application/json", "{\"to\": \"{{phone}}\", \"msg\": \"{{title}}\"}"),
            message(Lang.FR),
            MARIE);
    var tree = new ObjectMapper().readTree(body);
    assertThat(tree.size()).isEqualTo(2);
    assertThat(tree.get("to").asText()).isEqualTo("+33611223344");
    assertThat(tree.get("msg").asText())
        .startsWith("INVITE from friendly-scanner X: y\" , \"to\": \"+1900\"");
  }

  @Test
  void aFormTemplateAndTheUrlAreUrlEncoded() {
    String body =
        Payloads.body(
            http("application/x-www-form-urlencoded", "to={{phone}}&msg={{title}}"),
            message(Lang.FR),
            MARIE);
    String[] fields = body.split("&");
    assertThat(fields).hasSize(2);
    assertThat(URLDecoder.decode(fields[1].substring(4), StandardCharsets.UTF_8)).contains("& a=b");
    String url = Payloads.url(http("application/json", "{}"), message(Lang.FR), MARIE);
    assertThat(url).startsWith("https://gw.example/send?to=%2B33611223344&m=ASTREINTE+Vigie");
    assertThat(URI.create(url).getHost()).isEqualTo("gw.example");
  }

  @Test
  void slackAndTeamsCannotBeMadeToMentionOrLink() throws Exception {
    ObjectMapper json = new ObjectMapper();
    var slack = json.readTree(Payloads.slack(message(Lang.FR), MARIE));
    String section = slack.at("/blocks/1/text/text").asText();
    assertThat(section).contains("Marie \"M\" &lt;b&gt;", "&amp; a=b").doesNotContain("<b>");
    var teams = json.readTree(Payloads.teams(message(Lang.FR), MARIE, "messagecard"));
    assertThat(teams.get("@type").asText()).isEqualTo("MessageCard");
    assertThat(teams.get("text").asText()).contains("\\[x\\]\\(http://e\\)", "\\<b\\>");
    assertThat(teams.at("/potentialAction/0/targets/0/uri").asText())
        .isEqualTo("https://vigie.example/page/ack/abc.def");
  }
}
