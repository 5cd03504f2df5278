package org.portraitperf.installer.install;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portraitperf.installer.Processes;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.VersionNumbers;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.Os;

/**
 * Checks an installation as an editor's machine will use it: every file as installed, the bundle
 * where hosts look for it and nowhere else, the C library new enough, nothing in the environment
 * steering the bridge elsewhere, host caches that may hide an upgrade, and the installed sidecar's
 * own {@code pp doctor} (Java runtime, ONNX Runtime, FFmpeg codecs, models) run from the
 * installation.
 */
public final class Doctor {
  private static final Duration SIDECAR_DOCTOR_TIMEOUT = Duration.ofMinutes(3);

  public enum Level { OK, NOTE, PROBLEM }

  /** One thing found; {@code detail} may span lines. */
  public record Finding(Level level, String topic, String detail) {}

  private final Verifier verifier;

  @Inject
  public Doctor(Verifier verifier) {
    this.verifier = verifier;
  }

  /**
   * @param runInstalled run the installed {@code pp doctor} (needs the installation's runtime to
   *     run on this machine)
   */
  public List<Finding> examine(Locations where, Root root, Environment env, boolean runInstalled) {
    List<Finding> findings = new ArrayList<>();
    Optional<InstallRecord> found = InstallRecord.read(root.place(where.record()));
    if (found.isEmpty()) {
      findings.add(new Finding(Level.PROBLEM, "installation", "none at " + root.place(where.appDir())
          + " (install with pp-setup install; name another installation with --app-dir and --root)"));
      return findings;
    }
    InstallRecord record = found.get();
    findings.add(new Finding(Level.OK, "installation", Product.NAME + " " + record.version() + " (" + record.platform()
        + "), installed " + record.installedAt() + " by " + record.manager()));
    Verifier.Report report = verifier.verify(where, root);
    if (report.ok()) {
      findings.add(new Finding(Level.OK, "files", report.checked() + " files as installed (SHA-256 checked)"));
    } else {
      StringBuilder detail = new StringBuilder(report.problems().size() + " of " + report.checked()
          + " files are not as installed; reinstall to repair:");
      report.problems().forEach(p -> detail.append("\n").append(p.path()).append(": ").append(p.what()));
      findings.add(new Finding(Level.PROBLEM, "files", detail.toString()));
    }
    Path bundle = where.bundle(Product.BUNDLE);
    findings.addAll(searchPath(where, root, env, bundle));
    glibc(where, root, record).ifPresent(findings::add);
    env.variable("PP_SIDECAR_RUNTIME").ifPresent(value -> findings.add(new Finding(Level.NOTE, "environment",
        "PP_SIDECAR_RUNTIME=" + value + " makes the bridge start that sidecar instead of the installed one")));
    env.variable("PP_MODELS_DIR").ifPresent(value -> findings.add(new Finding(Level.NOTE, "environment",
        "PP_MODELS_DIR=" + value + " makes the sidecar read models from there, not from " + where.models())));
    for (PluginCaches.Remembering cache : PluginCaches.find(where.os(), env, root)) {
      findings.add(new Finding(Level.NOTE, "host cache", cache.cache().host() + "'s plug-in cache " + cache.file()
          + " remembers the plug-in; if " + cache.cache().host() + " shows an old version or none, close it and run"
          + " pp-setup clear-host-caches"));
    }
    if (record.userService()) {
      findings.add(new Finding(Level.OK, "user service", "the sidecar starts at login"));
    }
    if (runInstalled) {
      findings.add(installedSidecar(root.place(where.launcher())));
    }
    return findings;
  }

  /** The bundle must sit in a folder hosts search, and be the only copy they find. */
  private static List<Finding> searchPath(Locations where, Root root, Environment env, Path bundle) {
    List<Finding> findings = new ArrayList<>();
    List<Path> searched = Locations.ofxSearchPath(where.os(), env);
    if (searched.contains(where.ofxDir())) {
      findings.add(new Finding(Level.OK, "plug-in folder", "hosts find the bundle in " + where.ofxDir()));
    } else {
      findings.add(new Finding(Level.PROBLEM, "plug-in folder", "hosts search " + searched + " but the bundle is in "
          + where.ofxDir() + "; add it to OFX_PLUGIN_PATH (separated by '" + where.os().ofxPathSeparator()
          + "') in the hosts' environment"));
    }
    for (Path folder : searched) {
      Path other = folder.resolve(Product.BUNDLE);
      if (!other.equals(bundle) && Files.isDirectory(root.place(other))) {
        findings.add(new Finding(Level.PROBLEM, "plug-in folder", "another copy of the bundle is at " + other
            + "; hosts load one of the two: remove the one you do not want"));
      }
    }
    return findings;
  }

  /** The machine's C library against the newest version the installed files ask for (Linux). */
  private static Optional<Finding> glibc(Locations where, Root root, InstallRecord record) {
    Optional<String> needed = Optional.ofNullable(record.requires()).flatMap(r -> r.glibcVersion());
    if (where.os() != Os.LINUX || needed.isEmpty() || !root.isSystem()) {
      return Optional.empty();
    }
    Processes.Result getconf = Processes.run(List.of("getconf", "GNU_LIBC_VERSION"), Map.of(), Duration.ofSeconds(10));
    String[] words = getconf.output().strip().split("\\s+");
    if (!getconf.ok() || words.length != 2) {
      return Optional.of(new Finding(Level.NOTE, "C library", "cannot tell this machine's glibc version; the"
          + " installation needs " + needed.get() + " or newer"));
    }
    String have = words[1];
    if (VersionNumbers.compare(have, needed.get()) >= 0) {
      return Optional.of(new Finding(Level.OK, "C library", "glibc " + have + " (the installation needs "
          + needed.get() + " or newer)"));
    }
    return Optional.of(new Finding(Level.PROBLEM, "C library", "glibc " + have + " is older than " + needed.get()
        + ", which the sidecar's Java runtime and libraries need (the OpenFX bundle alone needs 2.17)"));
  }

  private static Finding installedSidecar(Path launcher) {
    if (!Files.isExecutable(launcher)) {
      return new Finding(Level.PROBLEM, "sidecar", launcher + " is missing or not executable; reinstall");
    }
    Processes.Result result = Processes.run(List.of(launcher.toString(), "doctor"), Map.of(), SIDECAR_DOCTOR_TIMEOUT);
    String output = result.output().strip().indent(2).stripTrailing();
    return new Finding(result.ok() ? Level.OK : Level.PROBLEM, "sidecar",
        launcher + " doctor " + (result.ok() ? "passed" : "failed (exit " + result.code() + ")") + ":\n" + output);
  }

  /** Whether a finding needs fixing. */
  public static boolean problems(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.level() == Level.PROBLEM);
  }
}
