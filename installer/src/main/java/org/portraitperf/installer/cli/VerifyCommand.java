package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.install.Verifier;
import org.portraitperf.installer.platform.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup verify}: re-hashes every installed file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-hash every installed file and name each one missing or changed.",
        "The install record holds every file's size and SHA-256; exit 6 if any file differs."})
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocationOptions where;

  private final Verifier verifier;
  private final Environment env;

  @Inject
  VerifyCommand(Verifier verifier, Environment env) {
    this.verifier = verifier;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Verifier.Report report = verifier.verify(where.locations(env), where.rootFolder());
    report.problems().forEach(problem -> out.println(problem.path() + ": " + problem.what()));
    if (report.ok()) {
      out.printf("Portrait Performance %s: all %d files as installed%n", report.record().version(), report.checked());
      return ExitCodes.OK;
    }
    out.printf("Portrait Performance %s: %d of %d files are not as installed; install again to repair%n",
        report.record().version(), report.problems().size(), report.checked());
    return ExitCodes.DAMAGED;
  }
}
