package dev.vigie.server.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigie.contain.Reason;
import dev.vigie.contain.ledger.AuditEntry;
import dev.vigie.detect.Alert;
import dev.vigie.detect.AlertKind;
import dev.vigie.detect.Severity;
import dev.vigie.server.ServerFixture;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed incident's 07h40, paged for real: a whole {@code vigie serve} with paging configured,
 * real HTTP receivers on loopback standing for the SMS gateway, Slack and Teams (JDK HttpServer,
 * recording each request), GreenMail for email, and a clock the test moves (no sleeps; the paging
 * thread's own tick is an hour apart, the test ticks by hand). Triggers: incidents of severity
 * MAJOR or worse, SERVICE_DEGRADED on a machine a critical service needs, automatic isolations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("http://[^\\s\"]+/page/ack/[A-Za-z0-9_.-]+");

  /** What an attacker can put in an automatic incident's title (a SIP User-Agent, say). */
  static final String HOSTILE =
      "Appels en échec\n<!channel> [clic](http://evil.example) \"q\" & {{phone}} \u0007 *gras*";

  @TempDir static Path dir;
  private final Clock clock = new Clock(Instant.parse("2024-09-23T05:40:00Z"));
  private Receiver receiver;
  private GreenMail mail;
  private ServerFixture server;
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  void start() throws Exception {
    receiver = new Receiver();
    int smtp = freePort();
    ServerSetup setup = new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    mail = new GreenMail(setup);
    mail.start();
    String yaml =
        PagingYaml.config(receiver, smtp, "")
            .replace(
                "    - severity: MAJOR\n",
                "    - severity: MAJOR\n"
                    + "    - {alert: SERVICE_DEGRADED, criticalServices: true}\n"
                    + "    - isolation: automatic\n");
    server = ServerFixture.start(dir, yaml, clock);
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
    if (mail != null) mail.stop();
    if (receiver != null) receiver.close();
  }

  @Test
  @Order(1)
  void marieIsPagedAt0740ThenPaulThenTheLinkStopsIt() throws Exception {
    var oncall = JSON.readTree(server.http().get("/api/v1/oncall").body());
    assertThat(oncall.at("/now/person/name").asText()).isEqualTo("Marie Martin");
    assertThat(oncall.at("/next/person/name").asText()).isEqualTo("Paul Durand");
    assertThat(oncall.at("/now/until").asText()).isEqualTo("2024-09-23T07:00:00Z"); // 09h00 Paris

    String number = openIncident(HOSTILE, "MAJOR");
    tick();
    // level 1: Marie on her own channels, SMS and Slack, at once
    List<Receiver.Request> sms = about(number, "/sms");
    assertThat(sms).hasSize(1);
    Receiver.Request s = sms.get(0);
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.header("Authorization")).isEqualTo("Bearer " + PagingYaml.SMS_TOKEN);
    assertThat(s.header("Content-Type")).startsWith("application/json");
    assertThat(s.query()).isEqualTo("to=%2B33611223344");
    JsonNode smsBody = JSON.readTree(s.body()); // the template filled with JSON-escaped values
    assertThat(smsBody.get("to").asText()).isEqualTo("+33611223344");
    String text = smsBody.get("message").asText();
    assertThat(text).startsWith("ASTREINTE Vigie : incident " + number + ", sévérité Majeur");
    assertThat(text).doesNotContain("<!channel>", "evil", "échec"); // no title in the SMS text
    assertThat(smsBody.get("title").asText())
        .isEqualTo(
            "Appels en échec <!channel> [clic](http://evil.example) \"q\" & {{phone}} *gras*")
        .doesNotContain("\n", "\u0007");

    List<Receiver.Request> slack = about(number, PagingYaml.SLACK_PATH);
    assertThat(slack).hasSize(1);
    JsonNode sl = JSON.readTree(slack.get(0).body());
    assertThat(sl.get("text").asText()).startsWith("ASTREINTE Vigie : incident " + number);
    assertThat(sl.at("/blocks/0/type").asText()).isEqualTo("header");
    assertThat(sl.at("/blocks/0/text/text").asText()).doesNotContain("channel", "evil");
    String section = sl.at("/blocks/1/text/text").asText();
    assertThat(section).contains("&lt;!channel&gt;", "&amp;").doesNotContain("<!channel>");
    assertThat(sl.at("/blocks/2/elements/0/url").asText()).matches(LINK.pattern());
    assertThat(receiver.to("/teams")).isEmpty();
    assertThat(timeline(number))
        .anyMatch(e -> e.contains("Marie Martin appelé(e) par SMS (niveau 1)"));

    // 4 minutes without acknowledgement: nothing new; at 5 minutes: level 2, Paul by SMS and Teams
    clock.advance(Duration.ofMinutes(4));
    tick();
    assertThat(receiver.all()).hasSize(2);
    clock.advance(Duration.ofMinutes(1));
    tick();
    List<Receiver.Request> paul = about(number, "/sms");
    assertThat(paul).hasSize(2);
    assertThat(JSON.readTree(paul.get(1).body()).get("to").asText()).isEqualTo("+33655667788");
    assertThat(JSON.readTree(paul.get(1).body()).get("message").asText())
        .startsWith("Vigie ON-CALL: incident " + number + ", severity Major – incident severity.");
    List<Receiver.Request> teams = about(number, "/teams");
    assertThat(teams).hasSize(1);
    JsonNode card = JSON.readTree(teams.get(0).body());
    assertThat(card.get("type").asText()).isEqualTo("message");
    assertThat(card.at("/attachments/0/contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.at("/attachments/0/content/type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.at("/attachments/0/content/body/1/text").asText())
        .contains("\\[clic\\]\\(http://evil.example\\)", "Paul Durand");
    assertThat(card.at("/attachments/0/content/actions/0/type").asText())
        .isEqualTo("Action.OpenUrl");
    assertThat(timeline(number)).anyMatch(e -> e.contains("escalade au niveau 2"));

    // Paul opens the link of his SMS: GET shows, changes nothing
    String link = link(paul.get(1).body());
    HttpResponse<String> shown = browse("GET", link);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(shown.body()).contains(number, "<form method=\"post\"", "Acquitter");
    JsonNode page = page(number);
    assertThat(page.get("state").asText()).isEqualTo("OPEN");
    // POST acknowledges; escalation stops
    HttpResponse<String> acked = browse("POST", link);
    assertThat(acked.statusCode()).isEqualTo(200);
    assertThat(acked.body()).contains("Acquitté");
    page = page(number);
    assertThat(page.get("state").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(page.get("acknowledgedBy").asText()).isEqualTo("Paul Durand");
    assertThat(page.get("acknowledgedVia").asText()).isEqualTo("LINK");
    assertThat(timeline(number))
        .anyMatch(e -> e.contains("acquitté par Paul Durand par le lien de l'appel"));
    int before = receiver.all().size();
    clock.advance(Duration.ofMinutes(30));
    tick();
    assertThat(receiver.all()).hasSize(before);
    assertThat(mailsTo("claire@noc.exemple-telecom.fr")).isEmpty();
    // single use: the same link again is refused; so is a forged one
    HttpResponse<String> again = browse("POST", link);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("déjà servi");
    String forged = link.substring(0, link.length() - 3) + "AAA";
    assertThat(browse("POST", forged).statusCode()).isEqualTo(404);
    // the API shows no secret of a channel
    String detail = server.http().get("/api/v1/pages/" + page.get("id").asLong()).body();
    assertThat(detail).doesNotContain(PagingYaml.SMS_TOKEN, "slack-secret-path", "+33");
    assertThat(JSON.readTree(detail).get("events").toString()).contains("CALLED", "ACKNOWLEDGED");
  }

  @Test
  @Order(2)
  void aReceiverAnswering500ThenIsRetriedWithBackoff() throws Exception {
    receiver.answer("/sms", 500);
    String number = openIncident("Perte des appels entrants", "CRITICAL");
    tick();
    assertThat(about(number, "/sms")).hasSize(1);
    JsonNode page = detail(number);
    JsonNode sms = delivery(page, "sms");
    assertThat(sms.get("state").asText()).isEqualTo("PENDING");
    assertThat(sms.get("attempts").asInt()).isEqualTo(1);
    assertThat(sms.get("lastError").asText()).isEqualTo("HTTP 500");
    clock.advance(Duration.ofSeconds(10)); // backoff 15 s: not yet
    tick();
    assertThat(about(number, "/sms")).hasSize(1);
    clock.advance(Duration.ofSeconds(6));
    tick();
    assertThat(about(number, "/sms")).hasSize(2);
    sms = delivery(detail(number), "sms");
    assertThat(sms.get("state").asText()).isEqualTo("SENT");
    assertThat(sms.get("attempts").asInt()).isEqualTo(2);
    assertThat(detail(number).get("events").toString()).contains("ATTEMPT_FAILED", "CALLED");
    String metrics = server.http().get("/metrics").body();
    assertThat(metrics)
        .contains("vigie_page_attempts_total{outcome=\"retried\"} 1.0")
        .contains("vigie_pages_open");
    acknowledgeByApi(number);
  }

  @Test
  @Order(3)
  void nobodyAnswersSoClaireGetsAnEmailThenTheEscalationIsExhausted() throws Exception {
    String number = openIncident("Appels sortants en échec", "MAJOR");
    tick();
    clock.advance(Duration.ofMinutes(5));
    tick();
    assertThat(mailsTo("claire@noc.exemple-telecom.fr")).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    tick();
    List<MimeMessage> mails =
        mailsTo("claire@noc.exemple-telecom.fr").stream()
            .filter(x -> GreenMailUtil.getWholeMessage(x).contains(number))
            .toList();
    assertThat(mails).hasSize(1);
    MimeMessage m = mails.get(0);
    assertThat(m.getSubject())
        .isEqualTo("ASTREINTE Vigie : incident " + number + ", sévérité Majeur");
    String body = GreenMailUtil.getBody(m);
    assertThat(body).contains("/page/ack/");
    assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    assertThat(timeline(number))
        .anyMatch(e -> e.contains("Claire Chef appelé(e) par e-mail (niveau 3)"));
    clock.advance(Duration.ofMinutes(15));
    tick();
    assertThat(detail(number).get("state").asText()).isEqualTo("EXHAUSTED");
    assertThat(timeline(number)).anyMatch(e -> e.contains("escalade épuisée"));
    // still acknowledgeable once exhausted
    acknowledgeByApi(number);
    assertThat(
            server
                .http()
                .post("/api/v1/pages/" + detail(number).get("id") + "/acknowledge", "{}")
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  @Order(4)
  void aMinorIncidentDoesNotPageUnlessAnOperatorAsksAndLinksExpire() throws Exception {
    String number = openIncident("Un poste injoignable", "MINOR");
    tick();
    assertThat(server.http().get("/api/v1/pages").body()).doesNotContain(number);
    long id = incidentId(number);
    var r = server.http().post("/api/v1/pages", "{\"incidentId\": " + id + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(server.http().post("/api/v1/pages", "{\"incidentId\": " + id + "}").statusCode())
        .isEqualTo(409);
    assertThat(server.http().post("/api/v1/pages", "{\"incident\": 1}").body())
        .contains("incidentId");
    var bad = server.http().get("/api/v1/pages?state=SLEEPING");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("'SLEEPING' is not one of OPEN|ACKNOWLEDGED|EXHAUSTED|ENDED");
    assertThat(server.http().get("/api/v1/pages?state=open").body()).contains(number);
    tick();
    String link = link(about(number, "/sms").get(0).body());
    clock.advance(Duration.ofHours(25)); // links live 24 h
    HttpResponse<String> old = browse("POST", link);
    assertThat(old.statusCode()).isEqualTo(409);
    assertThat(old.body()).contains("expiré");
    acknowledgeByApi(number);
  }

  @Test
  @Order(5)
  void anIncidentResolvedBeforeAnyoneAnswersEndsItsPage() throws Exception {
    receiver.answer("/sms", 503, 503); // Marie's SMS is still being retried when it is resolved
    String number = openIncident("Appels entrants perdus", "MAJOR");
    tick();
    long id = incidentId(number);
    var r =
        server.http().post("/api/v1/incidents/" + id + "/transitions", "{\"to\": \"RESOLVED\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    int before = about(number, "/sms").size();
    clock.advance(Duration.ofMinutes(30));
    tick();
    JsonNode page = detail(number);
    assertThat(page.get("state").asText()).isEqualTo("ENDED");
    assertThat(delivery(page, "sms").get("state").asText()).isEqualTo("CANCELLED");
    assertThat(about(number, "/sms")).hasSize(before); // no retry, no level 2
    assertThat(about(number, "/teams")).isEmpty();
  }

  @Test
  @Order(6)
  void criticalServiceDegradationAndAutomaticIsolationsPageThroughTheAlertPath() throws Exception {
    Instant t = clock.instant();
    int before = pages().size();
    // warnings open minor incidents: only the alert and isolation triggers can page them
    // sbc-1 fails but sbc-2 carries the SIP edge: no critical service down, nobody woken
    server.server().handleAlert(alert("a1", AlertKind.SERVICE_DEGRADED, null, "sbc-1", t));
    // pbx-acme fails: Acme's telephony (a critical service) is down
    server.server().handleAlert(alert("a2", AlertKind.SERVICE_DEGRADED, null, "pbx-acme", t));
    await().atMost(Duration.ofSeconds(30)).until(() -> pages().size() == before + 1);
    JsonNode p = pages().get(0);
    assertThat(p.get("reason").asText()).isEqualTo("SERVICE_DEGRADED");
    assertThat(server.http().get("/api/v1/incidents/" + p.get("incidentId").asLong()).body())
        .contains("pbx-acme");
    // a scan: an operator's isolation and a question do not page, containment's own isolation does
    server.server().handleAlert(alert("a3", AlertKind.SCAN, "198.51.100.7", null, t));
    var paging = server.server().paging();
    paging.onContainment(
        new AuditEntry(t, Reason.ISOLATE, "iso-1", "a3", "198.51.100.7", "alice", "manual"));
    paging.onContainment(
        new AuditEntry(t, Reason.ASK_OPERATOR, "iso-1", "a3", "198.51.100.7", "auto", "ask"));
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> pages().size() == before + 1);
    paging.onContainment(
        new AuditEntry(t, Reason.ISOLATE_PROVEN, "iso-1", "a3", "198.51.100.7", "auto", "svwar"));
    await().atMost(Duration.ofSeconds(30)).until(() -> pages().size() == before + 2);
    assertThat(pages().get(0).get("reason").asText()).isEqualTo("ISOLATION");
    tick(); // and the minor incidents of sbc-1 and the scan still page nobody by severity
    assertThat(pages()).hasSize(before + 2);
  }

  private static Alert alert(String id, AlertKind kind, String source, String machine, Instant t) {
    return new Alert(
        id, 1, kind, Severity.WARNING, source, machine, t, t, t, kind + " test", Map.of());
  }

  private List<JsonNode> pages() throws Exception {
    List<JsonNode> list = new java.util.ArrayList<>();
    JSON.readTree(server.http().get("/api/v1/pages").body()).get("pages").forEach(list::add);
    return list;
  }

  // ---- helpers ----

  private void tick() {
    server.server().paging().tick();
  }

  private String openIncident(String title, String severity) throws Exception {
    var r =
        server
            .http()
            .post(
                "/api/v1/incidents",
                JSON.createObjectNode()
                    .put("title", title)
                    .put("startedAt", clock.instant().toString())
                    .put("severity", severity)
                    .toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("number").asText();
  }

  private long incidentId(String number) throws Exception {
    for (JsonNode i :
        JSON.readTree(server.http().get("/api/v1/incidents").body()).get("incidents")) {
      if (i.get("number").asText().equals(number)) return i.get("id").asLong();
    }
    throw new AssertionError("no incident " + number);
  }

  private List<String> timeline(String number) throws Exception {
    JsonNode i = JSON.readTree(server.http().get("/api/v1/incidents/" + incidentId(number)).body());
    return java.util.stream.StreamSupport.stream(i.get("timeline").spliterator(), false)
        .map(e -> e.get("description").asText())
        .toList();
  }

  private JsonNode page(String number) throws Exception {
    for (JsonNode p : JSON.readTree(server.http().get("/api/v1/pages").body()).get("pages")) {
      if (p.get("incidentNumber").asText().equals(number)) return p;
    }
    throw new AssertionError("no page for " + number);
  }

  private JsonNode detail(String number) throws Exception {
    return JSON.readTree(
        server.http().get("/api/v1/pages/" + page(number).get("id").asLong()).body());
  }

  private static JsonNode delivery(JsonNode page, String channel) {
    for (JsonNode d : page.get("deliveries")) {
      if (d.get("channel").asText().equals(channel)) return d;
    }
    throw new AssertionError("no delivery by " + channel + " in " + page);
  }

  private void acknowledgeByApi(String number) throws Exception {
    var r =
        server
            .http()
            .post("/api/v1/pages/" + page(number).get("id").asLong() + "/acknowledge", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private List<Receiver.Request> about(String number, String path) {
    return receiver.to(path).stream().filter(r -> r.body().contains(number)).toList();
  }

  private List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> GreenMailUtil.getWholeMessage(m).contains("To: " + address))
        .toList();
  }

  private static String link(String body) {
    Matcher m = LINK.matcher(body);
    if (!m.find()) throw new AssertionError("no acknowledgement link in " + body);
    return m.group();
  }

  private HttpResponse<String> browse(String method, String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A clock the test moves by hand. */
  static final class Clock implements InstantSource {
    private final AtomicReference<Instant> now;

    Clock(Instant start) {
      now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  }
}
