package dev.vigie.detect.threshold;

import java.util.Optional;

/**
 * Every threshold the rules read, with its configuration key, its default levels and what it
 * measures. The table in {@code docs/detection.md} is this enum; keep them in step.
 */
public enum Threshold {
  REQUESTS_PER_SECOND(
      "requestsPerSecond", 150, 250, "requests per second from one remote source (FLOOD)"),
  MACHINE_INBOUND_REQUESTS_PER_SECOND(
      "inboundRequestsPerSecond",
      500,
      2000,
      "requests per second towards one machine from all remote sources together (FLOOD)"),
  SCAN_DISTINCT_TARGETS(
      "scanDistinctTargets",
      5,
      15,
      "distinct destination address:port pairs probed by one source in 60 s (SCAN)"),
  ENUMERATION_DISTINCT_USERS(
      "enumerationDistinctUsers",
      10,
      40,
      "distinct extensions tried by one source in 60 s, mostly refused (ENUMERATION)"),
  ENUMERATION_FAILURE_PERCENT(
      "enumerationFailurePercent",
      50,
      80,
      "share of refused requests (404, 403, failed or unanswered challenges) needed for"
          + " ENUMERATION at each level"),
  AUTH_FAILURES(
      "authFailures", 10, 30, "failed authentications from one source in 60 s (BRUTE_FORCE)"),
  CALLS_PER_MINUTE(
      "callsPerMinute", 5, 15, "international calls started by one extension in 60 s (TOLL_FRAUD)"),
  CONCURRENT_CALLS(
      "concurrentCalls", 4, 10, "concurrent international calls of one extension (TOLL_FRAUD)"),
  SEQUENTIAL_CALLS(
      "sequentialCalls",
      5,
      10,
      "consecutive calls of one extension to the same international prefix (TOLL_FRAUD)"),
  PREMIUM_CALLS_PER_MINUTE(
      "premiumCallsPerMinute",
      1,
      3,
      "calls to premium-rate ranges of the deny-list in 60 s, per extension (TOLL_FRAUD)"),
  MACHINE_REQUESTS_PER_SECOND(
      "machineRequestsPerSecond",
      100,
      400,
      "requests per second a hosted machine originates itself (MACHINE_TRAFFIC)"),
  MACHINE_CALLS_PER_SECOND(
      "machineCallsPerSecond",
      10,
      30,
      "calls (initial INVITEs) a hosted machine originates in one second (MACHINE_TRAFFIC)"),
  MACHINE_CALLS_PER_MINUTE(
      "machineCallsPerMinute",
      120,
      600,
      "calls (initial INVITEs) a hosted machine originates in 60 s (MACHINE_TRAFFIC)"),
  MACHINE_INTERNATIONAL_CALLS_PER_MINUTE(
      "machineInternationalCallsPerMinute",
      10,
      30,
      "calls to international or premium numbers outside its allowed prefixes a hosted machine"
          + " originates in 60 s (MACHINE_TRAFFIC)"),
  MACHINE_DISTINCT_DESTINATIONS(
      "machineDistinctDestinations",
      60,
      200,
      "distinct numbers a hosted machine calls in 60 s (MACHINE_TRAFFIC)"),
  BASELINE_DEVIATION(
      "baselineDeviation",
      6,
      12,
      "how far (in standard deviations) a machine metric may rise above its learned baseline"
          + " once warmed up (MACHINE_TRAFFIC)"),
  SERVICE_UNANSWERED_REQUESTS(
      "serviceUnansweredRequests",
      5,
      15,
      "requests to a machine left without any response for 5 s in 60 s, while it answered nothing"
          + " since and most of its requests went unanswered (SERVICE_DEGRADED)"),
  SERVICE_NER_DROP_PERCENT(
      "serviceNerDropPercent",
      30,
      60,
      "points the network effectiveness of calls to a machine (NER over 60 s, at least 5 failed"
          + " calls) falls below its hour-of-week baseline, 100% before it is learned"
          + " (SERVICE_DEGRADED)"),
  SERVICE_REGISTER_FAILURES(
      "serviceRegisterFailures",
      5,
      20,
      "REGISTERs to a machine answered 5xx/408 or not at all in 60 s, most of them"
          + " (SERVICE_DEGRADED)"),
  SERVICE_REGISTRATIONS_LOST(
      "serviceRegistrationsLost",
      5,
      20,
      "registrations of a machine's phones expired without a refresh in 60 s, at least 30% of"
          + " its registrations (SERVICE_DEGRADED)"),
  SERVICE_SETUP_DELAY_FACTOR(
      "serviceSetupDelayFactor",
      3,
      10,
      "times the mean INVITE-to-first-response delay of a machine over 60 s (at least 5 calls and"
          + " 1 s) exceeds its baseline, once learned (SERVICE_DEGRADED)"),
  SERVICE_SILENCE_EXPECTED(
      "serviceSilenceExpected",
      10,
      60,
      "messages a machine's hour-of-week baseline expected in 60 s in which it sent none while"
          + " other machines kept their traffic (SERVICE_DEGRADED)");

  private final String key;
  private final Level defaults;
  private final String meaning;

  Threshold(String key, double warning, double critical, String meaning) {
    this.key = key;
    this.defaults = new Level(warning, critical);
    this.meaning = meaning;
  }

  /** The configuration key (e.g. {@code requestsPerSecond}). */
  public String key() {
    return key;
  }

  public Level defaults() {
    return defaults;
  }

  public String meaning() {
    return meaning;
  }

  /** The threshold named by a configuration key. */
  public static Optional<Threshold> byKey(String key) {
    for (Threshold t : values()) if (t.key.equals(key)) return Optional.of(t);
    return Optional.empty();
  }
}
