package org.portraitperf.api;

import com.google.inject.Inject;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import org.portraitperf.Onnx;
import org.portraitperf.engine.EngineInfo;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackStatus;
import org.portraitperf.proto.v1.EngineState;
import org.portraitperf.proto.v1.GetInfoRequest;
import org.portraitperf.proto.v1.GetInfoResponse;
import org.portraitperf.proto.v1.InfoServiceGrpc;
import org.portraitperf.proto.v1.Limits;
import org.portraitperf.proto.v1.ModelPack;
import org.portraitperf.media.MediaLimits;

/** GetInfo: versions, engines and their readiness, devices, models and limits. Cheap: reads no model. */
final class InfoService extends InfoServiceGrpc.InfoServiceImplBase {
  private final EngineSelector engines;
  private final ModelStore models;
  private final ModelPacks packs;
  private final SessionRegistry sessions;
  private final SharedMemory sharedMemory;
  /** Whether CUDA can run here, probed once: the driver and libraries do not change under a running sidecar. */
  private final String cuda;

  @Inject
  InfoService(EngineSelector engines, ModelStore models, ModelPacks packs, SessionRegistry sessions,
      SharedMemory sharedMemory) {
    this.engines = engines;
    this.models = models;
    this.packs = packs;
    this.sessions = sessions;
    this.sharedMemory = sharedMemory;
    this.cuda = Onnx.cudaUnavailable().map(why -> "cuda: unavailable (" + why + ")").orElse("cuda: available");
  }

  /** This build's version, from the jar's manifest. */
  static String serverVersion() {
    String version = InfoService.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
    Calls.unary(response, () -> {
      GetInfoResponse.Builder info = GetInfoResponse.newBuilder()
          .setServerVersion(serverVersion())
          .setProtocolVersion(Headers.PROTOCOL)
          .addDevices("cpu: " + Runtime.getRuntime().availableProcessors() + " cores")
          .addDevices(cuda)
          .setLimits(Limits.newBuilder()
              .setMaxMessageBytes(ApiLimits.MAX_MESSAGE_BYTES)
              .setMaxSessions(ApiLimits.MAX_SESSIONS)
              .setMaxPortraits(ApiLimits.MAX_PORTRAITS)
              .setSessionIdleSeconds((int) sessions.idleLimit().toSeconds())
              .setMaxFramePixels(MediaLimits.MAX_ENGINE_AREA));
      EngineSelector.Choice auto = engines.choose(EngineSelector.AUTO);
      info.setAutoEngine(auto.name()).setAutoReason(auto.reason());
      sharedMemory.folder().ifPresent(folder -> info.setSharedMemoryFolder(folder.toString()));
      for (EngineInfo engine : engines.infos()) {
        info.addEngines(EngineState.newBuilder().setName(engine.name()).setReady(engine.ready())
            .setDescription(engine.description()));
      }
      for (ModelFile file : ModelFile.values()) {
        info.addModelPacks(ModelPack.newBuilder().setName(file.displayName())
            .setInstalled(Files.isRegularFile(models.pathOf(file))).setPath(models.pathOf(file).toString()));
      }
      for (PackStatus pack : packs.statuses()) {
        info.addModelPacks(ModelPack.newBuilder().setName(pack.id()).setInstalled(pack.usable())
            .setPath(packs.folderOf(pack.id()).toString()).setDetail(pack.detail()).setLicence(pack.licence()));
      }
      return info.build();
    });
  }
}
