package dev.vigie.catalog;

/** What a provider supplies. Informational: the analysis treats every provider alike. */
public enum ProviderKind {
  CARRIER,
  HOSTING,
  NETWORK,
  DNS,
  EMAIL,
  POWER,
  SOFTWARE,
  OTHER
}
