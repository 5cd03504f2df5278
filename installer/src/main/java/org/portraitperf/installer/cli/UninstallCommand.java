package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.install.PluginCaches;
import org.portraitperf.installer.install.Uninstaller;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup uninstall}: removes exactly what the install record lists. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
    description = {"Remove the installation, exactly as its install record lists it.",
        "Every file and link the record lists goes, then its folders once empty. Files it did not install (a "
            + "pack added later, your own) are left where they are and named."})
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocationOptions where;

  @Mixin CacheOptions caches;

  @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
  boolean dryRun;

  private final Uninstaller uninstaller;
  private final Environment env;

  @Inject
  UninstallCommand(Uninstaller uninstaller, Environment env) {
    this.uninstaller = uninstaller;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Locations locations = where.locations(env);
    if (dryRun) {
      uninstaller.describe(locations, where.rootFolder()).forEach(out::println);
      return ExitCodes.OK;
    }
    Uninstaller.Outcome outcome = uninstaller.uninstall(locations, where.rootFolder());
    out.printf("removed Portrait Performance %s: %d files%n", outcome.record().version(), outcome.removed());
    outcome.missing().forEach(path -> out.println("  already gone: " + path));
    outcome.left().forEach(folder -> out.println("kept " + folder + ": it holds files the installation did not put there"));
    if (outcome.record().userService()) {
      out.println("  the user service's definition is removed; a sidecar it started runs until it is stopped: "
          + UserService.forLauncher(locations.os(), env, locations.launcher()).stopNow());
    }
    PluginCaches.clear(PluginCaches.find(locations.os(), env, where.rootFolder()), caches.consent(out), out::println);
    return ExitCodes.OK;
  }
}
