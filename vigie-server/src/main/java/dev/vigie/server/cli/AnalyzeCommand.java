package dev.vigie.server.cli;

import dev.vigie.detect.Alert;
import dev.vigie.detect.DetectionEngine;
import dev.vigie.detect.inventory.Inventory;
import dev.vigie.detect.inventory.Machine;
import dev.vigie.detect.threshold.Thresholds;
import dev.vigie.server.config.ConfigException;
import dev.vigie.server.config.InventoryFile;
import dev.vigie.wire.capture.CaptureDecoder;
import dev.vigie.wire.capture.CaptureSummary;
import dev.vigie.wire.cdr.CdrParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigie analyze FILE...}: offline analysis of captures (pcap, pcapng, raw SIP, HEP) and 3CX
 * CDR files, with the same detection engine as {@code serve}, clocked by the packets.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Analyse pcap/pcapng captures (raw SIP or HEP) and 3CX CDR files offline.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "pcap, pcapng, raw SIP or HEP files")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description = "inventory YAML (machines, protected)")
  Path inventory;

  @Option(names = "--cdr", paramLabel = "FILE", description = "3CX CDR CSV file (repeatable)")
  List<Path> cdrs = new ArrayList<>();

  @Option(
      names = "--cdr-machine",
      paramLabel = "ID",
      description = "inventory id of the 3CX that wrote the CDRs")
  String cdrMachine;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "output format (default: text)")
  Format format;

  enum Format {
    text,
    json
  }

  private final PrintStream out;
  private final PrintStream err;

  public AnalyzeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (files.isEmpty() && cdrs.isEmpty()) {
      err.println("vigie analyze: no file given (captures as arguments, CDRs with --cdr)");
      return 2;
    }
    Inventory inv;
    try {
      inv = inventory == null ? Inventory.empty() : InventoryFile.load(inventory);
    } catch (ConfigException e) {
      err.println("vigie analyze: " + oneLine(e.getMessage()));
      return 2;
    }
    if (cdrMachine != null && inv.machine(cdrMachine) == null) {
      err.println(
          "vigie analyze: --cdr-machine: '" + cdrMachine + "' is not a machine of the inventory");
      return 2;
    }
    List<Alert> raised = new ArrayList<>();
    DetectionEngine engine = new DetectionEngine(inv, Thresholds.defaults(), raised::add);
    AnalyzeStats stats = new AnalyzeStats();
    CaptureSummary total = null;
    List<String> warnings = new ArrayList<>();
    // reading and framing on this thread, counting and detection on another (same order)
    try (DetectionPipe pipe =
        new DetectionPipe(e -> {
          stats.add(e);
          engine.onSip(e);
        })) {
      for (Path f : files) {
        // framed in place in the read buffers: the pipe lets go of each event once detected
        CaptureSummary s = CaptureDecoder.read(f, pipe, true);
        if (!s.ok() && s.packets() == 0) {
          err.println("vigie analyze: " + oneLine(s.error().reason()));
          return 2;
        }
        if (!s.ok()) {
          // corrupt mid-file (an impossible record or block length): keep what was read before it
          String w =
              oneLine(s.error().reason())
                  + ": stopped reading, kept the "
                  + s.packets()
                  + " packets before it";
          warnings.add(w);
          err.println("vigie analyze: warning: " + w);
          s = withoutError(s);
        }
        if (s.truncated())
          err.println("vigie analyze: " + f + ": truncated capture, counted what was read");
        s.malformedByReason()
            .forEach((reason, n) -> {
              if (reason.startsWith("link: unsupported link type")) {
                String w =
                    f
                        + ": "
                        + reason.substring("link: ".length())
                        + " (not decoded): "
                        + n
                        + " packets counted malformed";
                warnings.add(w);
                err.println("vigie analyze: warning: " + w);
              }
            });
        total = total == null ? s : total.plus(s);
      }
    } catch (RuntimeException e) { // a detection failure: one line, no trace
      err.println("vigie analyze: detection stopped: " + oneLine(String.valueOf(e)));
      return 2;
    }
    long cdrRows = 0;
    for (Path c : cdrs) {
      CdrParser.Result r;
      try (var reader =
          java.nio.file.Files.newBufferedReader(c, java.nio.charset.StandardCharsets.UTF_8)) {
        r = CdrParser.defaults().parse(reader);
      } catch (java.nio.file.NoSuchFileException e) {
        err.println("vigie analyze: " + c + ": no such file");
        return 2;
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        err.println("vigie analyze: " + c + ": cannot read: " + oneLine(e.getMessage()));
        return 2;
      }
      for (var rec : r.records()) engine.onCdr(rec, cdrMachine);
      r.errors().stream()
          .limit(20)
          .forEach(problem -> err.println("vigie analyze: " + c + ": " + problem));
      cdrRows += r.records().size();
    }
    engine.finish();
    List<String> machineIds = inv.machines().stream().map(Machine::id).toList();
    AnalyzeReport report = AnalyzeReport.of(total, stats, engine, machineIds, cdrRows, warnings);
    if (format == Format.json) out.println(report.toJson());
    else out.print(report.toText());
    return 0;
  }

  private static CaptureSummary withoutError(CaptureSummary s) {
    return new CaptureSummary(
        s.source(),
        s.format(),
        s.packets(),
        s.sipMessages(),
        s.malformed(),
        s.malformedByReason(),
        s.keepAlives(),
        s.firstPacketMicros(),
        s.lastPacketMicros(),
        s.truncated(),
        null);
  }

  /**
   * {@code analyze} without picocli when the arguments are plain (files, {@code --inventory},
   * {@code --cdr}, {@code --cdr-machine}, {@code --format text|json}, as {@code --opt value} or
   * {@code --opt=value}): its ~170 classes are compiled for Java 5 and cannot be kept in the
   * start-up (AOT) cache, which made them a third of a short run's CPU. Anything else (help, an
   * unknown or incomplete option, {@code @argfiles}, a name starting with '-') returns null and
   * goes through picocli, with its usual messages.
   */
  public static AnalyzeCommand plain(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || !"analyze".equals(args[0])) return null;
    try {
      return plainArgs(args, out, err);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // picocli reports it
    }
  }

  private static AnalyzeCommand plainArgs(String[] args, PrintStream out, PrintStream err) {
    AnalyzeCommand c = new AnalyzeCommand(out, err);
    c.format = Format.text;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.charAt(0) == '@') return null;
      if (a.charAt(0) != '-') {
        c.files.add(Path.of(a));
        continue;
      }
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else {
        if (i + 1 >= args.length) return null;
        value = args[++i];
      }
      switch (name) {
        case "--inventory" -> {
          if (c.inventory != null) return null; // picocli names the repetition
          c.inventory = Path.of(value);
        }
        case "--cdr" -> c.cdrs.add(Path.of(value));
        case "--cdr-machine" -> {
          if (c.cdrMachine != null) return null;
          c.cdrMachine = value;
        }
        case "--format" -> {
          if (value.equals("json")) c.format = Format.json;
          else if (!value.equals("text")) return null;
        }
        default -> {
          return null;
        }
      }
    }
    return c;
  }

  static String oneLine(String s) {
    if (s == null) return "error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
