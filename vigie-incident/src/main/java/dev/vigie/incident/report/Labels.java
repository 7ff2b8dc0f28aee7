package dev.vigie.incident.report;

import dev.vigie.incident.IncidentSeverity;
import dev.vigie.incident.Language;
import dev.vigie.incident.review.ActionStatus;
import java.time.format.DateTimeFormatter;

/**
 * The report's fixed wording. French is the provider's own report, word for word (see the seed
 * {@code incident-report-IG-2024-09-23-001}); English is its faithful translation.
 */
record Labels(
    String title,
    String start,
    String end,
    String at,
    String ongoing,
    String summary,
    String services,
    String clientImpact,
    String cause,
    String severity,
    String priority,
    String status,
    String detected,
    String mitigated,
    String resolved,
    String affectedClients,
    String timeline,
    String date,
    String time,
    String description,
    String analysis,
    String analysisPending,
    String rootCause,
    String wentWell,
    String wentBadly,
    String actions,
    String action,
    String owner,
    String due,
    String actionStatus,
    String noTimeline,
    String page,
    DateTimeFormatter dateFormat,
    DateTimeFormatter timeFormat) {

  static final Labels FR =
      new Labels(
          "Rapport - Incident Général",
          "Début de l'incident :",
          "Fin de l'incident :",
          "à",
          "en cours",
          "Résumé de l'incident",
          "Service(s) impacté(s):",
          "Impact Client:",
          "Cause",
          "Gravité (impact):",
          "Priorité:",
          "Statut:",
          "Détection:",
          "Endiguement:",
          "Résolution:",
          "Client(s) affecté(s):",
          "Déroulement",
          "Date",
          "Heure",
          "Description",
          "Analyse Post-Incident",
          "Analyse en cours de rédaction.",
          "Cause racine",
          "Ce qui a bien fonctionné",
          "Ce qui a moins bien fonctionné",
          "Actions correctives",
          "Action",
          "Responsable",
          "Échéance",
          "Statut",
          "Aucune entrée.",
          "Page",
          DateTimeFormatter.ofPattern("dd/MM/yyyy"),
          DateTimeFormatter.ofPattern("HH'h'mm"));

  static final Labels EN =
      new Labels(
          "Report - General Incident",
          "Incident start:",
          "Incident end:",
          "at",
          "ongoing",
          "Incident summary",
          "Impacted service(s):",
          "Client impact:",
          "Cause",
          "Severity (impact):",
          "Priority:",
          "Status:",
          "Detected:",
          "Mitigated:",
          "Resolved:",
          "Affected client(s):",
          "Timeline",
          "Date",
          "Time",
          "Description",
          "Post-Incident Analysis",
          "Analysis in progress.",
          "Root cause",
          "What went well",
          "What went badly",
          "Corrective actions",
          "Action",
          "Owner",
          "Due",
          "Status",
          "No entries.",
          "Page",
          DateTimeFormatter.ofPattern("dd/MM/yyyy"),
          DateTimeFormatter.ofPattern("HH:mm"));

  static Labels of(Language language) {
    return language == Language.FR ? FR : EN;
  }

  String severity(IncidentSeverity s) {
    boolean fr = this == FR;
    return switch (s) {
      case CRITICAL -> fr ? "Critique" : "Critical";
      case MAJOR -> fr ? "Majeure" : "Major";
      case MINOR -> fr ? "Mineure" : "Minor";
      case LOW -> fr ? "Faible" : "Low";
    };
  }

  String actionStatus(ActionStatus s) {
    boolean fr = this == FR;
    return switch (s) {
      case OPEN -> fr ? "À faire" : "Open";
      case IN_PROGRESS -> fr ? "En cours" : "In progress";
      case DONE -> fr ? "Fait" : "Done";
      case WONT_DO -> fr ? "Abandonné" : "Won't do";
    };
  }
}
