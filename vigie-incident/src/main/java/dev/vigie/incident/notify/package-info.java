/**
 * Client notifications by email: who is told ({@link dev.vigie.incident.notify.Audience}), what
 * they are told ({@link dev.vigie.incident.notify.Templates}, French and English), and how the
 * message reaches them exactly once despite restarts and SMTP outages ({@link
 * dev.vigie.incident.notify.Outbox}, {@link dev.vigie.incident.notify.OutboxWorker}, {@link
 * dev.vigie.incident.notify.SmtpMailSender}).
 *
 * <p>Flow: the server calls {@link dev.vigie.incident.notify.Notifier#notify} when an incident
 * opens, gets a public update, or is resolved (or once to announce the backup support number). The
 * notifier selects one recipient per address among the affected clients, renders one message per
 * recipient in the recipient's language and enqueues it in the outbox (a database table in the
 * server; the dedup key makes a second enqueue of the same notice a no-op). A single {@link
 * dev.vigie.incident.notify.OutboxWorker} thread, ticked by the server's scheduler, sends what is
 * due, marks it sent as soon as the SMTP server accepted it, retries transient failures with
 * exponential backoff and jitter, and reports each sent message so the server appends a timeline
 * entry.
 *
 * <p>Nothing here depends on a framework except Jakarta Mail (angus-mail) in {@link
 * dev.vigie.incident.notify.SmtpMailSender}. See {@code docs/notifications.md}.
 */
package dev.vigie.incident.notify;
