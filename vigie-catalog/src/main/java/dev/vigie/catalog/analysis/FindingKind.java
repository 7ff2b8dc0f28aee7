package dev.vigie.catalog.analysis;

/** What a finding is about. */
public enum FindingKind {
  /** One component takes down the support line and critical services: the seed's coupling. */
  SUPPORT_COUPLED,
  /** One component takes down a critical service or a line, redundancy considered. */
  SINGLE_POINT_OF_FAILURE,
  /** Every member of an {@code anyOf} group depends on one component: the redundancy is void. */
  COMMON_CAUSE,
  /** A line has main numbers and no backup number. */
  NO_BACKUP_NUMBER,
  /** A backup number goes through the carrier of a main number. */
  BACKUP_SHARES_CARRIER,
  /** A backup number is answered by the platform of a main number. */
  BACKUP_SHARES_PLATFORM,
  /** Every place a backup number is published goes down with the main numbers. */
  BACKUP_UNPUBLISHED,
  /** A client has no contact: nobody can be told when its services fail. */
  CLIENT_WITHOUT_CONTACT,
  /** Two components, neither a single point of failure, take down a critical service together. */
  CUT_PAIR
}
