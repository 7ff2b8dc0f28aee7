package dev.vigie.probe;

/**
 * An account for REGISTER probes. {@code domain} is the registrar's domain (the realm is taken from
 * the challenge); null means the target's host. {@link #toString()} never shows the password.
 */
public record Credentials(String user, String password, String domain) {
  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=***, domain=" + domain + "]";
  }
}
