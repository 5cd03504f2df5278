package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.media.CodecSupport;
import org.portraitperf.models.ModelInstaller;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStatus;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pp doctor}: checks that this machine can run everything, and says what to fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check Java, ONNX Runtime, the models and the codecs (with --farm, what a render farm host needs"
        + " too); exit non-zero if something needs fixing.")
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FarmDoctor.Options farmOptions;

  private final ModelInstaller installer;
  private final ModelStore store;
  private final FaceAnalyzer faces;
  private final EngineSelector engines;
  private final ModelPacks packs;
  private final FarmDoctor farm;

  @Inject
  DoctorCommand(ModelInstaller installer, ModelStore store, FaceAnalyzer faces, EngineSelector engines,
      ModelPacks packs, FarmDoctor farm) {
    this.packs = packs;
    this.farm = farm;
    this.installer = installer;
    this.store = store;
    this.faces = faces;
    this.engines = engines;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Runtime runtime = Runtime.getRuntime();
    out.println("Portrait Performance " + VersionProvider.version());
    out.printf("Java         %s (%s), %s %s, %d cores, max heap %d MB%n",
        System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"),
        runtime.availableProcessors(), runtime.maxMemory() >> 20);
    for (String line : faces.runtimeReport()) {
      out.println(line);
    }
    out.println("FFmpeg       " + CodecSupport.ffmpegVersion());
    boolean codecsOk = true;
    for (CodecSupport.Entry codec : CodecSupport.check()) {
      codecsOk &= codec.present();
      out.printf("  %-7s %-24s %s%n", codec.present() ? "ok" : "MISSING", codec.role(), codec.codec());
    }
    out.println("Engines      " + engines.choose(EngineSelector.AUTO).reason());
    for (EngineInfo engine : engines.infos()) {
      out.printf("  %-7s %-8s %s%n", engine.ready() ? "ready" : "NOT READY", engine.name(), engine.description());
    }
    out.println("Models       " + store.root());
    List<ModelStatus> models = installer.verify();
    int modelCode = ModelsCommand.report(models, out);
    // Packs are optional (the embedded engine needs none), so they inform but never fail the check.
    for (PackStatus pack : packs.statuses()) {
      out.printf("  %-10s pack %s (%s)%n", pack.state().name().toLowerCase(Locale.ROOT).replace('_', ' '), pack.id(),
          pack.detail());
    }
    boolean farmOk = !farmOptions.farm || farm.check(farmOptions, out);
    if (modelCode != ExitCodes.OK) {
      return modelCode;
    }
    if (!farmOk) {
      return ExitCodes.FARM;
    }
    return codecsOk ? ExitCodes.OK : ExitCodes.INTERNAL_ERROR;
  }
}
