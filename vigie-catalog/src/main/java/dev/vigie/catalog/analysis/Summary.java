package dev.vigie.catalog.analysis;

/** Counts of a catalogue and of its findings by severity. */
public record Summary(
    int providers,
    int sites,
    int machines,
    int services,
    int criticalServices,
    int numbers,
    int clients,
    int findings,
    int critical,
    int warnings) {}
