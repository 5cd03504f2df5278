package org.portraitperf.cli;

import com.google.inject.Injector;
import java.io.PrintWriter;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.jobs.farm.FarmException;
import org.portraitperf.models.ModelException;
import picocli.CommandLine;

/**
 * How the product's programs ({@code pp}, {@code pp-setup}) run a command line: commands built by
 * the injector, and every failure turned into one line for the user and an exit code for scripts.
 */
public final class CommandLines {
  private CommandLines() {}

  /** Runs the arguments against the top command and returns the exit code; never throws. */
  public static int execute(Class<?> command, Injector injector, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(command, new GuiceFactory(injector));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> report(error, cmd.getErr()));
    return commandLine.execute(args);
  }

  /** One line for the user, an exit code for scripts; a stack trace only when asked for. */
  private static int report(Exception error, PrintWriter err) {
    if (error instanceof PortraitPerfException problem) {
      err.println("error: " + problem.getMessage());
      if (problem instanceof FarmException) {
        return ExitCodes.FARM;
      }
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
