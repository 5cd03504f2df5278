package org.portraitperf.installer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: lists the subcommands. */
@Command(
    name = "pp-setup",
    mixinStandardHelpOptions = true,
    versionProvider = SetupCommand.Version.class,
    description = "Install, upgrade, check and remove Portrait Performance (the OpenFX effect, its sidecar, models).",
    subcommands = {InstallCommand.class, UninstallCommand.class, VerifyCommand.class, DoctorCommand.class,
        ClearHostCachesCommand.class, DistCommand.class, DebCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:internal error (please report)",
      "2:usage error",
      "3:bad input (distribution, folder, manifest or tool missing or unusable; no permission to write)",
      "4:a model or model pack could not be fetched or failed its checksum",
      "6:the installation is not as installed (verify), or doctor found something to fix"
    })
final class SetupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version the jar's manifest carries. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package self = SetupCommand.class.getPackage();
      String version = self == null ? null : self.getImplementationVersion();
      return new String[] {"pp-setup " + (version == null ? "(development build)" : version)};
    }
  }
}
