package dev.vigie.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import dev.vigie.server.Json;
import dev.vigie.server.ServerFixture;
import dev.vigie.server.notify.Mail;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The status page tells the truth over time, on the seed platform with a clock the test moves: a
 * service follows its open published incident and an operator's declaration (worst wins) and comes
 * back when they end; public update texts appear with their time in the provider's zone, in each
 * page's language; 90 history bars per service coloured by each day's worst state (the days an
 * incident or a declaration covered, not the others); the Atom feed parsed as XML (RFC 4287's
 * required elements, one entry per public update, per language) and announced by the page.
 */
class StatusHistoryFeedTest {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  @TempDir Path tmp;
  private final int smtpPort = Mail.freePort();
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) mail.stop();
  }

  @Test
  void historyBarsUpdatesWithTheirTimeAndAnAtomFeedPerLanguage() throws Exception {
    mail = Mail.start(smtpPort);
    // 6 December 2026, 10:00 UTC = 11h00 in Paris
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    InstantSource clock = now::get;
    try (ServerFixture s = ServerFixture.start(tmp, Mail.config(smtpPort), clock)) {
      var created =
          s.http()
              .post(
                  "/api/v1/incidents",
                  "{\"title\": \"Appels entrants en échec\", \"startedAt\":"
                      + " \"2026-12-03T07:40:00Z\", \"services\": [\"sip-edge\"],"
                      + " \"severity\": \"CRITICAL\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      long id = Json.mapper().readTree(created.body()).get("id").asLong();
      String number = Json.mapper().readTree(created.body()).get("number").asText();

      // an operator declares Acme's telephony down too: worst wins, today
      assertThat(
              s.http()
                  .put(
                      "/api/v1/status/components/voip-acme",
                      "{\"status\": \"MAJOR_OUTAGE\", \"note\": \"Coupure\"}")
                  .statusCode())
          .isEqualTo(200);
      JsonNode j = status(s, "");
      assertThat(component(j, "sip-edge").get("status").asText()).isEqualTo("PARTIAL_OUTAGE");
      assertThat(component(j, "voip-acme").get("status").asText()).isEqualTo("MAJOR_OUTAGE");
      assertThat(j.get("overall").asText()).isEqualTo("MAJOR_OUTAGE");

      // a public update in French and English
      var upd =
          s.http()
              .post(
                  "/api/v1/notifications/incidents/" + id + "/update",
                  "{\"text\": \"Nos équipes rétablissent le routage des appels.\","
                      + " \"textEn\": \"Our teams are restoring call routing.\","
                      + " \"status\": \"IDENTIFIED\"}");
      assertThat(upd.statusCode()).as(upd.body()).isEqualTo(202);

      // the next day: the declaration is lifted, the incident resolved
      now.set(Instant.parse("2026-12-07T09:00:00Z"));
      s.http().put("/api/v1/status/components/voip-acme", "{\"status\": \"OPERATIONAL\"}");
      for (String to : new String[] {"INVESTIGATING", "RESOLVED"}) {
        var t =
            s.http().post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"" + to + "\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
        now.set(now.get().plus(Duration.ofMinutes(5)));
      }
      j = status(s, "");
      assertThat(j.get("overall").asText()).isEqualTo("OPERATIONAL");
      assertThat(component(j, "sip-edge").get("status").asText()).isEqualTo("OPERATIONAL");
      assertThat(component(j, "voip-acme").get("status").asText()).isEqualTo("OPERATIONAL");

      // 90 days each, oldest first, today last; each day's worst state
      Map<String, String> edge = days(component(j, "sip-edge"));
      Map<String, String> acme = days(component(j, "voip-acme"));
      assertThat(edge).hasSize(90);
      assertThat(edge.keySet()).first().isEqualTo("2026-09-09");
      assertThat(edge.keySet()).last().isEqualTo("2026-12-07");
      assertThat(edge.get("2026-12-02")).isEqualTo("OPERATIONAL");
      for (String d : List.of("2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"))
        assertThat(edge.get(d)).as(d).isEqualTo("PARTIAL_OUTAGE");
      assertThat(edge.values().stream().filter(v -> !v.equals("OPERATIONAL"))).hasSize(5);
      assertThat(acme.get("2026-12-06")).isEqualTo("MAJOR_OUTAGE");
      assertThat(acme.get("2026-12-07")).isEqualTo("MAJOR_OUTAGE"); // lifted at 10h00 that day
      assertThat(acme.get("2026-12-05")).isEqualTo("OPERATIONAL");
      now.set(Instant.parse("2026-12-08T09:00:00Z"));
      acme = days(component(status(s, ""), "voip-acme"));
      assertThat(acme.get("2026-12-08")).isEqualTo("OPERATIONAL");
      assertThat(days(component(status(s, ""), "sip-edge")).get("2026-12-08"))
          .isEqualTo("OPERATIONAL");

      // the pages: update texts with their time in Paris, every word in the page's language
      String fr = s.anonymous().get("/status").body();
      assertThat(fr)
          .contains(number)
          .contains("Nos équipes rétablissent le routage des appels.")
          .contains(">06/12/2026 à 11h00</time> Nos équipes rétablissent")
          .doesNotContain("Our teams are restoring")
          .contains("Historique sur 90 jours")
          .contains("heure de Paris")
          .contains(
              "<link rel=\"alternate\" type=\"application/atom+xml\""
                  + " href=\"/status/feed.atom?lang=fr\"");
      int services = status(s, "").get("components").size();
      assertThat(count(fr, "<rect ")).isEqualTo(90 * services);
      assertThat(count(fr, "role=\"img\" aria-label=\"")).isEqualTo(services);
      assertThat(fr).contains("Accès SIP (SBC)").contains("Panne partielle</li>");
      String en = s.anonymous().get("/status?lang=en").body();
      assertThat(en)
          .contains(">6 December 2026, 11:00</time> Our teams are restoring call routing.")
          .contains("History over 90 days")
          .contains("Paris time")
          .contains("lang=\"en\"");
      for (String french :
          List.of(
              "Opérationnel",
              "Panne",
              "Début",
              "Résolu",
              "Services concernés",
              "Mis à jour",
              "heure de",
              "jours",
              "Historique",
              "Investigation",
              "Nos équipes")) assertThat(en).as("English page").doesNotContain(french);

      // the Atom feeds, parsed
      Document feedFr = xml(s.anonymous().get("/status/feed.atom").body());
      Document feedEn = xml(s.anonymous().get("/status/feed.atom?lang=en").body());
      for (Document d : List.of(feedFr, feedEn)) {
        Element root = d.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(child(root, "id").getTextContent()).startsWith("urn:uuid:");
        assertThat(child(root, "title").getTextContent()).isNotBlank();
        Instant.parse(child(root, "updated").getTextContent());
        assertThat(child(child(root, "author"), "name").getTextContent()).isNotBlank();
        assertThat(links(root)).containsKeys("self", "alternate");
        List<Element> entries = children(root, "entry");
        assertThat(entries).hasSizeGreaterThanOrEqualTo(3); // the text and the status changes
        Set<String> ids = new HashSet<>();
        for (Element e : entries) {
          assertThat(ids.add(child(e, "id").getTextContent())).isTrue();
          assertThat(child(e, "id").getTextContent()).startsWith("urn:uuid:");
          assertThat(child(e, "title").getTextContent()).contains(number);
          Instant.parse(child(e, "updated").getTextContent());
          assertThat(links(e).get("alternate")).endsWith("#" + number);
          assertThat(child(e, "content").getAttribute("type")).isEqualTo("text");
        }
      }
      assertThat(contents(feedFr))
          .contains("Nos équipes rétablissent le routage des appels.", "Résolu")
          .doesNotContain("Our teams are restoring call routing.");
      assertThat(contents(feedEn))
          .contains("Our teams are restoring call routing.", "Resolved")
          .doesNotContain("Nos équipes rétablissent le routage des appels.");
      // newest first
      assertThat(
              child(children(feedEn.getDocumentElement(), "entry").get(0), "content")
                  .getTextContent())
          .isEqualTo("Resolved");
      // a client's page has its own feed, valid and empty (the incident is not on its services)
      JsonNode links = Json.mapper().readTree(s.http().get("/api/v1/status/links").body());
      Document client = xml(s.anonymous().get(links.get("acme").asText() + "/feed.atom").body());
      assertThat(children(client.getDocumentElement(), "entry")).isEmpty();
      assertThat(child(client.getDocumentElement(), "id").getTextContent())
          .isNotEqualTo(child(feedFr.getDocumentElement(), "id").getTextContent());
    }
  }

  private static JsonNode status(ServerFixture s, String q) throws Exception {
    return Json.mapper().readTree(s.anonymous().get("/status.json" + q).body());
  }

  private static JsonNode component(JsonNode status, String id) {
    for (JsonNode c : status.get("components")) if (c.get("id").asText().equals(id)) return c;
    throw new AssertionError("no component " + id + " in " + status);
  }

  private static Map<String, String> days(JsonNode component) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode d : component.get("history"))
      out.put(d.get("date").asText(), d.get("status").asText());
    return out;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }

  private static Document xml(String text) throws Exception {
    var f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    NodeList l = e.getChildNodes();
    for (int i = 0; i < l.getLength(); i++) {
      Node n = l.item(i);
      if (n instanceof Element c
          && ATOM.equals(c.getNamespaceURI())
          && name.equals(c.getLocalName())) out.add(c);
    }
    return out;
  }

  private static Element child(Element e, String name) {
    List<Element> l = children(e, name);
    assertThat(l).as("<" + name + "> in <" + e.getLocalName() + ">").hasSize(1);
    return l.get(0);
  }

  private static Map<String, String> links(Element e) {
    Map<String, String> out = new TreeMap<>();
    for (Element l : children(e, "link")) out.put(l.getAttribute("rel"), l.getAttribute("href"));
    return out;
  }

  private static List<String> contents(Document d) {
    return children(d.getDocumentElement(), "entry").stream()
        .map(e -> child(e, "content").getTextContent())
        .toList();
  }
}
