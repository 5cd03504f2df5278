package org.portraitperf.installer.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.cli.GuiceFactory;
import org.portraitperf.models.ModelException;
import picocli.CommandLine;

/** Entry point of {@code pp-setup}: builds the injector once and hands the arguments to picocli. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never throws. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new SetupModule());
    CommandLine commandLine = new CommandLine(SetupCommand.class, new GuiceFactory(injector));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> report(error, cmd.getErr()));
    return commandLine.execute(args);
  }

  /** One line for the user, an exit code for scripts; a stack trace only when asked for. */
  private static int report(Exception error, PrintWriter err) {
    if (error instanceof PortraitPerfException problem) {
      err.println("error: " + problem.getMessage());
      return problem instanceof ModelException ? ExitCodes.MODEL_PROBLEM : ExitCodes.BAD_INPUT;
    }
    if (error instanceof IllegalArgumentException bad) {
      err.println("error: " + bad.getMessage());
      return ExitCodes.USAGE;
    }
    err.println("internal error: " + error + " (set PP_DEBUG=1 for details, and please report it)");
    if (System.getenv("PP_DEBUG") != null) {
      error.printStackTrace(err);
    }
    return ExitCodes.INTERNAL_ERROR;
  }
}
