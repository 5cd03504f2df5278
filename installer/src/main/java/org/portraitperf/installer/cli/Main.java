package org.portraitperf.installer.cli;

import com.google.inject.Guice;
import com.google.inject.Stage;
import java.io.PrintWriter;
import org.portraitperf.cli.CommandLines;

/** Entry point of {@code pp-setup}: builds the injector once and hands the arguments to picocli. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never throws. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return CommandLines.execute(SetupCommand.class, Guice.createInjector(Stage.PRODUCTION, new SetupModule()), args,
        out, err);
  }
}
