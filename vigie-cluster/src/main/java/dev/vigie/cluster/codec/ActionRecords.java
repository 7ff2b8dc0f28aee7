package dev.vigie.cluster.codec;

import dev.vigie.contain.Isolation;
import dev.vigie.contain.IsolationKind;
import dev.vigie.contain.IsolationState;
import dev.vigie.contain.Reason;
import dev.vigie.contain.Target;
import dev.vigie.detect.inventory.Cidr;
import java.util.ArrayList;
import java.util.List;

/** An {@link Action} on the {@code vigie.actions} topic (keyed by the target's key). */
public final class ActionRecords {
  private static final int VERSION = 1;

  private ActionRecords() {}

  public static byte[] encode(Action a) {
    Isolation i = a.isolation();
    Bin.Out o = new Bin.Out();
    o.i8(VERSION);
    o.str(a.id());
    o.i8(a.op().ordinal());
    o.str(i.id());
    switch (i.target()) {
      case Target.Source s -> {
        o.i8(0);
        o.str(s.prefix().toString());
      }
      case Target.Machine m -> {
        o.i8(1);
        o.str(m.id());
        o.i32(m.addresses().size());
        for (Cidr c : m.addresses()) o.str(c.toString());
      }
    }
    o.i8(i.reason().ordinal());
    o.str(i.detail());
    o.str(i.alertId());
    o.instant(i.created());
    o.duration(i.duration());
    o.instant(i.activated());
    o.instant(i.expires());
    o.i8(i.state().ordinal());
    o.str(i.actor());
    o.i8(i.dryRun() ? 1 : 0);
    o.instant(i.ended());
    o.str(i.endedBy());
    return o.toByteArray();
  }

  public static Action decode(byte[] b) {
    Bin.In in = new Bin.In(b);
    if (in.i8() != VERSION) throw new CodecException("not a Vigie action record (version 1)");
    String id = in.str();
    int op = in.i8();
    if (id == null || op >= Action.Op.values().length) throw new CodecException("bad action");
    String isoId = in.str();
    Target target;
    try {
      if (in.i8() == 0) {
        target = new Target.Source(Cidr.parse(in.str()));
      } else {
        String machine = in.str();
        int n = in.count();
        List<Cidr> addresses = new ArrayList<>();
        for (int k = 0; k < n; k++) addresses.add(Cidr.parse(in.str()));
        target = new Target.Machine(machine, addresses);
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CodecException("action target: " + e.getMessage());
    }
    Reason reason = enumOf(Reason.values(), in.i8());
    String detail = in.str();
    String alertId = in.str();
    var created = in.instant();
    var duration = in.duration();
    var activated = in.instant();
    var expires = in.instant();
    IsolationState state = enumOf(IsolationState.values(), in.i8());
    String actor = in.str();
    boolean dryRun = in.i8() == 1;
    var ended = in.instant();
    String endedBy = in.str();
    in.done();
    try {
      Isolation iso =
          new Isolation(
              isoId,
              target,
              IsolationKind.of(target),
              reason,
              detail,
              alertId,
              created,
              duration,
              activated,
              expires,
              state,
              actor,
              dryRun,
              ended,
              endedBy);
      return new Action(id, Action.Op.values()[op], iso);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CodecException("action: " + e.getMessage());
    }
  }

  private static <E> E enumOf(E[] values, int i) {
    if (i >= values.length) throw new CodecException("unknown value " + i);
    return values[i];
  }
}
