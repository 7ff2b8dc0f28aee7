package dev.vigie.detect.threshold;

/**
 * The two levels of one threshold: crossing {@code warning} raises a warning, crossing {@code
 * critical} a critical alert. Levels are inclusive: a value equal to a level has crossed it.
 */
public record Level(double warning, double critical) {

  public Level {
    if (!(warning > 0) || !(critical > 0) || Double.isInfinite(critical)) {
      throw new IllegalArgumentException(
          "levels must be positive numbers, not warning=" + warning + " critical=" + critical);
    }
    if (warning > critical) {
      throw new IllegalArgumentException(
          "warning (" + num(warning) + ") is above critical (" + num(critical) + ")");
    }
  }

  /** The severity reached by {@code value}: 2 critical, 1 warning, 0 none. */
  public int grade(double value) {
    return value >= critical ? 2 : value >= warning ? 1 : 0;
  }

  public static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  @Override
  public String toString() {
    return "{warning: " + num(warning) + ", critical: " + num(critical) + "}";
  }
}
