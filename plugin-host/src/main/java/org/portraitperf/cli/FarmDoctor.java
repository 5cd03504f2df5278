package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.portraitperf.jobs.farm.CueJobOptions;
import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmException;
import org.portraitperf.jobs.farm.FarmJobs;
import org.portraitperf.jobs.farm.FarmPaths;
import org.portraitperf.jobs.farm.FarmScheduler;
import picocli.CommandLine.Option;

/**
 * {@code pp doctor --farm}: what a render farm host needs beyond what {@code doctor} checks anyway
 * (Java, ONNX Runtime, codecs, models): {@code java} on the PATH tasks run with, the {@code pp}
 * command the jobs name, the shared storage mounted and writable, and, when asked, Cuebot answering.
 */
final class FarmDoctor {
  /** The options, a mixin of {@code doctor}. */
  static final class Options {
    @Option(names = "--farm", description = "Also check what a render farm host needs: java on the PATH, the pp command"
        + " jobs run (--pp), the shared storage (--farm-root) mounted and writable, Cuebot answering (--cuebot).")
    boolean farm;

    @Option(names = "--farm-root", paramLabel = "DIR", description = "Shared storage this host must reach and write,"
        + " repeatable (default: $" + FarmSubmitOptions.FARM_ROOTS + ").")
    List<Path> farmRoots = new ArrayList<>();

    @Option(names = "--pp", paramLabel = "PATH", description = "The pp command farm jobs run (default"
        + " /opt/portrait-performance/bin/pp).")
    Path launcher = CueJobOptions.DEFAULT_LAUNCHER;

    @Option(names = "--cuebot", paramLabel = "HOST[:PORT]", description = "With --farm: also ask Cuebot whether it answers.")
    String cuebot;
  }

  private final FarmJobs farmJobs;

  @Inject
  FarmDoctor(FarmJobs farmJobs) {
    this.farmJobs = farmJobs;
  }

  /** Prints a line per check; answers whether every one passed. */
  boolean check(Options options, PrintWriter out) {
    out.println("Farm host");
    boolean ok = true;
    Optional<Path> java = onPath("java");
    ok &= line(out, java.isPresent(), "java on PATH", java.map(Path::toString).orElse("not found on "
        + System.getenv("PATH") + " (tasks run pp with the PATH the farm's agent gives them; install Java 17+ there)"));
    boolean launcher = Files.isExecutable(options.launcher);
    ok &= line(out, launcher, "pp", options.launcher + (launcher ? "" : " is missing or not executable (install"
        + " Portrait Performance there, or submit with --pp naming where it is)"));
    List<Path> roots = FarmSubmitOptions.roots(options.farmRoots);
    if (roots.isEmpty()) {
      ok &= line(out, false, "shared storage", "none named: give --farm-root DIR (or $" + FarmSubmitOptions.FARM_ROOTS
          + ")");
    }
    for (Path root : roots) {
      Optional<String> problem = FarmPaths.problemWith(root);
      ok &= line(out, problem.isEmpty(), "shared storage", root + problem.map(p -> " " + p).orElse(" (writable)"));
    }
    if (options.cuebot != null) {
      FarmAddress address = FarmAddress.parse(options.cuebot, FarmAddress.CUEBOT_PORT);
      try (FarmScheduler scheduler = farmJobs.connect(address)) {
        ok &= line(out, true, "cuebot", scheduler.probe());
      } catch (FarmException e) {
        ok &= line(out, false, "cuebot", e.getMessage());
      }
    }
    return ok;
  }

  private static boolean line(PrintWriter out, boolean ok, String what, String detail) {
    out.printf("  %-7s %-15s %s%n", ok ? "ok" : "PROBLEM", what, detail);
    return ok;
  }

  /** The first executable of that name on the PATH, as a shell would find it. */
  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
        .map(folder -> Path.of(folder, command)).filter(Files::isExecutable).findFirst();
  }
}
