package dev.vigie.contain.config;

import java.time.Duration;

/**
 * At most {@code maxActions} automatic actions in any sliding {@code window}; beyond it Vigie asks
 * instead of acting, so that a detection gone wrong can never become the outage.
 */
public record ActionCap(int maxActions, Duration window) {

  public ActionCap {
    if (maxActions < 0) {
      throw new ConfigException("containment.cap.maxActions", maxActions, "a count >= 0");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new ConfigException("containment.cap.window", window, "a positive duration");
    }
  }

  /** 10 automatic actions per 5 minutes. */
  public static ActionCap defaults() {
    return new ActionCap(10, Duration.ofMinutes(5));
  }
}
