package org.portraitperf.cli;

import picocli.CommandLine.Command;

/** The top command: lists the subcommands. */
@Command(
    name = "pp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Portrait Performance: a still portrait performs the facial acting of a driving clip.",
    subcommands = {AnimateCommand.class, AnalyseCommand.class, BatchCommand.class, DoctorCommand.class,
        ModelsCommand.class, ServeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:internal error (please report)",
      "2:usage error",
      "3:bad input (missing, corrupt or unsupported file, no face)",
      "4:model missing or damaged (run `pp models install`)",
      "5:render farm unreachable or refusing the job, or a file farm hosts cannot see",
      "130:interrupted"
    })
final class PortraitPerformanceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
