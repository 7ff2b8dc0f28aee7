package dev.vigie.contain;

/** The two kinds of containment. */
public enum IsolationKind {
  /** Drop everything from one remote source (IPv4 address or IPv6 /64). */
  SOURCE_BLOCK,
  /** Cut all forwarded traffic to and from a hosted machine. */
  MACHINE_ISOLATION;

  public static IsolationKind of(Target target) {
    return switch (target) {
      case Target.Source s -> SOURCE_BLOCK;
      case Target.Machine m -> MACHINE_ISOLATION;
    };
  }
}
