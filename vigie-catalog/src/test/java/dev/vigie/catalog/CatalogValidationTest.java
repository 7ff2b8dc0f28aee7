package dev.vigie.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule with the exact messages a user reads: entry, key and bad value named. */
class CatalogValidationTest {

  static Stream<Arguments> invalid() {
    return Stream.of(
        // an unknown id deep in a group names the entry, the group path and the id
        Arguments.of(
            """
            machines: [{id: pbx-1}]
            services: [{id: voip-3cx, dependsOn: [{anyOf: [pbx-1, pbx-9]}]}]
            """,
            List.of(
                "services[voip-3cx].dependsOn[0].anyOf[1]: unknown component 'pbx-9' (did you mean"
                    + " 'pbx-1'?)")),
        // ids are unique across kinds and among clients
        Arguments.of(
            """
            providers: [{id: ovh}]
            machines: [{id: ovh}]
            clients: [{id: acme}, {id: acme}]
            """,
            List.of(
                "machines[ovh]: duplicate id 'ovh' (already used by a provider in providers)",
                "clients[acme]: duplicate id 'acme'")),
        // enum values list the accepted ones
        Arguments.of(
            """
            providers: [{id: p, kind: hostng}]
            machines: [{id: m, role: sbcx}]
            numbers: [{id: n, role: spare, carrier: p, platform: s}]
            services: [{id: s}]
            """,
            List.of(
                "providers[p].kind: unknown value 'hostng' (expected one of carrier, hosting,"
                    + " network, dns, email, power, software, other)",
                "machines[m].role: unknown value 'sbcx' (expected one of pbx, proxy, sbc, trunk,"
                    + " other)",
                "numbers[n].role: unknown value 'spare' (expected one of main, backup)")),
        // typed references must name a component of the right kind
        Arguments.of(
            """
            providers: [{id: p}]
            sites: [{id: x, provider: m2}]
            machines: [{id: m, site: p, hosting: x}, {id: m2}]
            services: [{id: s}]
            numbers: [{id: n, carrier: s, platform: m}]
            """,
            List.of(
                "sites[x].provider: 'm2' is a machine, expected a provider",
                "machines[m].site: 'p' is a provider, expected a site",
                "machines[m].hosting: 'x' is a site, expected a provider",
                "numbers[n].carrier: 's' is a service, expected a provider",
                "numbers[n].platform: 'm' is a machine, expected a service")),
        // required keys, clients' services and machine clients
        Arguments.of(
            """
            providers: [{id: p}]
            services: [{id: voip}]
            machines: [{id: m, client: acmee}]
            numbers: [{id: n, carrier: p}]
            clients: [{id: acme, services: [voip, vop, m]}]
            """,
            List.of(
                "numbers[n]: missing required key 'platform'",
                "machines[m].client: unknown client 'acmee' (did you mean 'acme'?)",
                "clients[acme].services[1]: unknown service 'vop' (did you mean 'voip'?)",
                "clients[acme].services[2]: 'm' is a machine, expected a service")),
        // misspelt keys outside machines are errors; shapes of groups and values
        Arguments.of(
            """
            services:
              - {id: s, dependOn: [a]}
              - {id: t, critical: maybe, dependsOn: [{oneOf: [s]}, {anyOf: []}, {anyOf: [s, s]}]}
              - {name: no id}
              - just a string
            """,
            List.of(
                "services[s].dependOn: unknown key 'dependOn' (known keys: id, name, critical,"
                    + " description, dependsOn)",
                "services[t].critical: must be true or false, got 'maybe'",
                "services[t].dependsOn[0]: must be a component id or a group {allOf: [...]} or"
                    + " {anyOf: [...]}, got a mapping",
                "services[t].dependsOn[1].anyOf: must be a non-empty list of components",
                "services[2]: missing required key 'id'",
                "services[3]: must be a mapping, got 'just a string'",
                // reference checks come after shape checks, with the file's indices
                "services[t].dependsOn[2].anyOf[1]: 's' is listed twice in this group")),
        // contacts
        Arguments.of(
            """
            clients:
              - id: acme
                contacts:
                  - {name: A, email: not-an-address}
                  - {name: B, email: b@acme.example, language: de}
                  - {name: C}
            """,
            List.of(
                "clients[acme].contacts[0].email: 'not-an-address' is not an email address",
                "clients[acme].contacts[1].language: unknown value 'de' (expected one of fr, en)",
                "clients[acme].contacts[2]: a contact needs an email or a phone")),
        // sections must be lists; phone numbers must look like phone numbers
        Arguments.of(
            """
            services: {id: s}
            protected: [203.0.113.0/24, [nested]]
            providers: [{id: p}]
            numbers: [{id: n, number: call-us, carrier: p, platform: p}]
            """,
            List.of(
                "services: must be a list of entries, got a mapping",
                "numbers[n].number: 'call-us' is not a phone number (digits, spaces, + . - ( ))",
                "protected[1]: must be a single value, got a list",
                "numbers[n].platform: 'p' is a provider, expected a service")),
        // cycles: self, two services, and a site that needs a machine that runs on it
        Arguments.of(
            """
            sites: [{id: x, dependsOn: [m1]}]
            machines: [{id: m1, site: x}]
            services:
              - {id: a, dependsOn: [{anyOf: [b, m1]}]}
              - {id: b, dependsOn: [a]}
              - {id: c, dependsOn: [c]}
            """,
            List.of(
                "sites[x]: dependency cycle x -> m1 -> x",
                "services[a]: dependency cycle a -> b -> a",
                "services[c]: depends on itself")));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void reportsEveryErrorAtOnce(String yaml, List<String> expected) {
    CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.parse(yaml));
    assertThat(e).as("no error raised for%n%s", yaml).isNotNull();
    assertThat(e.messages()).containsExactlyElementsOf(expected);
    assertThat(e.getMessage()).startsWith("catalogue: " + expected.size() + " error");
  }

  static Stream<Arguments> unreadable() {
    return Stream.of(
        Arguments.of("", "catalogue: 1 error", "the file is empty"),
        Arguments.of("- a\n- b\n", "catalogue: 1 error", "must be a mapping with keys"),
        Arguments.of(
            "services: [{id: a\n",
            "line 1, column 18: not valid YAML: while parsing a flow mapping",
            "expected ',' or '}', but got <stream end>"),
        Arguments.of("services: []\nservices: []\n", "line 2", "Duplicate field 'services'"));
  }

  @ParameterizedTest
  @MethodSource("unreadable")
  void unreadableYamlIsOneClearError(String yaml, String where, String what) {
    CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.parse(yaml));
    assertThat(e.errors()).hasSize(1);
    assertThat(e.getMessage()).contains(where).contains(what).doesNotContain("com.fasterxml");
    assertThat(e.errors().get(0).toString()).doesNotContain("\n");
  }
}
