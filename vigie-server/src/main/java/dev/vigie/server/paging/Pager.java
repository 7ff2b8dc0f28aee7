package dev.vigie.server.paging;

import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.timeline.TimelineSource;
import dev.vigie.server.LogText;
import dev.vigie.server.i18n.Lang;
import dev.vigie.server.i18n.Texts;
import dev.vigie.server.paging.PageStore.Delivery;
import dev.vigie.server.paging.PageStore.Page;
import dev.vigie.server.paging.PageStore.State;
import dev.vigie.server.paging.PagingConfig.ChannelSpec;
import dev.vigie.server.paging.PagingConfig.Kind;
import dev.vigie.server.paging.PagingConfig.Level;
import dev.vigie.server.paging.PagingConfig.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging engine: one page per incident, escalated level by level (and the policy repeated
 * {@code repeat} times) until someone acknowledges it; each level creates one delivery per person
 * and channel, each delivery is tried, retried with exponential backoff and audited attempt by
 * attempt ({@code page_event}); calls that went out, deliveries given up, escalations and the
 * acknowledgement are also written in the incident's timeline. Everything is in the database, so a
 * restart picks up pending deliveries and due escalations where they were.
 *
 * <p>Threading: {@link #tick} (escalations, deliveries) and {@link #open} run on the paging thread
 * only; {@link #acknowledge} may be called from request threads (a guarded update: an escalation
 * running at the same moment either sees the page acknowledged or is overtaken, never re-opens it).
 * Time comes from the injected clock.
 */
public final class Pager {
  private static final Logger LOG = LoggerFactory.getLogger(Pager.class);
  private static final Set<IncidentStatus> OVER =
      Set.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED, IncidentStatus.CANCELLED);

  private final PagingConfig cfg;
  private final PageStore store;
  private final IncidentService incidents;
  private final Channels channels;
  private final AckLinks links;
  private final InstantSource clock;
  private final Texts fr;
  private final Texts en;

  Pager(
      PagingConfig cfg,
      PageStore store,
      IncidentService incidents,
      Channels channels,
      AckLinks links,
      InstantSource clock) {
    this.cfg = cfg;
    this.store = store;
    this.incidents = incidents;
    this.channels = channels;
    this.links = links;
    this.clock = clock;
    this.fr = new Texts(Lang.FR, cfg.zone());
    this.en = new Texts(Lang.EN, cfg.zone());
  }

  public PagingConfig config() {
    return cfg;
  }

  public PageStore store() {
    return store;
  }

  AckLinks links() {
    return links;
  }

  /**
   * Opens the incident's page (once per incident) and calls its first level at once.
   *
   * @param reason why it pages: SEVERITY, ISOLATION, OPERATOR or an alert kind
   * @return the page, or empty when the incident had one already
   */
  public Optional<Page> open(Incident i, String reason) {
    Instant now = clock.instant();
    Optional<Page> p;
    try {
      p =
          store
              .jdbi()
              .inTransaction(h -> {
                var created = store.create(h, i.id(), i.number(), i.severity().name(), reason, now);
                created.ifPresent(
                    c -> store.event(h, c.id(), now, "OPENED", null, null, null, reason));
                return created;
              });
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      return Optional.empty(); // opened at the same moment by another thread (unique incident_id)
    }
    p.ifPresent(page -> {
      LOG.warn("paging: incident {} pages the on-call engineer ({})", i.number(), reason);
      escalate(page, now);
    });
    return p;
  }

  private final java.util.concurrent.atomic.AtomicLong open =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong sent =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong retried =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failed =
      new java.util.concurrent.atomic.AtomicLong();

  /** Pages waiting for an acknowledgement at the last tick. */
  long openPages() {
    return open.get();
  }

  /** Delivery attempts so far, by outcome: sent, retried, failed. */
  long attempts(String outcome) {
    return switch (outcome) {
      case "sent" -> sent.get();
      case "retried" -> retried.get();
      default -> failed.get();
    };
  }

  /** One round: pages whose incident is over end, due escalations, due deliveries. */
  public synchronized void tick() {
    Instant now = clock.instant();
    List<Page> pages = store.open();
    open.set(pages.size());
    for (Page p : pages) {
      Optional<Incident> i = incidents.store().find(p.incidentId());
      if (i.isEmpty() || OVER.contains(i.get().status())) {
        end(p, now);
      } else if (p.nextEscalation() != null && !p.nextEscalation().isAfter(now)) {
        escalate(p, now);
      }
    }
    for (Delivery d : store.due(now, 20)) deliver(d);
  }

  private void end(Page p, Instant now) {
    store
        .jdbi()
        .useTransaction(h -> {
          if (store.close(h, p.id(), State.ENDED)) {
            h.createUpdate(
                    "UPDATE page_delivery SET state = 'CANCELLED' WHERE page_id = ? AND state"
                        + " = 'PENDING'")
                .bind(0, p.id())
                .execute();
            store.event(h, p.id(), now, "ENDED", null, null, null, null);
          }
        });
  }

  /** The next level of an open page (or the first level of the next round, or the end). */
  private void escalate(Page p, Instant now) {
    int level = p.level() + 1;
    int round = p.round();
    if (level > cfg.levels().size()) {
      if (round >= cfg.repeat()) {
        boolean done =
            store
                .jdbi()
                .inTransaction(h -> {
                  if (!store.close(h, p.id(), State.EXHAUSTED)) return false;
                  store.event(h, p.id(), now, "EXHAUSTED", null, null, null, null);
                  return true;
                });
        if (done) timeline(p, now, fr.t("paging.tl.exhausted"));
        return;
      }
      level = 1;
      round++;
    }
    Level l = cfg.levels().get(level - 1);
    List<String[]> calls = new ArrayList<>(); // person, channel
    List<String> skipped = new ArrayList<>();
    for (String who : people(l, now)) {
      Person person = cfg.people().get(who);
      if (person == null) continue;
      List<String> via = l.via().isEmpty() ? person.channels() : l.via();
      if (via.isEmpty()) via = List.copyOf(cfg.channels().keySet());
      for (String ch : via) {
        ChannelSpec c = cfg.channels().get(ch);
        if (c != null && reachable(c, person)) calls.add(new String[] {who, ch});
        else skipped.add(who + "/" + ch);
      }
    }
    final int lv = level;
    final int rd = round;
    boolean moved =
        store
            .jdbi()
            .inTransaction(h -> {
              if (!store.escalate(h, p, lv, rd, now.plus(l.after()))) return false;
              for (String[] c : calls) store.addDelivery(h, p.id(), lv, rd, c[0], c[1], now);
              if (lv > 1 || rd > 0) {
                store.event(h, p.id(), now, "ESCALATED", null, null, lv, "round " + (rd + 1));
              }
              for (String s : skipped) {
                store.event(h, p.id(), now, "SKIPPED", s, null, lv, "not reachable there");
              }
              if (calls.isEmpty()) {
                store.event(h, p.id(), now, "NOBODY", null, null, lv, "no one to call");
              }
              return true;
            });
    if (moved && (lv > 1 || rd > 0)) {
      timeline(p, now, fr.t("paging.tl.escalated", lv, rd + 1));
    }
  }

  /** The person ids a level names at {@code at}, in order, without repeats. */
  Set<String> people(Level l, Instant at) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : l.who()) {
      switch (w) {
        case "oncall" -> out.add(cfg.rotation().at(at).person());
        case "next" -> out.add(cfg.rotation().next(at).person());
        default -> out.add(w);
      }
    }
    return out;
  }

  static boolean reachable(ChannelSpec c, Person p) {
    return switch (c.kind()) {
      case EMAIL -> p.email() != null;
      case HTTP -> p.phone() != null || !PagingConfig.mentions(c, "phone");
      case SLACK, TEAMS -> true;
    };
  }

  private volatile String listening = "http://127.0.0.1:8080";

  /** The console's own address, for links when {@code paging.ack.baseUrl} is not set. */
  void listeningOn(String url) {
    listening = url;
  }

  private String base() {
    return cfg.baseUrl() != null ? cfg.baseUrl().toString() : listening;
  }

  /** One attempt of one delivery, recorded with its outcome. */
  private void deliver(Delivery d) {
    Instant now = clock.instant();
    Page p = store.find(d.pageId()).orElse(null);
    ChannelSpec c = cfg.channels().get(d.channel());
    Person person = cfg.people().get(d.person());
    if (p == null || p.state() == State.ACKNOWLEDGED || p.state() == State.ENDED) {
      store.jdbi().useHandle(h -> store.attempted(h, d, "CANCELLED", null, null, null));
      return;
    }
    Channels.Outcome o;
    if (c == null || person == null) {
      o = new Channels.Outcome.Refused("channel or person no longer configured");
    } else {
      String url =
          base().replaceAll("/+$", "")
              + "/page/ack/"
              + links.sign(p.id(), d.id(), now.plus(cfg.ackTtl()));
      String title = incidents.store().find(p.incidentId()).map(Incident::title).orElse("");
      Texts words = "en".equals(person.language()) ? en : fr;
      PageMessage m =
          PageMessage.of(
              words, p.number(), p.severity(), p.reason(), title, d.level(), d.round(), url);
      try {
        o = channels.send(c, m, person, d.id());
      } catch (RuntimeException e) {
        o = new Channels.Outcome.Retry(e.getClass().getSimpleName());
      }
    }
    int n = d.attempts() + 1;
    String label = label(c, d.channel());
    String name = person == null ? d.person() : PageMessage.clean(person.name());
    switch (o) {
      case Channels.Outcome.Sent s -> {
        sent.incrementAndGet();
        record(d, "SENT", null, now, s.detail(), "CALLED", now);
        timeline(p, now, fr.t("paging.tl.called", name, label, d.level()));
      }
      case Channels.Outcome.Retry r when n < cfg.retryMaxAttempts() -> {
        retried.incrementAndGet();
        Instant next = now.plus(backoff(n));
        record(d, "PENDING", next, null, r.detail(), "ATTEMPT_FAILED", now);
      }
      case Channels.Outcome.Retry r -> {
        failed.incrementAndGet();
        record(
            d,
            "FAILED",
            null,
            null,
            "gave up after " + n + " attempts: " + r.detail(),
            "FAILED",
            now);
        timeline(p, now, fr.t("paging.tl.failed", name, label, r.detail()));
      }
      case Channels.Outcome.Refused r -> {
        failed.incrementAndGet();
        record(d, "FAILED", null, null, r.detail(), "FAILED", now);
        timeline(p, now, fr.t("paging.tl.failed", name, label, r.detail()));
      }
    }
  }

  private void record(
      Delivery d,
      String state,
      Instant next,
      Instant sentAt,
      String detail,
      String kind,
      Instant now) {
    store
        .jdbi()
        .useTransaction(h -> {
          if (store.attempted(h, d, state, next, sentAt, "SENT".equals(state) ? null : detail)) {
            store.event(
                h,
                d.pageId(),
                now,
                kind,
                d.person(),
                d.channel(),
                d.level(),
                "attempt " + (d.attempts() + 1) + ": " + detail);
          }
        });
    if (!"SENT".equals(state)) {
      LOG.warn(
          "paging: delivery {} to {} by {} attempt {}: {}",
          d.id(),
          LogText.safe(d.person()),
          d.channel(),
          d.attempts() + 1,
          LogText.safe(detail));
    }
  }

  /** {@code min(maxDelay, initialDelay × 2^(n-1))} after the n-th failed attempt. */
  Duration backoff(int n) {
    Duration d = cfg.retryInitial().multipliedBy(1L << Math.min(n - 1, 20));
    return d.compareTo(cfg.retryMax()) > 0 ? cfg.retryMax() : d;
  }

  /** The channel's name in a sentence ("par SMS", "par Slack"). */
  String label(ChannelSpec c, String id) {
    if (c == null) return id;
    return c.kind() == Kind.HTTP
        ? id.toUpperCase(java.util.Locale.ROOT)
        : fr.t("paging.channel." + c.kind().name());
  }

  /** Outcome of {@link #acknowledge}. */
  public enum Ack {
    ACKNOWLEDGED,
    ALREADY,
    NOT_FOUND
  }

  /**
   * Acknowledges a page: escalation stops, pending deliveries are cancelled, one audit row and one
   * timeline row name who and how.
   *
   * @param via CONSOLE, API or LINK
   */
  public Ack acknowledge(long pageId, String by, String via) {
    Instant now = clock.instant();
    Optional<Page> p = store.find(pageId);
    if (p.isEmpty()) return Ack.NOT_FOUND;
    boolean done =
        store
            .jdbi()
            .inTransaction(h -> {
              if (!store.acknowledge(h, pageId, now, by, via)) return false;
              store.event(h, pageId, now, "ACKNOWLEDGED", by, null, null, via);
              return true;
            });
    if (!done) return Ack.ALREADY;
    timeline(
        p.get(),
        now,
        fr.t("paging.tl.acknowledged", PageMessage.clean(by), fr.t("paging.via." + via)));
    LOG.info("paging: page {} acknowledged by {} ({})", pageId, LogText.safe(by), via);
    return Ack.ACKNOWLEDGED;
  }

  /** Acknowledges through a signed link, once; null token claims mean a bad link. */
  public LinkResult acknowledgeLink(String token) {
    AckLinks.Claims c = links.verify(token);
    if (c == null) return LinkResult.INVALID;
    Instant now = clock.instant();
    if (now.isAfter(c.expires())) return LinkResult.EXPIRED;
    String who =
        store.deliveries(c.pageId()).stream()
            .filter(d -> d.id() == c.deliveryId())
            .map(d -> d.person())
            .findFirst()
            .orElse(null);
    if (who == null) return LinkResult.INVALID;
    boolean fresh = store.jdbi().inTransaction(h -> store.useLink(h, c.nonce(), c.pageId(), now));
    if (!fresh) return LinkResult.USED;
    Person person = cfg.people().get(who);
    return switch (acknowledge(c.pageId(), person == null ? who : person.name(), "LINK")) {
      case ACKNOWLEDGED -> LinkResult.ACKNOWLEDGED;
      case ALREADY -> LinkResult.ALREADY;
      case NOT_FOUND -> LinkResult.INVALID;
    };
  }

  /** What a link's confirmation page shows (no state change). */
  public record LinkView(LinkResult status, Page page) {}

  /** Reads a link without using it: OPEN when it can acknowledge its page. */
  public LinkView peek(String token) {
    AckLinks.Claims c = links.verify(token);
    if (c == null) return new LinkView(LinkResult.INVALID, null);
    Page p = store.find(c.pageId()).orElse(null);
    if (p == null) return new LinkView(LinkResult.INVALID, null);
    if (clock.instant().isAfter(c.expires())) return new LinkView(LinkResult.EXPIRED, p);
    if (store.linkUsed(c.nonce())) return new LinkView(LinkResult.USED, p);
    if (p.state() == State.ACKNOWLEDGED) return new LinkView(LinkResult.ALREADY, p);
    if (p.state() == State.ENDED) return new LinkView(LinkResult.ENDED, p);
    return new LinkView(LinkResult.OPEN, p);
  }

  /** An audit row in words ("Marie appelée par SMS"), in the reader's language. */
  public String describe(PageStore.Event e, Texts t) {
    Person person = e.person() == null ? null : cfg.people().get(e.person());
    String name = person != null ? PageMessage.clean(person.name()) : PageMessage.clean(e.person());
    ChannelSpec c = e.channel() == null ? null : cfg.channels().get(e.channel());
    String ch =
        e.channel() == null
            ? ""
            : c == null || c.kind() == Kind.HTTP
                ? e.channel().toUpperCase(java.util.Locale.ROOT)
                : t.t("paging.channel." + c.kind().name());
    String detail = e.detail() == null ? "" : PageMessage.clean(e.detail());
    return switch (e.kind()) {
      case "OPENED" -> t.t("paging.ev.OPENED", t.t("paging.reason." + detail));
      case "ACKNOWLEDGED" -> t.t("paging.ev.ACKNOWLEDGED", name, t.t("paging.via." + detail));
      case "ESCALATED" -> t.t("paging.ev.ESCALATED", e.level(), detail.replaceAll("\\D", ""));
      default -> t.t("paging.ev." + e.kind(), name, ch, e.level() == null ? "" : e.level(), detail);
    };
  }

  /** The label of a person id (their name). */
  public String name(String person) {
    Person p = cfg.people().get(person);
    return p == null ? person : p.name();
  }

  /** What a link leads to. */
  public enum LinkResult {
    OPEN,
    ENDED,
    ACKNOWLEDGED,
    ALREADY,
    USED,
    EXPIRED,
    INVALID
  }

  private void timeline(Page p, Instant at, String text) {
    try {
      incidents.addEntry(p.incidentId(), at, text, TimelineSource.SYSTEM, "vigie");
    } catch (RuntimeException e) {
      LOG.warn("paging: timeline entry for {} not written: {}", p.number(), e.toString());
    }
  }
}
