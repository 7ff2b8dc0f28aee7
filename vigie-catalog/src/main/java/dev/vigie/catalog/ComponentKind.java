package dev.vigie.catalog;

/**
 * The kinds of component a catalogue holds, with their YAML section and names in both languages.
 */
public enum ComponentKind {
  PROVIDER("providers", "provider", "fournisseur"),
  SITE("sites", "site", "site"),
  MACHINE("machines", "machine", "machine"),
  SERVICE("services", "service", "service"),
  NUMBER("numbers", "number", "numéro");

  private final String section;
  private final String en;
  private final String fr;

  ComponentKind(String section, String en, String fr) {
    this.section = section;
    this.en = en;
    this.fr = fr;
  }

  /** The YAML key of the section listing components of this kind. */
  public String section() {
    return section;
  }

  /** The English noun ("provider"). */
  public String en() {
    return en;
  }

  /** The French noun ("fournisseur"). */
  public String fr() {
    return fr;
  }
}
