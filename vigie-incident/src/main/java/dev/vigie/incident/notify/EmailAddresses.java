package dev.vigie.incident.notify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that a string is exactly one plain email address ({@code local@domain}).
 *
 * <p>Deliberately stricter than RFC 5322: no display name, no comments, no quoted local part, no
 * list separators. A contact field holding {@code "a@x.fr, b@y.fr"} is rejected rather than turned
 * into a message addressed to two people, which is the one thing a client notice must never be.
 * Internationalised addresses (non-ASCII) are rejected too: they need SMTPUTF8, which relays do not
 * all offer.
 */
final class EmailAddresses {
  private static final Pattern SINGLE =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private EmailAddresses() {}

  /**
   * Returns the address stripped of surrounding blanks.
   *
   * @param key the configuration or field name quoted in the error
   * @throws IllegalArgumentException naming the key and the bad value
   */
  static String requireSingle(String value, String key) {
    String address = value == null ? "" : value.strip();
    if (address.length() > 254 || !SINGLE.matcher(address).matches()) {
      throw new IllegalArgumentException(
          key + ": expected one email address like name@example.fr, got '" + value + "'");
    }
    return address;
  }

  /**
   * The form used to compare addresses: the domain is case-insensitive, and so in practice is the
   * local part.
   */
  static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
