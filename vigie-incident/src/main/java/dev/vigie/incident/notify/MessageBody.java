package dev.vigie.incident.notify;

import java.net.URI;
import java.util.List;

/**
 * The content of a message as structure, before rendering: {@link BodyRenderer} turns the same body
 * into plain text and into HTML, so the two parts of a message cannot drift apart and escaping
 * happens in one place.
 */
record MessageBody(String greeting, List<Block> blocks, List<String> signature, String footer) {

  MessageBody {
    blocks = List.copyOf(blocks);
    signature = List.copyOf(signature);
  }

  /** A part of the body. */
  sealed interface Block {}

  /** Running text; line breaks are kept. */
  record Paragraph(String text) implements Block {}

  /** Text quoted from the incident (a public update), set apart. */
  record Quote(String text) implements Block {}

  /** Label/value rows (reference, start, services...). */
  record Facts(List<Fact> rows) implements Block {
    Facts {
      rows = List.copyOf(rows);
    }
  }

  /** One row of {@link Facts}. */
  record Fact(String label, String value) {}

  /** The backup support number, highlighted: {@code before + number + after}. */
  record Callout(String before, String number, String after) implements Block {}

  /** A labelled link written out in full (the status page). */
  record Link(String label, URI url) implements Block {}
}
