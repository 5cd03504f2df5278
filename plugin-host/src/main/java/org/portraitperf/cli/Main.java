package org.portraitperf.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.PrintWriter;
import org.portraitperf.api.ApiModule;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.models.ModelsModule;

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
      return CommandLines.execute(PortraitPerformanceCommand.class, injector, args, out, err);
    }
  }
}
