package dev.vigie.catalog.analysis;

/**
 * How urgent a finding is. CRITICAL: one failure takes down a critical service or a support line.
 * WARNING: it takes two failures, or one failure takes down only non-critical services. INFO: the
 * rest.
 */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO
}
