package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.testing.Command;
import org.portraitperf.installer.testing.RepositoryBuild;

/**
 * What an installation weighs and costs, from this checkout's build: the sizes of its parts, the
 * time of a fresh offline install into a scratch root, of installing again over it (nothing
 * changed), of verify and of uninstall, each through the distribution's and the installation's own
 * launchers; and how long the installed runtime takes to start the command line against the JDK
 * that built it.
 *
 * <p>Run: {@code scripts/bench installer.install.InstallBench [rounds]}.
 */
public final class InstallBench {
  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    long start = System.nanoTime();
    Distribution distribution = RepositoryBuild.distribution();
    System.out.printf(Locale.ROOT, "distribution built in %.1f s: %s%n", seconds(start), distribution.root());
    for (String part : List.of("app/runtime", "app/lib", "PortraitPerformance.ofx.bundle")) {
      System.out.printf(Locale.ROOT, "  %-32s %4d MB%n", part, size(distribution.root().resolve(part)) >> 20);
    }
    System.out.printf(Locale.ROOT, "  %-32s %4d MB%n", "whole distribution", size(distribution.root()) >> 20);
    Path offline = RepositoryBuild.offlineModels();
    Path setup = distribution.root().resolve("pp-setup");
    for (int round = 1; round <= rounds; round++) {
      Path root = Files.createTempDirectory("pp-bench-root-");
      Path app = root.resolve("opt/portrait-performance");
      double install = timed(setup.toString(), "install", "--root", root.toString(), "--offline", offline.toString(),
          "--yes");
      double again = timed(setup.toString(), "install", "--root", root.toString(), "--offline", offline.toString(),
          "--yes");
      double verify = timed(app.resolve("bin/pp-setup").toString(), "verify", "--root", root.toString());
      long installed = size(root);
      double uninstall = timed(app.resolve("bin/pp-setup").toString(), "uninstall", "--root", root.toString(), "--yes");
      System.out.printf(Locale.ROOT, "round %d: installed %d MB; install %.1f s, again %.1f s, verify %.1f s,"
          + " uninstall %.1f s%n", round, installed >> 20, install, again, verify, uninstall);
      AtomicFiles.discard(root);
    }
    Path root = Files.createTempDirectory("pp-bench-root-");
    timed(setup.toString(), "install", "--root", root.toString(), "--without-models", "--yes");
    Path launcher = root.resolve("opt/portrait-performance/bin/pp");
    Path jar = RepositoryBuild.root().resolve("plugin-host/target/portrait-performance.jar");
    List<Double> installedRuntime = new ArrayList<>();
    List<Double> jdk = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      installedRuntime.add(timed(launcher.toString(), "--version"));
      jdk.add(timed(Path.of(System.getProperty("java.home"), "bin/java").toString(), "-Xmx4g", "-jar", jar.toString(),
          "--version"));
    }
    System.out.printf(Locale.ROOT, "pp --version: installed runtime %s s, the JDK %s s%n", installedRuntime, jdk);
    AtomicFiles.discard(root);
  }

  private static double timed(String... command) throws IOException {
    long start = System.nanoTime();
    Command run = Command.run(List.of(command), Map.of(), Duration.ofMinutes(10));
    if (run.code() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + run.code() + "): " + run.output());
    }
    return Math.round(seconds(start) * 100) / 100.0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
