package dev.vigie.server.config;

/**
 * Live-ingest settings beyond the listeners' addresses ({@code server.hep.queueCapacity}).
 *
 * @param queueCapacity HEP packets held between the network threads and the detection thread; a
 *     packet arriving when it is full is dropped and counted ({@code vigie_ingest_dropped_total})
 */
public record IngestConfig(int queueCapacity) {
  /**
   * @throws ConfigException naming the key and the bad value
   */
  public static IngestConfig from(ServeConfig cfg) {
    Node root = Node.root(cfg.root());
    Node hep = root.get("server").get("hep");
    IngestConfig c = new IngestConfig(hep.integer("queueCapacity", 1 << 18, 256, 1 << 24));
    if (!root.problems().isEmpty()) throw new ConfigException("configuration", root.problems());
    return c;
  }
}
