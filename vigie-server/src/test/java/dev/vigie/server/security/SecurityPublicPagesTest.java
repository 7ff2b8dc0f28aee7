package dev.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.NewIncident;
import dev.vigie.incident.Priority;
import dev.vigie.incident.notify.PublicStatus;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.Http;
import dev.vigie.server.Json;
import dev.vigie.server.config.ServeConfig;
import dev.vigie.server.incident.CatalogIncidents;
import dev.vigie.server.incident.IncidentModule;
import dev.vigie.server.status.PublishedIncident;
import dev.vigie.server.status.StatusBoard;
import dev.vigie.server.status.StatusLinks;
import dev.vigie.server.status.StatusPages;
import dev.vigie.server.storage.Database;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 11, public pages: for random incidents (opened by operators, by detection, by probes;
 * published or not; with random hostile titles, notes, notices sent and public updates), every
 * public page ({@code /status}, {@code /status.json}, each client's page and its JSON, French and
 * English) shows no contact address or name, no machine id or address, no attacker, no internal
 * timeline text or cause, and a client's page neither another client's name, nor its services, nor
 * an incident that does not concern it; and it does show the published incidents that concern it.
 * Pages are served by the real {@link StatusPages} over HTTP from a real (H2) incident store.
 */
class SecurityPublicPagesTest {
  static final String CATALOG =
      """
      providers:
        - {id: hoster, name: Hebergeur, kind: hosting}
      machines:
        - {id: pbx-zephyr-7731, addresses: [10.77.1.15], client: zephyr, role: pbx, hosting: hoster}
        - {id: pbx-boreal-8842, addresses: [10.88.1.16], client: boreal, role: pbx, hosting: hoster}
        - {id: sbc-shared-9953, addresses: [10.99.0.11], role: sbc, hosting: hoster}
      services:
        - {id: svc-zephyr, name: Standard Zephyrion, dependsOn: [pbx-zephyr-7731, sbc-shared-9953]}
        - {id: svc-boreal, name: Caisse Borealix, dependsOn: [pbx-boreal-8842, sbc-shared-9953]}
        - {id: svc-common, name: Messagerie Commune, dependsOn: [hoster]}
      clients:
        - id: zephyr
          name: Zephyrion Transports
          services: [svc-zephyr, svc-common]
          contacts: [{name: Claire Quixote, email: claire.quixote@zephyrion.example}]
        - id: boreal
          name: Borealix Boulangerie
          services: [svc-boreal]
          contacts: [{name: Paul Xanthippe, email: paul.xanthippe@borealix.example}]
      """;

  static final String ATTACKER = "203.0.113.99";
  static final String NOTE = "note-interne-Q7Z";
  static final String CAUSE = "cause-interne-K9W";
  static final List<String> ALWAYS_SECRET =
      List.of(
          "claire.quixote@zephyrion.example",
          "paul.xanthippe@borealix.example",
          "Claire Quixote",
          "Paul Xanthippe",
          "pbx-zephyr-7731",
          "pbx-boreal-8842",
          "sbc-shared-9953",
          "10.77.1.15",
          "10.88.1.16",
          "10.99.0.11",
          ATTACKER,
          NOTE,
          CAUSE,
          "Communication client");
  static final Map<String, List<String>> OTHERS =
      Map.of(
          "zephyr", List.of("Borealix Boulangerie", "Caisse Borealix"),
          "boreal", List.of("Zephyrion Transports", "Standard Zephyrion", "Messagerie Commune"));
  static final Map<String, Set<String>> SERVICES_OF =
      Map.of("zephyr", Set.of("svc-zephyr", "svc-common"), "boreal", Set.of("svc-boreal"));

  static Path dir;
  static Catalog catalog;
  static Javalin app;
  static StatusLinks links;
  static final AtomicReference<List<PublishedIncident>> SHOWN = new AtomicReference<>(List.of());
  static Database db;
  static IncidentModule module;

  enum Opener {
    OPERATOR,
    DETECTION,
    PROBE
  }

  /** One random incident. */
  record Spec(
      Opener opener,
      String title,
      List<String> services,
      List<String> clients,
      boolean published,
      String publicTitle,
      List<String> publicUpdates,
      List<String> notes,
      int moves) {}

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("vigie-public-pages");
    catalog = Catalog.parse(CATALOG);
    links = StatusLinks.open(dir);
    StatusBoard board = new StatusBoard(catalog, InstantSource.system());
    StatusPages pages =
        new StatusPages(
            board, catalog, links, SHOWN::get, "Exemple Télécom", ZoneId.of("Europe/Paris"));
    app =
        Javalin.create(cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
          pages.register(cfg.routes);
        });
    app.start("127.0.0.1", 0);
    db = Database.open("jdbc:h2:mem:public-pages;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "", "");
    module =
        IncidentModule.create(
            db, ServeConfig.defaults(), InstantSource.system(), CatalogIncidents.of(catalog));
  }

  @AfterContainer
  static void stop() {
    if (app != null) app.stop();
    if (db != null) db.close();
  }

  /** Each try starts from an empty incident store (one database for the run: fast). */
  static void clear() {
    db.jdbi()
        .useTransaction(h -> {
          for (String t :
              List.of(
                  "public_update",
                  "incident_publication",
                  "timeline_edit",
                  "timeline_entry",
                  "incident_review",
                  "incident")) {
            h.execute("DELETE FROM " + t);
          }
        });
  }

  @Property(tries = 25)
  void publicPagesShowPublicFactsOnly(@ForAll("incidents") List<Spec> specs) throws Exception {
    clear();
    IncidentService service = module.service();
    Instant now = Instant.now();
    Map<String, Set<String>> concerns =
        Map.of("zephyr", new HashSet<>(), "boreal", new HashSet<>());
    Set<String> published = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (Spec s : specs) {
      long id = open(service, s, now);
      var incident = service.store().get(id);
      String number = incident.number();
      all.add(number);
      for (String n : s.notes()) {
        service.addEntry(id, now.minusSeconds(60), NOTE + " " + n, TimelineSource.OPERATOR, "op");
      }
      service.addEntry(
          id,
          now.minusSeconds(30),
          "Communication client envoyée (INCIDENT_OPENED) à Zephyrion Transports,"
              + " claire.quixote@zephyrion.example; Borealix Boulangerie,"
              + " paul.xanthippe@borealix.example",
          TimelineSource.NOTIFICATION,
          "vigie");
      IncidentStatus[] path = {
        IncidentStatus.INVESTIGATING, IncidentStatus.MITIGATED, IncidentStatus.RESOLVED
      };
      for (int m = 0; m < s.moves(); m++) {
        service.transition(id, path[m], null, now.minusSeconds(20 - m), "op", NOTE);
      }
      if (s.published() && s.opener() != Opener.OPERATOR) {
        module.publications().publish(id, s.publicTitle(), null, now, "op");
      }
      boolean isPublic = s.opener() == Opener.OPERATOR || s.published();
      if (isPublic) {
        published.add(number);
        for (String u : s.publicUpdates()) {
          module
              .publications()
              .addUpdate(id, now.minusSeconds(5), PublicStatus.IDENTIFIED, u, "op");
        }
      }
      for (String c : List.of("zephyr", "boreal")) {
        boolean mine =
            s.clients().contains(c)
                || s.services().stream()
                    .map(x -> x.equals("Standard Zephyrion") ? "svc-zephyr" : x) // by name
                    .anyMatch(SERVICES_OF.get(c)::contains);
        if (mine) concerns.get(c).add(number);
      }
    }
    SHOWN.set(module.publicIncidents());

    String base = "http://127.0.0.1:" + app.port();
    Http http = new Http(base, null);
    for (String lang : List.of("", "?lang=en")) {
      for (String path : List.of("/status", "/status.json")) {
        String page = get(http, path + lang);
        assertNone(page, ALWAYS_SECRET, path + lang);
        assertNone(page, List.of("Zephyrion Transports", "Borealix Boulangerie"), path + lang);
        for (String n : all) {
          if (published.contains(n)) assertThat(page).as(path + lang).contains(n);
          else assertThat(page).as(path + lang + ": unpublished").doesNotContain(n);
        }
      }
      for (String c : List.of("zephyr", "boreal")) {
        String token = links.token(c);
        for (String path : List.of("/status/c/" + token, "/status/c/" + token + "/json")) {
          String page = get(http, path + lang);
          String what = c + "'s page " + path + lang;
          assertNone(page, ALWAYS_SECRET, what);
          assertNone(page, OTHERS.get(c), what);
          for (String n : all) {
            if (published.contains(n) && concerns.get(c).contains(n))
              assertThat(page).as(what).contains(n);
            else assertThat(page).as(what + ": not its incident").doesNotContain(n);
          }
        }
      }
    }
  }

  private static long open(IncidentService service, Spec s, Instant now) {
    Instant started = now.minus(Duration.ofMinutes(30));
    return switch (s.opener()) {
      case OPERATOR ->
          service
              .open(
                  new NewIncident(
                      s.title(),
                      started,
                      s.services(),
                      s.title(),
                      CAUSE,
                      IncidentSeverity.MAJOR,
                      Priority.P1,
                      started,
                      s.clients(),
                      null),
                  "op")
              .id();
      case DETECTION, PROBE -> {
        String machine = s.clients().contains("boreal") ? "pbx-boreal-8842" : "pbx-zephyr-7731";
        String key =
            (s.opener() == Opener.DETECTION ? "machine:" : "component:") + machine + s.hashCode();
        yield service
            .openOrAttachFor(
                new NewIncident(
                    "SCAN " + ATTACKER + " vers " + machine + " (10.77.1.15) " + s.title(),
                    started,
                    s.services(),
                    "Impact " + machine,
                    CAUSE,
                    IncidentSeverity.MINOR,
                    Priority.P2,
                    started,
                    s.clients(),
                    key),
                NewEntry.of(
                    started, "Alerte " + ATTACKER + " " + machine, TimelineSource.ALERT, "a1"))
            .incident()
            .id();
      }
    };
  }

  private static String get(Http http, String path) {
    var r = http.get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static void assertNone(String page, List<String> secrets, String what) {
    for (String s : secrets) assertThat(page).as(what + " must not show " + s).doesNotContain(s);
  }

  @Provide
  Arbitrary<List<Spec>> incidents() {
    Arbitrary<Opener> opener = Arbitraries.of(Opener.class);
    Arbitrary<List<String>> services =
        Arbitraries.of(
                "svc-zephyr", "svc-boreal", "svc-common", "pbx-zephyr-7731", "Standard Zephyrion")
            .list()
            .uniqueElements()
            .ofMaxSize(3);
    Arbitrary<List<String>> clients =
        Arbitraries.of("zephyr", "boreal").list().uniqueElements().ofMaxSize(2);
    Arbitrary<Spec> spec =
        Combinators.combine(
                opener,
                hostile(),
                services,
                clients,
                Arbitraries.integers().between(0, 7), // bit 2: published; bits 0-1: moves
                hostile().injectNull(0.4),
                hostile().list().ofMaxSize(2),
                hostile().list().ofMaxSize(2))
            .as((o, t, sv, cl, flags, pt, pu, notes) ->
                new Spec(o, t, sv, cl, (flags & 4) != 0, pt, pu, notes, flags & 3));
    return spec.list().ofMinSize(1).ofMaxSize(5);
  }

  /** Any text, with a bias for what breaks pages: markup, quotes, controls, odd code points. */
  static Arbitrary<String> hostile() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> nasty =
        Arbitraries.of(
            "<script>alert(1)</script>",
            "\"'&<>",
            "\uFFFE\uFFFF",
            "\u001b[31mrouge\u001b[0m",
            "a\u0000b\u0007c",
            "\uD800 seul",
            "fin \uDC00",
            "é😀 ‮à l'envers",
            "{{x}} ${x} %s");
    return Arbitraries.oneOf(any, nasty, Combinators.combine(any, nasty).as((a, b) -> a + b))
        .filter(s -> !s.isBlank())
        .map(s -> "T" + s);
  }
}
