package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.distribution.DistributionBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup dist}: builds a distribution from the build's products. */
@Command(name = "dist", mixinStandardHelpOptions = true,
    description = {"Build a distribution folder for this machine's platform.",
        "The OpenFX bundle, a Java runtime linked with jlink, the jars (other platforms' native libraries left "
            + "out), launchers, and optionally the models, in one folder to copy to editors' machines. Run from a "
            + "checkout, the checkout's build products are the defaults."})
final class DistCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", paramLabel = "DIR", description = "The built OpenFX bundle"
      + " [default in a checkout: ofx-bridge/build/" + Product.BUNDLE + "].")
  Path bundle;

  @Option(names = "--sidecar-jar", paramLabel = "JAR", description = "The sidecar's jar, with lib/ beside it"
      + " [default in a checkout: plugin-host/target/portrait-performance.jar].")
  Path sidecarJar;

  @Option(names = "--installer-jar", paramLabel = "JAR", description = "This program's jar"
      + " [default in a checkout: installer/target/portrait-performance-installer.jar].")
  Path installerJar;

  @Option(names = "--jdk", paramLabel = "DIR",
      description = "The JDK whose jmods the runtime is linked from [default: the JDK running this program].")
  Path jdk;

  @Option(names = "--offline-models", paramLabel = "FOLDER",
      description = "Carry these model files (as install --offline reads them) in the distribution's models folder.")
  Path offlineModels;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to build [default in a checkout: installer/target/dist].")
  Path out;

  private final DistributionBuilder builder;

  @Inject
  DistCommand(DistributionBuilder builder) {
    this.builder = builder;
  }

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    Optional<Path> repository = Sources.repository();
    DistributionBuilder.Inputs inputs = new DistributionBuilder.Inputs(
        orInRepository(bundle, "--bundle", "ofx-bridge/build/" + Product.BUNDLE),
        orInRepository(sidecarJar, "--sidecar-jar", "plugin-host/target/portrait-performance.jar"),
        orInRepository(installerJar, "--installer-jar", "installer/target/portrait-performance-installer.jar"),
        jdk != null ? jdk : Path.of(System.getProperty("java.home")),
        Optional.ofNullable(offlineModels));
    Path folder = out != null ? out : repository.map(r -> r.resolve("installer/target/dist")).orElseThrow(() ->
        new IllegalArgumentException("--out is needed outside a checkout"));
    Distribution built = builder.build(inputs, folder, printer::println);
    printer.println("built " + built.root() + "; install it with " + built.root().resolve("pp-setup") + " install");
    return ExitCodes.OK;
  }

  private static Path orInRepository(Path given, String option, String relative) {
    if (given != null) {
      return given.toAbsolutePath().normalize();
    }
    return Sources.repository().map(r -> r.resolve(relative)).orElseThrow(() ->
        new InstallerException(option, "is needed outside a checkout"));
  }
}
