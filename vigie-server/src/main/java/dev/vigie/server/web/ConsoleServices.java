package dev.vigie.server.web;

import dev.vigie.catalog.analysis.CatalogAnalysis;
import dev.vigie.contain.ContainmentService;
import dev.vigie.incident.IncidentService;
import dev.vigie.incident.report.IncidentReport;
import dev.vigie.server.detection.ThresholdService;
import dev.vigie.server.storage.AlertStore;
import dev.vigie.server.storage.AuditLog;
import java.time.InstantSource;
import java.time.ZoneId;

/**
 * The domain services the console shows and drives. {@code containment}, {@code extender}, {@code
 * incidents}, {@code report} and {@code catalog} may be null when that stage is not configured: the
 * pages then show a "not configured" panel instead; without {@code obligations} the incident page
 * has no NIS2 panel; without {@code catalogModel} the incident editor takes services and clients as
 * free text, and without {@code declarations} it has no declaration controls.
 */
public record ConsoleServices(
    AlertStore alerts,
    ThresholdService thresholds,
    ContainmentService containment,
    Extender extender,
    IncidentService incidents,
    IncidentReport report,
    CatalogAnalysis catalog,
    TrafficSampler traffic,
    AuditLog audit,
    InstantSource clock,
    ZoneId zone,
    dev.vigie.server.probe.ProbeModule probes,
    dev.vigie.server.contain.KnownGoodStore knownGood,
    dev.vigie.server.incident.IncidentPublisher publisher,
    dev.vigie.incident.obligation.ObligationService obligations,
    dev.vigie.catalog.Catalog catalogModel,
    dev.vigie.server.status.IncidentDeclarations declarations) {}
