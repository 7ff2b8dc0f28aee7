package dev.vigie.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigie.incident.Concurrently;
import dev.vigie.incident.Incident;
import dev.vigie.incident.IncidentConflictException;
import dev.vigie.incident.IncidentNotFoundException;
import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.IncidentStatus;
import dev.vigie.incident.Priority;
import dev.vigie.incident.TestClock;
import dev.vigie.incident.review.Review;
import dev.vigie.incident.timeline.EntryEdit;
import dev.vigie.incident.timeline.NewEntry;
import dev.vigie.incident.timeline.TimelineEntry;
import dev.vigie.incident.timeline.TimelineSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IncidentStore} must have. The in-memory store runs it here; the
 * server's JDBI store extends it (this module publishes its test classes as a test-jar) and runs it
 * on H2 and PostgreSQL.
 */
public abstract class IncidentStoreContract {
  protected static final Instant T0 = Instant.parse("2024-09-23T05:40:00Z");
  protected final TestClock clock = new TestClock(T0);
  protected IncidentStore store;
  private final AtomicInteger numbers = new AtomicInteger();

  /** A new, empty store. */
  protected abstract IncidentStore newStore(InstantSource clock);

  @BeforeEach
  void createStore() {
    store = newStore(clock);
  }

  /** A fresh incident (id 0) with a unique number and the given correlation key. */
  protected Incident incident(String key) {
    var number = String.format("IG-2024-09-23-%03d", numbers.incrementAndGet());
    return new Incident(
        0,
        number,
        "Panne " + number,
        IncidentSeverity.MAJOR,
        Priority.P1,
        IncidentStatus.TRIAGE,
        T0,
        null,
        T0,
        null,
        null,
        null,
        List.of("Téléphonie IP 3CX"),
        "Appels perdus",
        null,
        List.of(),
        key,
        0);
  }

  protected static NewEntry entry(Instant at, String text) {
    return NewEntry.of(at, text, TimelineSource.OPERATOR, "noc");
  }

  @Test
  void createAssignsIdAndVersionOneAndStoresTheFirstEntries() {
    var created = store.create(incident("machine:a"), List.of(entry(T0, "ouvert")));
    assertThat(created.id()).isPositive();
    assertThat(created.version()).isEqualTo(1);
    assertThat(store.get(created.id())).isEqualTo(created);
    assertThat(store.findByNumber(created.number())).contains(created);
    assertThat(store.timeline(created.id()))
        .extracting(TimelineEntry::description)
        .containsExactly("ouvert");
    assertThatThrownBy(() -> store.get(9_999_999)).isInstanceOf(IncidentNotFoundException.class);
  }

  @Test
  void updateChecksTheVersionAndWritesNothingOnConflict() {
    var created = store.create(incident(null), List.of());
    var moved = created.moved(IncidentStatus.INVESTIGATING, T0.plusSeconds(60));
    var updated = store.update(moved, 1, List.of(entry(T0.plusSeconds(60), "investigation")));
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.status()).isEqualTo(IncidentStatus.INVESTIGATING);
    var stale = created.moved(IncidentStatus.CANCELLED, T0.plusSeconds(120));
    assertThatThrownBy(() -> store.update(stale, 1, List.of(entry(T0, "perdu"))))
        .isInstanceOf(IncidentConflictException.class)
        .satisfies(e -> assertThat(((IncidentConflictException) e).actualVersion()).isEqualTo(2));
    assertThat(store.get(created.id())).isEqualTo(updated);
    assertThat(store.timeline(created.id()))
        .extracting(TimelineEntry::description)
        .containsExactly("investigation");
  }

  @Test
  void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
    var created = store.create(incident(null), List.of());
    var outcomes =
        Concurrently.run(
            8,
            n -> {
              try {
                var edited = created.moved(IncidentStatus.INVESTIGATING, T0.plusSeconds(n));
                store.update(edited, 1, List.of(entry(T0.plusSeconds(n), "op " + n)));
                return "ok";
              } catch (IncidentConflictException e) {
                return "conflict";
              }
            });
    assertThat(outcomes).containsOnlyOnce("ok").hasSize(8);
    assertThat(store.get(created.id()).version()).isEqualTo(2);
    assertThat(store.timeline(created.id())).hasSize(1);
  }

  @Test
  void createOrAttachGivesOneIncidentPerOpenKey() throws Exception {
    var results =
        Concurrently.run(
            8,
            n ->
                store.createOrAttach(
                    incident("machine:pbx"),
                    List.of(entry(T0, "ouvert")),
                    entry(T0.plusSeconds(n), "alerte " + n)));
    var ids = results.stream().map(r -> r.incident().id()).distinct().toList();
    assertThat(ids).hasSize(1);
    assertThat(results.stream().filter(IncidentStore.Opened::created)).hasSize(1);
    assertThat(store.timeline(ids.get(0))).hasSize(1 + 8);
    assertThat(store.findOpenByKey("machine:pbx")).map(Incident::id).contains(ids.get(0));
    var open = store.get(ids.get(0));
    store.update(
        open.moved(IncidentStatus.RESOLVED, T0.plusSeconds(600)), open.version(), List.of());
    assertThat(store.findOpenByKey("machine:pbx")).isEmpty();
    var next =
        store.createOrAttach(
            incident("machine:pbx"), List.of(), entry(T0.plusSeconds(900), "nouvelle"));
    assertThat(next.created()).isTrue();
    assertThat(next.incident().id()).isNotEqualTo(ids.get(0));
  }

  @Test
  void timelineIsOrderedByTimeThenIdAndRefStateIsTheLatest() {
    var id = store.create(incident(null), List.of()).id();
    store.append(id, entry(T0.plusSeconds(300), "c"));
    store.append(id, entry(T0.plusSeconds(100), "a"));
    store.append(id, entry(T0.plusSeconds(100), "b"));
    store.append(id, new NewEntry(T0, "firing", TimelineSource.ALERT, "am", "am:fp", "firing"));
    store.append(
        id,
        new NewEntry(
            T0.plusSeconds(50), "resolved", TimelineSource.ALERT, "am", "am:fp", "resolved"));
    assertThat(store.timeline(id))
        .extracting(TimelineEntry::description)
        .containsExactly("firing", "resolved", "a", "b", "c");
    assertThat(store.refState(id, "am:fp")).contains("resolved");
    assertThat(store.refState(id, "am:other")).isEmpty();
    assertThat(store.timeline(id)).allSatisfy(e -> assertThat(e.recordedAt()).isEqualTo(T0));
  }

  @Test
  void appendIfChangedWritesOneEntryPerStateChangeEvenUnderRace() throws Exception {
    var id = store.create(incident(null), List.of()).id();
    var firing = new NewEntry(T0, "firing", TimelineSource.ALERT, "am", "am:fp", "firing");
    var written = Concurrently.run(8, n -> store.appendIfChanged(id, firing).isPresent());
    assertThat(written).containsOnlyOnce(true);
    var resolved = new NewEntry(T0, "resolved", TimelineSource.ALERT, "am", "am:fp", "resolved");
    assertThat(store.appendIfChanged(id, resolved)).isPresent();
    assertThat(store.appendIfChanged(id, resolved)).isEmpty();
    assertThat(store.appendIfChanged(id, firing)).isPresent();
    assertThat(store.appendIfChanged(id, entry(T0, "free"))).isPresent();
    assertThat(store.appendIfChanged(id, entry(T0, "free"))).isPresent();
    assertThat(store.timeline(id)).hasSize(5);
  }

  @Test
  void entryEditsKeepHistoryAndCheckTheRevision() {
    var id = store.create(incident(null), List.of()).id();
    var e = store.append(id, entry(T0, "texte"));
    var edited =
        store.editEntry(
            id, e.id(), new EntryEdit(1, null, "texte corrigé", null, "bob"), T0.plusSeconds(5));
    var hidden = store.editEntry(id, e.id(), EntryEdit.hide(2, "carol"), T0.plusSeconds(9));
    assertThat(edited.revision()).isEqualTo(2);
    assertThat(hidden.revision()).isEqualTo(3);
    assertThat(hidden.hidden()).isTrue();
    assertThat(hidden.description()).isEqualTo("texte corrigé");
    assertThat(hidden.history())
        .extracting(h -> h.previousDescription() + "/" + h.previousHidden() + "/" + h.editedBy())
        .containsExactly("texte/false/bob", "texte corrigé/false/carol");
    assertThat(store.timeline(id)).containsExactly(hidden);
    assertThatThrownBy(() -> store.editEntry(id, e.id(), EntryEdit.hide(2, "dave"), T0))
        .isInstanceOf(IncidentConflictException.class);
    assertThatThrownBy(() -> store.editEntry(id, 9_999_999, EntryEdit.hide(1, "dave"), T0))
        .isInstanceOf(IncidentNotFoundException.class);
  }

  @Test
  void reviewVersionsStartAtOne() {
    var id = store.create(incident(null), List.of()).id();
    assertThat(store.review(id)).isEmpty();
    var r1 = store.saveReview(id, Review.of(List.of("constat"), List.of()), 0);
    var r2 = store.saveReview(id, Review.of(List.of("constat", "second"), List.of()), 1);
    assertThat(r1.version()).isEqualTo(1);
    assertThat(r2.version()).isEqualTo(2);
    assertThat(store.review(id)).contains(r2);
    assertThatThrownBy(() -> store.saveReview(id, Review.of(List.of("x"), List.of()), 1))
        .isInstanceOf(IncidentConflictException.class);
    assertThatThrownBy(() -> store.saveReview(9_999_999, r1, 0))
        .isInstanceOf(IncidentNotFoundException.class);
  }
}
