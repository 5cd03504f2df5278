package org.portraitperf.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.cli.ExitCodes;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.debian.DebianPackage;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.platform.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp-setup deb}: a Debian package of a distribution. */
@Command(name = "deb", mixinStandardHelpOptions = true,
    description = {"Build a Debian package of a distribution.",
        "It installs the same layout as pp-setup install, face models included (built with dpkg-deb); Depends "
            + "is worked out from what the native code needs."})
final class DebCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "DIST",
      description = "The distribution to package [default: this one, or in a checkout its latest build].")
  Path from;

  @Option(names = "--offline", paramLabel = "FOLDER",
      description = "Where the models' files come from [default: the distribution's models folder, else download].")
  Path offline;

  @Option(names = "--with-pack", paramLabel = "PACK", description = "Include a model pack (id or manifest .json). Repeatable.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--maintainer", paramLabel = "NAME <EMAIL>",
      description = "The package's Maintainer [default: " + DebianPackage.DEFAULT_MAINTAINER + "].")
  String maintainer = DebianPackage.DEFAULT_MAINTAINER;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the .deb [default: beside the distribution].")
  Path out;

  private final DebianPackage packager;
  private final Environment env;

  @Inject
  DebCommand(DebianPackage packager, Environment env) {
    this.packager = packager;
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    Distribution distribution = Sources.distribution(from);
    if (offline != null && !Files.isDirectory(offline)) {
      throw new InstallerException(offline.toString(), "is not a folder (expected the models' files)");
    }
    Path deb = packager.build(new DebianPackage.Inputs(distribution,
        Optional.ofNullable(offline).map(Path::toAbsolutePath).or(distribution::models), packs, maintainer),
        out != null ? out : distribution.root().getParent(), env, printer::println);
    printer.println("built " + deb + "; install it with apt install " + deb);
    return ExitCodes.OK;
  }
}
