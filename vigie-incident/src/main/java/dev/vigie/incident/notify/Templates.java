package dev.vigie.incident.notify;

import dev.vigie.incident.notify.MessageBody.Block;
import dev.vigie.incident.notify.MessageBody.Callout;
import dev.vigie.incident.notify.MessageBody.Fact;
import dev.vigie.incident.notify.MessageBody.Facts;
import dev.vigie.incident.notify.MessageBody.Link;
import dev.vigie.incident.notify.MessageBody.Paragraph;
import dev.vigie.incident.notify.MessageBody.Quote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the four client notices in French or English. Every message names the backup support
 * number (a highlighted callout) and the status page link (the client's own page when configured).
 *
 * <p>Structure per type (the wording lives in {@link FrenchPhrases} and {@link EnglishPhrases}):
 *
 * <ul>
 *   <li>opened: intro naming the services, facts (reference, title, start, services, impact,
 *       status), next steps, backup callout, status link, apology;
 *   <li>update: intro, the public update quoted, facts (reference, title, update time, services,
 *       status), next steps, backup callout, status link;
 *   <li>resolved: intro, facts (reference, title, start, end, duration, services), post-incident
 *       review, backup callout, status link, apology;
 *   <li>announcement: intro, the number, when to use it, keep it, status link.
 * </ul>
 *
 * Pure and thread-safe.
 */
public final class Templates {
  private Templates() {}

  /**
   * Renders one notice for one recipient.
   *
   * @throws IllegalArgumentException if the context lacks what the type needs (the incident, an
   *     update text and time, a resolution time)
   */
  public static RenderedMessage render(
      NotificationType type, NotificationContext context, Recipient recipient) {
    checkContext(type, context);
    Phrases say = Phrases.of(recipient.language());
    String subject;
    List<Block> blocks = new ArrayList<>();
    String mains = String.join(", ", context.mainNumbers());
    String[] callout = say.backupCallout(mains);
    Link status;
    switch (type) {
      case INCIDENT_OPENED -> {
        IncidentFacts incident = context.incident();
        subject = say.subjectOpened(incident.number(), incident.servicesLine());
        blocks.add(
            new Paragraph(say.openedIntro(incident.servicesLine(), incident.services().size())));
        blocks.add(
            new Facts(
                List.of(
                    new Fact(say.labelReference(), incident.number()),
                    new Fact(say.labelTitle(), incident.title()),
                    new Fact(say.labelStart(), say.time(incident.startedAt(), context.zone())),
                    new Fact(say.labelServices(), incident.servicesLine()),
                    new Fact(say.labelImpact(), incident.clientImpact()),
                    new Fact(say.labelStatus(), incident.status().label(recipient.language())))));
        if (incident.publicUpdate() != null) {
          blocks.add(new Quote(incident.publicUpdate()));
        }
        blocks.add(new Paragraph(say.openedNext()));
        status = new Link(say.statusLinkOpen(), context.statusPageFor(recipient.clientId()));
      }
      case INCIDENT_UPDATE -> {
        IncidentFacts incident = context.incident();
        subject = say.subjectUpdate(incident.number(), incident.servicesLine());
        blocks.add(new Paragraph(say.updateIntro(incident.number())));
        blocks.add(new Quote(incident.publicUpdate()));
        blocks.add(
            new Facts(
                List.of(
                    new Fact(say.labelReference(), incident.number()),
                    new Fact(say.labelTitle(), incident.title()),
                    new Fact(say.labelUpdate(), say.time(incident.updatedAt(), context.zone())),
                    new Fact(say.labelServices(), incident.servicesLine()),
                    new Fact(say.labelStatus(), incident.status().label(recipient.language())))));
        blocks.add(new Paragraph(say.updateNext()));
        status = new Link(say.statusLinkOpen(), context.statusPageFor(recipient.clientId()));
      }
      case INCIDENT_RESOLVED -> {
        IncidentFacts incident = context.incident();
        subject = say.subjectResolved(incident.number(), incident.servicesLine());
        blocks.add(
            new Paragraph(
                say.resolvedIntro(
                    incident.number(), incident.servicesLine(), incident.services().size())));
        blocks.add(
            new Facts(
                List.of(
                    new Fact(say.labelReference(), incident.number()),
                    new Fact(say.labelTitle(), incident.title()),
                    new Fact(say.labelStart(), say.time(incident.startedAt(), context.zone())),
                    new Fact(say.labelEnd(), say.time(incident.resolvedAt(), context.zone())),
                    new Fact(
                        say.labelDuration(),
                        Phrases.duration(
                            Duration.between(incident.startedAt(), incident.resolvedAt()))),
                    new Fact(say.labelServices(), incident.servicesLine()))));
        if (incident.publicUpdate() != null) {
          blocks.add(new Quote(incident.publicUpdate()));
        }
        blocks.add(new Paragraph(say.resolvedNext()));
        status = new Link(say.statusLinkResolved(), context.statusPageFor(recipient.clientId()));
      }
      case BACKUP_NUMBER_ANNOUNCEMENT -> {
        subject = say.subjectAnnouncement(context.companyName());
        blocks.add(new Paragraph(say.announcementIntro()));
        callout = new String[] {say.announcementCallout(), ""};
        status =
            new Link(say.statusLinkAnnouncement(), context.statusPageFor(recipient.clientId()));
      }
      default -> throw new IllegalStateException("unreachable: " + type);
    }
    blocks.add(new Callout(callout[0], context.backupNumber(), callout[1]));
    if (type == NotificationType.BACKUP_NUMBER_ANNOUNCEMENT) {
      blocks.add(new Paragraph(say.announcementUsage(mains)));
      blocks.add(new Paragraph(say.announcementKeep()));
    }
    blocks.add(status);
    if (type == NotificationType.INCIDENT_OPENED || type == NotificationType.INCIDENT_RESOLVED) {
      blocks.add(new Paragraph(say.apology()));
    }
    MessageBody body =
        new MessageBody(
            say.greeting(),
            blocks,
            say.signature(context.companyName()),
            say.footer(recipient.clientName()));
    return new RenderedMessage(
        subject,
        BodyRenderer.text(body, say.colon()),
        BodyRenderer.html(body, subject, recipient.language()));
  }

  /**
   * Checks that the context holds what {@code type} needs, without rendering.
   *
   * @throws IllegalArgumentException naming the missing field
   */
  public static void checkContext(NotificationType type, NotificationContext context) {
    switch (type) {
      case INCIDENT_OPENED -> requireIncident(type, context);
      case INCIDENT_UPDATE -> {
        IncidentFacts incident = requireIncident(type, context);
        require(incident.publicUpdate() != null, type, "incident.publicUpdate");
        require(incident.updatedAt() != null, type, "incident.updatedAt");
      }
      case INCIDENT_RESOLVED ->
          require(requireIncident(type, context).resolvedAt() != null, type, "incident.resolvedAt");
      case BACKUP_NUMBER_ANNOUNCEMENT -> {}
      case NOC_REMINDER ->
          throw new IllegalArgumentException(
              "NOC reminders are rendered by the obligations module");
    }
  }

  private static IncidentFacts requireIncident(NotificationType type, NotificationContext context) {
    require(context.incident() != null, type, "incident");
    return context.incident();
  }

  private static void require(boolean present, NotificationType type, String field) {
    if (!present) {
      throw new IllegalArgumentException(field + ": required for " + type);
    }
  }
}
