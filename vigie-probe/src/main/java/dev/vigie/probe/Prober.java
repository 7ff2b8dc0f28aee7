package dev.vigie.probe;

/**
 * Probes one target once. Implementations block for at most the target's timeout (plus a small
 * scheduling slack), never throw, and are safe to call from many threads at once.
 */
@FunctionalInterface
public interface Prober {
  ProbeResult probe(ProbeTarget target);
}
