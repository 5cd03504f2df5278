package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.install.Doctor;
import org.portraitperf.installer.platform.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup doctor}: checks the installation as hosts will use it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check the installation as hosts will use it.",
        "Files as installed, the bundle where hosts look (and only there), the C library, the environment, host "
            + "caches, and the installed sidecar's own doctor; exit 6 if something needs fixing."})
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocationOptions where;

  @Option(names = "--skip-sidecar", description = "Do not run the installed sidecar's own doctor.")
  boolean skipSidecar;

  private final Doctor doctor;
  private final Environment env;

  @Inject
  DoctorCommand(Doctor doctor, Environment env) {
    this.doctor = doctor;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Doctor.Finding> findings = doctor.examine(where.locations(env), where.rootFolder(), env, !skipSidecar);
    for (Doctor.Finding finding : findings) {
      String level = finding.level() == Doctor.Level.PROBLEM ? "PROBLEM" : finding.level().name().toLowerCase(Locale.ROOT);
      out.printf("%-8s %-15s %s%n", level, finding.topic(), finding.detail().replace("\n", "\n" + " ".repeat(25)));
    }
    return Doctor.problems(findings) ? ExitCodes.DAMAGED : ExitCodes.OK;
  }
}
