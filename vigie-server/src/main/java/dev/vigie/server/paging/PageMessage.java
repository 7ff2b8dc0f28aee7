package dev.vigie.server.paging;

import dev.vigie.server.i18n.Texts;

/**
 * What one page says, in the NOC's language. The first line ({@link #headline}) is built only from
 * Vigie's own words, the IG number and the severity: nothing an attacker controls (an incident
 * opened by detection has a title naming a SIP User-Agent or a source) ever reaches it. The title
 * comes second, made one line of at most 120 characters ({@link #clean}); each channel escapes it
 * again for its own format.
 *
 * @param text the whole message as plain text (email body, Slack's fallback text)
 * @param sms one line, short: headline and link, no title
 */
public record PageMessage(
    String headline,
    String reason,
    String title,
    String level,
    String ackUrl,
    String ackLabel,
    String text,
    String sms,
    String number,
    String severity) {

  /** The message of one delivery. */
  static PageMessage of(
      Texts t,
      String number,
      String severityKey,
      String reasonKey,
      String rawTitle,
      int level,
      int round,
      String ackUrl) {
    String sev = t.t("isev." + severityKey);
    String headline = t.t("paging.msg.headline", number, sev);
    String reason = t.t("paging.reason." + reasonKey);
    String title = clean(rawTitle);
    String lvl = t.t("paging.msg.level", level, round + 1);
    String ack = t.t("paging.msg.ack");
    String text =
        headline
            + "\n"
            + t.t("paging.msg.reason", reason)
            + "\n"
            + t.t("paging.msg.title", title)
            + "\n"
            + lvl
            + "\n"
            + ack
            + " : "
            + ackUrl
            + "\n";
    String sms = headline + " – " + reason + ". " + ack + " : " + ackUrl;
    return new PageMessage(headline, reason, title, lvl, ackUrl, ack, text, sms, number, sev);
  }

  /**
   * The title as a page shows it: one line of at most 120 characters: control characters (line
   * breaks, escapes) become spaces, runs of spaces one, unpaired surrogates and non-characters
   * U+FFFD.
   */
  static String clean(String s) {
    return oneLine(s, 120);
  }

  /** {@link #clean} with another length limit. */
  static String oneLine(String s, int max) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(Math.min(s.length(), max + 10));
    boolean space = false;
    for (int i = 0; i < s.length() && b.length() < max; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)
          || Character.getType(cp) == Character.LINE_SEPARATOR
          || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR
          || Character.getType(cp) == Character.FORMAT
          || Character.isWhitespace(cp)) {
        if (!space && b.length() > 0) b.append(' ');
        space = true;
        continue;
      }
      space = false;
      if (Character.isSurrogate((char) cp) || cp == 0xFFFE || cp == 0xFFFF) cp = 0xFFFD;
      b.appendCodePoint(cp);
    }
    return b.toString().strip();
  }
}
