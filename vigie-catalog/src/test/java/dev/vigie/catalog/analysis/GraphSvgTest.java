package dev.vigie.catalog.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigie.catalog.Catalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG drawing is well-formed XML with one box per node, dashed redundancy, SPOFs marked. */
class GraphSvgTest {

  @Test
  void seedPlatformDrawsEveryNodeAndMarksTheSharedProvider() throws Exception {
    CatalogAnalysis analysis = CatalogAnalysis.analyse(ExamplesTest.example("seed-platform.yaml"));
    Document svg = parse(GraphSvg.render(analysis.graph()));
    List<Element> nodes = elements(svg, "g");
    assertThat(nodes).hasSize(analysis.graph().nodes().size());
    Element vinfra = byId(nodes, "vinfra");
    assertThat(vinfra.getAttribute("class")).isEqualTo("node provider spof");
    assertThat(byId(nodes, "sbc-1").getAttribute("class")).isEqualTo("node machine");
    List<Element> edges = elements(svg, "line");
    assertThat(edges).hasSize(analysis.graph().edges().size());
    assertThat(edges)
        .filteredOn(e -> e.getAttribute("class").equals("edge any"))
        .isNotEmpty()
        .allMatch(e -> e.getAttribute("stroke-dasharray").equals("5 4"));
    // dependents are drawn above what they need
    double voipY = y(byId(nodes, "voip-acme"));
    assertThat(voipY).isLessThan(y(byId(nodes, "pbx-acme")));
    assertThat(y(byId(nodes, "pbx-acme"))).isLessThan(y(vinfra));
  }

  @Test
  void namesAreEscaped() throws Exception {
    Catalog catalog = Catalog.parse("providers: [{id: a, name: \"R&D <lab> \\\"x\\\"\"}]");
    String svg = GraphSvg.render(CatalogAnalysis.analyse(catalog).graph());
    assertThat(parse(svg).getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("R&D <lab> \"x\" (provider)");
  }

  static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> elements(Document doc, String tag) {
    NodeList list = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  static Element byId(List<Element> nodes, String id) {
    return nodes.stream()
        .filter(n -> n.getAttribute("data-id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  static double y(Element node) {
    return Double.parseDouble(
        ((Element) node.getElementsByTagName("rect").item(0)).getAttribute("y"));
  }
}
