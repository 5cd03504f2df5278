package org.portraitperf.api;

import com.google.inject.Inject;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.engine.VideoDrivingSource;
import org.portraitperf.media.Rational;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.proto.v1.CloseSessionRequest;
import org.portraitperf.proto.v1.CloseSessionResponse;
import org.portraitperf.proto.v1.FedClip;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.OpenSessionRequest;
import org.portraitperf.proto.v1.OpenSessionResponse;
import org.portraitperf.proto.v1.RenderFrameRequest;
import org.portraitperf.proto.v1.RenderFrameResponse;
import org.portraitperf.proto.v1.SessionServiceGrpc;

/** Sessions over the engine SPI: open, render one frame or a stream of them, close. */
final class SessionService extends SessionServiceGrpc.SessionServiceImplBase {
  private final PortraitCache portraits;
  private final EngineSelector engines;
  private final SessionRegistry sessions;
  private final SharedMemory sharedMemory;

  @Inject
  SessionService(PortraitCache portraits, EngineSelector engines, SessionRegistry sessions, SharedMemory sharedMemory) {
    this.portraits = portraits;
    this.engines = engines;
    this.sessions = sessions;
    this.sharedMemory = sharedMemory;
  }

  @Override
  public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> response) {
    Calls.unary(response, () -> open(request));
  }

  @Override
  public void renderFrame(RenderFrameRequest request, StreamObserver<RenderFrameResponse> response) {
    Calls.unary(response, () -> render(request));
  }

  @Override
  public StreamObserver<RenderFrameRequest> renderStream(StreamObserver<RenderFrameResponse> response) {
    return new RenderStream(this::render, response);
  }

  @Override
  public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> response) {
    Calls.unary(response, () -> {
      if (!sessions.close(request.getSessionId())) {
        throw new ApiError(Status.Code.NOT_FOUND, Statuses.NOT_FOUND,
            "session '" + request.getSessionId() + "' is unknown (closed already, or expired after being idle)");
      }
      return CloseSessionResponse.getDefaultInstance();
    });
  }

  private OpenSessionResponse open(OpenSessionRequest request) {
    PortraitCache.Portrait portrait = portraits.require(request.getPortraitHandle());
    EngineSettings settings = SettingsCodec.fromWire(request.getSettings());
    EngineSelector.Choice choice = engines.choose(SettingsCodec.engine(request.getSettings()));
    String clip = request.getClipId().isEmpty() ? "driving clip" : request.getClipId();
    FedDrivingSource fed = null;
    DrivingSource driving;
    switch (request.getDrivingCase()) {
      case DRIVING_PATH -> driving = VideoDrivingSource.of(VideoReader.open(Path.of(request.getDrivingPath())));
      case FED_CLIP -> driving = fed = fedSource(clip, request.getFedClip(), settings);
      default -> throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          clip + ": OpenSession needs driving_path or fed_clip");
    }
    Session session;
    try (FedDrivingSource.Delivery sent = fed == null ? null : fed.deliver(request.getFedClip().getDrivingFramesList())) {
      session = choice.engine().open(portrait.image(), portrait.name(), driving, settings);
    } catch (RuntimeException e) {
      driving.close();
      throw e;
    }
    SessionRegistry.Entry entry = sessions.add(session, driving, fed);
    return OpenSessionResponse.newBuilder()
        .setSessionId(entry.id)
        .setWidth(session.width())
        .setHeight(session.height())
        .setEngine(choice.name())
        .setEngineReason(choice.reason())
        .setFrameCount(driving.frameCount())
        .build();
  }

  private FedDrivingSource fedSource(String clip, FedClip fedClip, EngineSettings settings) {
    if (settings.reference().auto()) {
      // Picking the most neutral frame reads the whole clip, which only the host can read.
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT, clip
          + ": reference-frame auto needs the whole clip, which the sidecar cannot read from a host; choose a frame number");
    }
    Rational rate = fedClip.getRateNumerator() > 0 && fedClip.getRateDenominator() > 0
        ? new Rational((int) fedClip.getRateNumerator(), (int) fedClip.getRateDenominator())
        : null;
    if (rate == null) {
      throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT,
          clip + ": a fed clip needs its frame rate (rate_numerator / rate_denominator)");
    }
    return new FedDrivingSource(clip, fedClip.getFrameCount(), rate, sharedMemory);
  }

  /** One frame: shared by RenderFrame and each message of RenderStream. */
  private RenderFrameResponse render(RenderFrameRequest request) {
    long started = System.nanoTime();
    SessionRegistry.Entry entry = sessions.acquire(request.getSessionId());
    try {
      int index = request.getFrameIndex();
      if (index >= entry.driving.frameCount()) {
        throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT, entry.driving.name() + ": frame "
            + index + " is outside the clip (0.." + (entry.driving.frameCount() - 1) + ")");
      }
      if (entry.fed == null && request.getDrivingFramesCount() > 0) {
        throw new ApiError(Status.Code.INVALID_ARGUMENT, Statuses.BAD_ARGUMENT, entry.driving.name()
            + ": driving_frames were sent to a session that reads its clip from a file");
      }
      try (FedDrivingSource.Delivery sent = entry.fed == null ? null : entry.fed.deliver(request.getDrivingFramesList())) {
        FrameFormat format = request.hasOutputFormat() ? request.getOutputFormat() : FrameCodec.DEFAULT_FORMAT;
        String what = "answer_region of frame " + index;
        ByteBuffer answer = request.hasAnswerRegion() ? sharedMemory.writable(request.getAnswerRegion(), what) : null;
        Frame frame;
        long engine;
        if (answer != null && FrameCodec.isEngineLayout(format)) {
          // The engine's last pass writes the answer where the client reads it: no copy here.
          frame = FrameCodec.engineLayoutHeader(entry.session.width(), entry.session.height(), format, answer, what);
          long rendering = System.nanoTime();
          entry.session.renderInto(index, answer);
          engine = System.nanoTime() - rendering;
        } else {
          long rendering = System.nanoTime();
          RgbaImage rendered = entry.session.render(index);
          engine = System.nanoTime() - rendering;
          frame = answer != null ? FrameCodec.encodeInto(rendered, format, answer, what) : FrameCodec.encode(rendered, format);
        }
        if (answer != null) {
          frame = frame.toBuilder().setShared(request.getAnswerRegion()).build();
        }
        long call = System.nanoTime() - started;
        entry.rendered(engine, call);
        return RenderFrameResponse.newBuilder().setFrameIndex(index).setFrame(frame)
            .setEngineMicros(TimeUnit.NANOSECONDS.toMicros(engine)).setCallMicros(TimeUnit.NANOSECONDS.toMicros(call))
            .build();
      }
    } finally {
      entry.release();
    }
  }
}
