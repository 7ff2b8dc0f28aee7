package dev.vigie.server.paging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test platform: the seed catalogue with its backup number, client notifications through a
 * local SMTP server, and paging: Marie and Paul take weekly turns (handover Monday 09:00 Paris,
 * Marie's week starting 16/09/2024, so she is on call at 07h40 on 23/09/2024 and Paul takes over at
 * 09h00), Claire is the duty manager. Level 1 pages the on-call engineer on her own channels (SMS,
 * Slack), level 2 the next one by SMS and Teams, level 3 Claire by email; no repeat. Paul reads
 * English.
 */
public final class PagingYaml {
  public static final String SMS_TOKEN = "sms-gateway-secret-token-0001";
  public static final String SLACK_PATH = "/slack/T0001/B0001/slack-secret-path";

  private PagingYaml() {}

  public static String config(Receiver r, int smtpPort, String extra) throws IOException {
    return Files.readString(Path.of("../examples/seed-platform-fixed.yaml"))
        + "\ncompany: {name: Exemple Télécom}\n"
        + "notifications:\n"
        + "  statusPageUrl: https://status.exemple-telecom.fr/status\n"
        + "  tickInterval: 1h\n"
        + "  smtp: {host: 127.0.0.1, port: "
        + smtpPort
        + ", security: NONE, from: supervision@exemple-telecom.fr, connectTimeout: 1s,"
        + " readTimeout: 3s}\n"
        + "paging:\n"
        + "  tickInterval: 1h\n"
        + "  people:\n"
        + "    - {id: marie, name: Marie Martin, email: marie@noc.exemple-telecom.fr, phone:"
        + " \"+33 6 11 22 33 44\", channels: [sms, slack]}\n"
        + "    - {id: paul, name: Paul Durand, phone: \"+33 6 55 66 77 88\", channels: [sms],"
        + " language: en}\n"
        + "    - {id: claire, name: Claire Chef, email: claire@noc.exemple-telecom.fr, channels:"
        + " [email]}\n"
        + "  rotation:\n"
        + "    shift: weekly\n"
        + "    handover: \"09:00\"\n"
        + "    start: 2024-09-16\n"
        + "    members: [marie, paul]\n"
        + "  escalation:\n"
        + "    repeat: 0\n"
        + "    levels:\n"
        + "      - {notify: [oncall], after: 5m}\n"
        + "      - {notify: [next], via: [sms, teams], after: 10m}\n"
        + "      - {notify: [claire], after: 15m}\n"
        + "  triggers:\n"
        + "    - severity: MAJOR\n"
        + "  retry: {initialDelay: 15s, maxDelay: 5m, maxAttempts: 4}\n"
        + "  channels:\n"
        + "    sms:\n"
        + "      type: http\n"
        + "      url: "
        + r.url("/sms?to={{phone}}")
        + "\n"
        + "      headers: {Authorization: \"Bearer "
        + SMS_TOKEN
        + "\"}\n"
        + "      contentType: application/json\n"
        + "      body: '{\"to\": \"{{phone}}\", \"message\": \"{{text}}\", \"title\": \"{{title}}\"}'\n"
        + "    slack: {type: slack, url: \""
        + r.url(SLACK_PATH)
        + "\"}\n"
        + "    teams: {type: teams, url: \""
        + r.url("/teams")
        + "\"}\n"
        + "    email: {type: email}\n"
        + extra;
  }
}
