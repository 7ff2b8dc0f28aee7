package dev.vigie.catalog.analysis;

import dev.vigie.catalog.Component;
import java.util.ArrayList;
import java.util.List;

/** The English and French sentences of findings. Pure string building. */
final class Explain {
  private static final int SHOWN = 6;

  record Text(String en, String fr) {}

  private final DependencyModel model;
  private final int allClients;

  Explain(DependencyModel model) {
    this.model = model;
    this.allClients = model.catalog.clients().size();
  }

  /** "Name (id)" for a component, "the support line" for {@code line:support}. */
  Text label(String id) {
    if (id.startsWith("line:")) {
      String line = id.substring(5);
      return new Text("the " + line + " line", "la ligne " + line);
    }
    Component c = model.component(model.index.get(id));
    String article = c.kind() == dev.vigie.catalog.ComponentKind.MACHINE ? "la " : "le ";
    return new Text(
        "the " + c.kind().en() + " " + c.label(), article + c.kind().fr() + " " + c.label());
  }

  /** French "de" contracted with the article: "du fournisseur X", "de la machine Y". */
  static String de(String withArticle) {
    return withArticle.startsWith("le ") ? "du " + withArticle.substring(3) : "de " + withArticle;
  }

  Text labels(List<String> ids) {
    List<String> en = new ArrayList<>();
    List<String> fr = new ArrayList<>();
    for (String id : ids) {
      Text t = label(id);
      en.add(t.en());
      fr.add(t.fr());
    }
    return new Text(join(en, "and", "more"), join(fr, "et", "autre(s)"));
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String join(List<String> items, String and, String more) {
    if (items.isEmpty()) {
      return "";
    }
    if (items.size() > SHOWN) {
      List<String> head = items.subList(0, SHOWN);
      return String.join(", ", head) + " " + and + " " + (items.size() - SHOWN) + " " + more;
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " "
        + and
        + " "
        + items.get(items.size() - 1);
  }

  /** "3 clients affected (a, b, c)." in both languages; "All 12 clients" when it is everyone. */
  Text clients(List<String> clients) {
    if (clients.isEmpty()) {
      return new Text("No client is affected.", "Aucun client impacté.");
    }
    List<String> named =
        clients.stream().map(id -> model.catalog.client(id).map(c -> c.name()).orElse(id)).toList();
    String names = join(named, "and", "more");
    String noms = join(named, "et", "autre(s)");
    if (clients.size() == allClients && allClients > 1) {
      return new Text(
          "All " + allClients + " clients are affected.",
          "Les " + allClients + " clients sont impactés.");
    }
    return clients.size() == 1
        ? new Text("1 client affected: " + names + ".", "1 client impacté : " + noms + ".")
        : new Text(
            clients.size() + " clients affected: " + names + ".",
            clients.size() + " clients impactés : " + noms + ".");
  }

  Text singlePoint(String component, List<String> targets, List<String> clients) {
    Text c = label(component);
    Text t = labels(targets);
    Text n = clients(clients);
    return new Text(
        "Single point of failure: if "
            + c.en()
            + " fails, it alone takes down "
            + t.en()
            + ", redundancy considered. "
            + n.en(),
        "Point de défaillance unique : la panne "
            + de(c.fr())
            + " suffit à faire tomber "
            + t.fr()
            + ", redondance comprise. "
            + n.fr());
  }

  Text supportCoupled(String component, List<String> lines, List<String> services, int clients) {
    Text c = label(component);
    Text l = labels(lines);
    Text s = labels(services);
    return new Text(
        "Access to "
            + l.en()
            + " and to the critical services ("
            + s.en()
            + ") depends on one and the same component, "
            + c.en()
            + ": when it fails, "
            + (clients == 1 ? "1 client loses" : clients + " clients lose")
            + " the service and the number to report it. Add a backup number on"
            + " another carrier and another platform.",
        "L'accès à "
            + l.fr()
            + " et aux services critiques ("
            + s.fr()
            + ") dépend d'un seul et même composant, "
            + c.fr()
            + " : en cas de panne, "
            + (clients == 1 ? "1 client perd" : clients + " clients perdent")
            + " le service et le numéro pour le signaler. Mettre en place un"
            + " numéro de secours sur un autre opérateur et une autre plateforme.");
  }

  Text pair(String a, String b, List<String> targets, List<String> clients) {
    Text x = label(a);
    Text y = label(b);
    Text t = labels(targets);
    Text n = clients(clients);
    return new Text(
        capitalise(x.en())
            + " and "
            + y.en()
            + " failing together take down "
            + t.en()
            + "; neither does alone. "
            + n.en(),
        "La panne simultanée "
            + de(x.fr())
            + " et "
            + de(y.fr())
            + " fait tomber "
            + t.fr()
            + " ; aucun des deux seul ne le fait. "
            + n.fr());
  }

  Text commonCause(
      String group, List<String> members, String cause, List<String> down, List<String> clients) {
    Text c = label(cause);
    Text d = labels(down);
    Text n = clients(clients);
    String lostEn = down.isEmpty() ? "." : ", and with it " + d.en() + ".";
    String lostFr = down.isEmpty() ? "." : ", et avec lui " + d.fr() + ".";
    return new Text(
        "Redundancy defeated: the members of the group "
            + group
            + " ("
            + String.join(", ", members)
            + ") all depend on "
            + c.en()
            + ", so its failure alone takes the whole group down"
            + lostEn
            + " "
            + n.en(),
        "Redondance illusoire : les membres du groupe "
            + group
            + " ("
            + String.join(", ", members)
            + ") dépendent tous "
            + de(c.fr())
            + ", dont la panne seule fait tomber tout le groupe"
            + lostFr
            + " "
            + n.fr());
  }

  Text noBackup(String line, List<String> mains) {
    Text m = labels(mains);
    return new Text(
        "The "
            + line
            + " line has no backup number: when its main numbers ("
            + m.en()
            + ") fail, clients cannot reach it. Add a backup number on another carrier and another"
            + " platform, and send it to clients by email beforehand.",
        "La ligne "
            + line
            + " n'a pas de numéro de secours : si ses numéros principaux ("
            + m.fr()
            + ") tombent, les clients ne peuvent plus la joindre. Mettre en place un numéro de"
            + " secours sur un autre opérateur et une autre plateforme, communiqué aux clients par"
            + " courriel à l'avance.");
  }

  /** A backup number sharing {@code shared} (its carrier or platform) with main numbers. */
  Text backupShares(String backup, boolean carrier, String shared, List<String> mains) {
    Text b = label(backup);
    Text s = label(shared);
    Text m = labels(mains);
    String whatEn = carrier ? "goes through the same carrier" : "is answered by the same platform";
    String whatFr = carrier ? "passe par le même opérateur" : "est décroché par la même plateforme";
    return new Text(
        capitalise(b.en())
            + " is a backup but "
            + whatEn
            + " as "
            + m.en()
            + " ("
            + s.en()
            + "): a failure there takes the main numbers and the backup down together. A backup"
            + " must share neither the carrier nor the platform of the main numbers.",
        capitalise(b.fr())
            + " est un secours mais "
            + whatFr
            + " que "
            + m.fr()
            + " ("
            + s.fr()
            + ") : une panne à cet endroit emporte à la fois les numéros principaux et le secours."
            + " Un secours ne doit partager ni l'opérateur ni la plateforme des numéros"
            + " principaux.");
  }

  Text backupHidden(String backup, List<String> places, String cause) {
    Text b = label(backup);
    Text p = labels(places);
    Text c = label(cause);
    return new Text(
        capitalise(b.en())
            + " is published only on "
            + p.en()
            + ", which go(es) down with the main numbers when "
            + c.en()
            + " fails: clients would not find the backup when they need it. Publish it somewhere"
            + " independent too (an email sent beforehand, a status page hosted elsewhere).",
        capitalise(b.fr())
            + " n'est publié que sur "
            + p.fr()
            + ", qui tombe(nt) avec les numéros principaux en cas de panne "
            + de(c.fr())
            + " : les clients ne le trouveraient pas au moment où ils en ont besoin. Le publier"
            + " aussi ailleurs (courriel envoyé à l'avance, page de statut hébergée ailleurs).");
  }

  Text noContact(String client) {
    String name = model.catalog.client(client).map(c -> c.name()).orElse(client);
    return new Text(
        "Client " + name + " has no contact: nobody can be told when its services fail.",
        "Le client "
            + name
            + " n'a aucun contact : personne ne peut être prévenu d'une panne de"
            + " ses services.");
  }
}
