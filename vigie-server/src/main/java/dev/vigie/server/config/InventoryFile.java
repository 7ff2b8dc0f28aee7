package dev.vigie.server.config;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigie.detect.inventory.InvalidConfigException;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.InventoryParser;
import dev.vigie.server.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the inventory ({@code machines}, {@code protected}) out of a YAML file, which may be a
 * separate inventory or the whole {@code serve} configuration (other sections are left to their own
 * readers).
 */
public final class InventoryFile {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private InventoryFile() {}

  /**
   * @throws ConfigException naming the file and every problem
   */
  public static Inventory load(Path file) {
    Map<String, Object> root = readYaml(file);
    return fromRoot(root, file.toString());
  }

  /** The inventory sections of an already parsed document. */
  public static Inventory fromRoot(Map<String, Object> root, String source) {
    Map<String, Object> inv = new LinkedHashMap<>();
    if (root.containsKey("machines")) inv.put("machines", root.get("machines"));
    if (root.containsKey("protected")) inv.put("protected", root.get("protected"));
    try {
      return InventoryParser.parse(inv);
    } catch (InvalidConfigException e) {
      throw new ConfigException(source, e.errors());
    }
  }

  /** A YAML document as maps and lists; errors name the file and the line. */
  public static Map<String, Object> readYaml(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    try {
      Map<String, Object> root = Json.yaml().readValue(text, MAP);
      return root == null ? Map.of() : root;
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      if (text.isBlank()) return Map.of();
      throw new ConfigException(file + ": the top level must be a mapping of keys");
    } catch (IOException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      var loc =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
              ? jpe.getLocation()
              : null;
      String first = m.lines().findFirst().orElse("invalid YAML");
      throw new ConfigException(
          file
              + ": invalid YAML"
              + (loc != null ? " at line " + loc.getLineNr() : "")
              + ": "
              + first);
    }
  }
}
