package dev.vigie.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a catalogue from YAML text: walks the parsed tree by hand (no data binding) so that every
 * shape error is collected with the path of its entry, then hands the entries to {@link
 * CatalogValidator} for references, duplicates and cycles. Keys outside the catalogue's sections
 * (the rest of a {@code serve} configuration) are ignored; inside a machine, keys the catalogue
 * does not use ({@code thresholds}...) are kept in {@link Machine#attributes()}; elsewhere an
 * unknown key is an error, because a misspelt {@code dependsOn} would silently hide a dependency.
 */
final class CatalogLoader {
  static final List<String> SECTIONS =
      List.of("providers", "sites", "machines", "services", "numbers", "clients");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private final List<CatalogError> errors = new ArrayList<>();

  private CatalogLoader() {}

  static Catalog load(String yaml, String source) throws CatalogException {
    return new CatalogLoader().read(yaml, source);
  }

  private Catalog read(String yaml, String source) throws CatalogException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new CatalogException(
          source,
          List.of(new CatalogError(where, "not valid YAML: " + oneLine(e.getOriginalMessage()))));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new CatalogException(source, List.of(new CatalogError("", "the file is empty")));
    }
    if (!root.isObject()) {
      throw new CatalogException(
          source,
          List.of(
              new CatalogError(
                  "",
                  "must be a mapping with keys "
                      + String.join(", ", SECTIONS)
                      + ", got "
                      + YamlEntry.describe(root))));
    }
    YamlEntry top = new YamlEntry(root, "", errors);
    for (String section : SECTIONS) {
      JsonNode value = root.get(section);
      if (value != null && !value.isNull() && !value.isArray()) {
        errors.add(
            new CatalogError(
                section, "must be a list of entries, got " + YamlEntry.describe(value)));
      }
    }
    List<Provider> providers = new ArrayList<>();
    List<Site> sites = new ArrayList<>();
    List<Machine> machines = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<PhoneNumber> numbers = new ArrayList<>();
    List<Client> clients = new ArrayList<>();
    entries(root, "providers", e -> providers.add(provider(e)));
    entries(root, "sites", e -> sites.add(site(e)));
    entries(root, "machines", e -> machines.add(machine(e)));
    entries(root, "services", e -> services.add(service(e)));
    entries(root, "numbers", e -> numbers.add(number(e)));
    entries(root, "clients", e -> clients.add(client(e)));
    List<String> protectedAddresses = top.texts("protected");
    Catalog catalog =
        new Catalog(providers, sites, machines, services, numbers, clients, protectedAddresses);
    errors.addAll(CatalogValidator.validate(catalog));
    if (!errors.isEmpty()) {
      throw new CatalogException(source, errors);
    }
    return catalog;
  }

  /** SnakeYAML's message without its quoted snippet, caret and "in 'reader'" lines. */
  static String oneLine(String message) {
    return message
        .lines()
        .filter(l -> !l.startsWith("    "))
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'"))
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private interface EntryReader {
    void read(YamlEntry entry);
  }

  /** Calls {@code reader} for each mapping of a section that has an id. */
  private void entries(JsonNode root, String section, EntryReader reader) {
    JsonNode list = root.get(section);
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String indexed = section + "[" + i + "]";
      if (!item.isObject()) {
        errors.add(new CatalogError(indexed, "must be a mapping, got " + YamlEntry.describe(item)));
        continue;
      }
      String id = new YamlEntry(item, indexed, errors).text("id", true);
      if (id != null) {
        reader.read(new YamlEntry(item, section + "[" + id + "]", errors));
      }
    }
  }

  private Provider provider(YamlEntry e) {
    e.rejectUnknownKeys(List.of("id", "name", "kind", "dependsOn", "pressure"));
    return new Provider(
        e.text("id", true),
        name(e),
        e.choice("kind", ProviderKind.class, ProviderKind.OTHER),
        groups(e));
  }

  private Site site(YamlEntry e) {
    e.rejectUnknownKeys(List.of("id", "name", "provider", "dependsOn"));
    return new Site(e.text("id", true), name(e), e.text("provider", false), groups(e));
  }

  private static final List<String> MACHINE_KEYS =
      List.of("id", "name", "addresses", "client", "role", "site", "hosting", "dependsOn");

  private Machine machine(YamlEntry e) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    e.node()
        .properties()
        .forEach(f -> {
          if (!MACHINE_KEYS.contains(f.getKey()) && !f.getValue().isNull()) {
            attributes.put(f.getKey(), YAML.convertValue(f.getValue(), Object.class));
          }
        });
    return new Machine(
        e.text("id", true),
        name(e),
        e.texts("addresses"),
        e.text("client", false),
        e.choice("role", MachineRole.class, MachineRole.OTHER),
        e.text("site", false),
        e.text("hosting", false),
        groups(e),
        attributes);
  }

  private Service service(YamlEntry e) {
    e.rejectUnknownKeys(List.of("id", "name", "critical", "description", "dependsOn"));
    return new Service(e.text("id", true), name(e), e.bool("critical", false), groups(e));
  }

  private PhoneNumber number(YamlEntry e) {
    e.rejectUnknownKeys(
        List.of(
            "id",
            "name",
            "number",
            "line",
            "role",
            "carrier",
            "platform",
            "publishedOn",
            "dependsOn"));
    String dialled = e.text("number", false);
    if (dialled != null && !dialled.matches("\\+?[0-9][0-9 .()\\-]{1,30}")) {
      e.error("number", "'" + dialled + "' is not a phone number (digits, spaces, + . - ( ))");
    }
    String line = e.text("line", false);
    return new PhoneNumber(
        e.text("id", true),
        name(e),
        dialled,
        line == null ? "support" : line,
        e.choice("role", NumberRole.class, NumberRole.MAIN),
        e.text("carrier", true),
        e.text("platform", true),
        e.texts("publishedOn"),
        groups(e));
  }

  private Client client(YamlEntry e) {
    e.rejectUnknownKeys(List.of("id", "name", "services", "contacts", "users"));
    List<Contact> contacts = new ArrayList<>();
    List<JsonNode> items = e.list("contacts");
    for (int i = 0; i < items.size(); i++) {
      YamlEntry c = new YamlEntry(items.get(i), e.path() + ".contacts[" + i + "]", errors);
      if (!items.get(i).isObject()) {
        c.error(null, "must be a mapping, got " + YamlEntry.describe(items.get(i)));
        continue;
      }
      c.rejectUnknownKeys(List.of("name", "email", "phone", "role", "language"));
      String email = c.text("email", false);
      if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        c.error("email", "'" + email + "' is not an email address");
      }
      String language = c.text("language", false);
      if (language != null && !language.equals("fr") && !language.equals("en")) {
        c.error("language", "unknown value '" + language + "' (expected one of fr, en)");
        language = null;
      }
      String phone = c.text("phone", false);
      if (email == null && phone == null) {
        c.error(null, "a contact needs an email or a phone");
      }
      contacts.add(
          new Contact(
              c.text("name", false),
              email,
              phone,
              c.text("role", false),
              language == null ? "fr" : language));
    }
    return new Client(e.text("id", true), name(e), e.texts("services"), contacts, e.count("users"));
  }

  private static String name(YamlEntry e) {
    String name =
        e.node().has("name") && e.node().get("name").isValueNode()
            ? e.node().get("name").asText().strip()
            : "";
    return name.isEmpty() ? e.node().get("id").asText().strip() : name;
  }

  /**
   * The {@code dependsOn} list: each item a component id, {@code {allOf: [...]}} or {@code {anyOf:
   * [...]}}.
   */
  private List<Requirement> groups(YamlEntry e) {
    List<Requirement> out = new ArrayList<>();
    List<JsonNode> items = e.list("dependsOn");
    for (int i = 0; i < items.size(); i++) {
      out.add(requirement(items.get(i), e.path() + ".dependsOn[" + i + "]"));
    }
    return out;
  }

  /**
   * Stands in for a group already reported as malformed, so that later groups keep their index and
   * the validator's paths ({@code dependsOn[2]}) still match the file. Never reaches a catalogue:
   * the load fails with the error reported.
   */
  private static final Requirement BROKEN = new Requirement.AllOf(List.of());

  private Requirement requirement(JsonNode node, String path) {
    if (node.isValueNode() && !node.isNull() && !node.asText().isBlank()) {
      return Requirement.on(node.asText().strip());
    }
    if (!node.isObject() || node.size() != 1 || !(node.has("allOf") || node.has("anyOf"))) {
      errors.add(
          new CatalogError(
              path,
              "must be a component id or a group {allOf: [...]} or {anyOf: [...]}, got "
                  + YamlEntry.describe(node)));
      return BROKEN;
    }
    String mode = node.has("allOf") ? "allOf" : "anyOf";
    JsonNode list = node.get(mode);
    if (!list.isArray() || list.isEmpty()) {
      errors.add(new CatalogError(path + "." + mode, "must be a non-empty list of components"));
      return BROKEN;
    }
    List<Requirement> members = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      members.add(requirement(list.get(i), path + "." + mode + "[" + i + "]"));
    }
    return mode.equals("allOf") ? new Requirement.AllOf(members) : new Requirement.AnyOf(members);
  }
}
