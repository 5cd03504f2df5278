package org.portraitperf.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.api.ApiModule;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.jobs.farm.FarmException;
import org.portraitperf.models.ModelException;
import org.portraitperf.models.ModelsModule;
import picocli.CommandLine;

/** Entry point of {@code pp}: builds the injector once and hands the arguments to picocli. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never throws. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new ModelsModule(), new FaceModule(), new EngineModule(),
        new ApiModule());
    try (FaceAnalyzer faces = injector.getInstance(FaceAnalyzer.class)) {
      CommandLine commandLine = new CommandLine(PortraitPerformanceCommand.class, new GuiceFactory(injector));
      commandLine.setOut(out);
      commandLine.setErr(err);
      commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> report(error, cmd.getErr()));
      return commandLine.execute(args);
    }
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
