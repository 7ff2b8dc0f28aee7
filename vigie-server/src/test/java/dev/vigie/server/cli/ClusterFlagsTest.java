package dev.vigie.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cluster flags of serve and kafka-dev: a mistake is named, with exit code 2, no trace. */
class ClusterFlagsTest {

  @Test
  void roleWithoutKafkaIsRefused() {
    Cli r = Cli.run("serve", "--role", "detect");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--role and --kafka go together").doesNotContain("Exception");
  }

  @Test
  void unknownRoleIsNamed() {
    Cli r = Cli.run("serve", "--role", "ingest,spy", "--kafka", "127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'spy' is not a role").doesNotContain("Exception");
  }

  @Test
  void unknownEventTimeIsNamed() {
    Cli r = Cli.run("serve", "--role", "detect", "--kafka", "127.0.0.1:1", "--event-time", "gps");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--event-time: hep or ingest, not 'gps'");
  }

  @Test
  void kafkaDevRefusesABadPort() {
    Cli r = Cli.run("kafka-dev", "--port", "70000");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--port");
  }
}
