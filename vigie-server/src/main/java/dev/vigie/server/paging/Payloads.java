package dev.vigie.server.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigie.server.Json;
import dev.vigie.server.paging.PagingConfig.ChannelSpec;
import dev.vigie.server.paging.PagingConfig.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bodies posted to webhooks, built as JSON trees (so JSON escaping is right by construction),
 * with the title escaped once more for the receiver's markup: Slack's mrkdwn ({@code & < >}, so a
 * title cannot mention {@code <!channel>} or hide a link), Teams' markdown (backslash before {@code
 * * _ [ ] ( ) < > ` ~ #}, so a title cannot make a link). The templated HTTP body (an SMS gateway)
 * gets each placeholder escaped for the body's content type: a JSON string's content, a form
 * field's value, or plain one-line text; a placeholder in the URL is always URL-encoded.
 */
final class Payloads {
  private static final ObjectMapper JSON = Json.mapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z]+)\\s*}}");

  private Payloads() {}

  /** Slack incoming webhook: {@code {"text": ..., "blocks": [...]}}. */
  static String slack(PageMessage m, Person p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", m.headline() + " – " + p.name() + " – " + m.ackUrl());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", m.headline());
    ObjectNode section = blocks.addObject().put("type", "section");
    section
        .putObject("text")
        .put("type", "mrkdwn")
        .put(
            "text",
            "*"
                + slackEscape(p.name())
                + "* – "
                + slackEscape(m.reason())
                + "\n"
                + slackEscape(m.title())
                + "\n"
                + slackEscape(m.level()));
    ObjectNode actions = blocks.addObject().put("type", "actions");
    ObjectNode button = actions.putArray("elements").addObject();
    button.put("type", "button").put("style", "danger").put("url", m.ackUrl());
    button.putObject("text").put("type", "plain_text").put("text", m.ackLabel());
    return root.toString();
  }

  /** Microsoft Teams incoming webhook: an Adaptive Card message, or a legacy MessageCard. */
  static String teams(PageMessage m, Person p, String format) {
    String details =
        teamsEscape(p.name())
            + " – "
            + teamsEscape(m.reason())
            + "\n\n"
            + teamsEscape(m.title())
            + "\n\n"
            + teamsEscape(m.level());
    ObjectNode root = JSON.createObjectNode();
    if ("messagecard".equals(format)) {
      root.put("@type", "MessageCard")
          .put("@context", "https://schema.org/extensions")
          .put("themeColor", "C50F1F")
          .put("summary", m.headline())
          .put("title", m.headline())
          .put("text", details);
      ObjectNode action = root.putArray("potentialAction").addObject();
      action.put("@type", "OpenUri").put("name", m.ackLabel());
      action.putArray("targets").addObject().put("os", "default").put("uri", m.ackUrl());
      return root.toString();
    }
    root.put("type", "message");
    ObjectNode att = root.putArray("attachments").addObject();
    att.put("contentType", "application/vnd.microsoft.card.adaptive");
    att.putNull("contentUrl");
    ObjectNode card = att.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("size", "Large")
        .put("weight", "Bolder")
        .put("color", "Attention")
        .put("wrap", true)
        .put("text", teamsEscape(m.headline()));
    body.addObject().put("type", "TextBlock").put("wrap", true).put("text", details);
    card.putArray("actions")
        .addObject()
        .put("type", "Action.OpenUrl")
        .put("title", m.ackLabel())
        .put("url", m.ackUrl());
    return root.toString();
  }

  /** The templated body of an {@code http} channel. */
  static String body(ChannelSpec c, PageMessage m, Person p) {
    if (c.body() == null) return "";
    String type = c.contentType() == null ? "" : c.contentType().toLowerCase(Locale.ROOT);
    Escape e =
        type.contains("json")
            ? Escape.JSON
            : type.contains("x-www-form-urlencoded") ? Escape.FORM : Escape.TEXT;
    return fill(c.body(), values(m, p), e);
  }

  /** The URL of an {@code http} channel, placeholders URL-encoded. */
  static String url(ChannelSpec c, PageMessage m, Person p) {
    String raw = c.url().toString().replace("%7B%7B", "{{").replace("%7D%7D", "}}");
    return fill(raw, values(m, p), Escape.FORM);
  }

  enum Escape {
    JSON,
    FORM,
    TEXT
  }

  static Map<String, String> values(PageMessage m, Person p) {
    return Map.of(
        "text", m.sms(),
        "headline", m.headline(),
        "title", m.title(),
        "number", m.number(),
        "severity", m.severity(),
        "ackUrl", m.ackUrl(),
        "name", PageMessage.clean(p.name()),
        "phone", p.phone() == null ? "" : p.phone().replace(" ", ""),
        "email", p.email() == null ? "" : p.email());
  }

  static String fill(String template, Map<String, String> values, Escape e) {
    Matcher mt = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (mt.find()) {
      String v = values.get(mt.group(1));
      String r = v == null ? mt.group() : escape(PageMessage.oneLine(v, 1000), e);
      mt.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    mt.appendTail(out);
    return out.toString();
  }

  static String escape(String s, Escape e) {
    return switch (e) {
      case JSON -> {
        String q = JSON.getNodeFactory().textNode(s).toString();
        yield q.substring(1, q.length() - 1);
      }
      case FORM -> URLEncoder.encode(s, StandardCharsets.UTF_8);
      case TEXT -> s;
    };
  }

  static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String teamsEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\*_[]()<>`~#|".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  static String html(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
