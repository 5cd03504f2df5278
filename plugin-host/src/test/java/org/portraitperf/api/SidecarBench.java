package org.portraitperf.api;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceModule;
import org.portraitperf.media.GrayImage;
import org.portraitperf.media.Images;
import org.portraitperf.media.Rational;
import org.portraitperf.media.Resampling;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.media.VideoReader;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.proto.v1.Channels;
import org.portraitperf.proto.v1.Depth;
import org.portraitperf.proto.v1.FedClip;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.GetInfoRequest;
import org.portraitperf.proto.v1.InfoServiceGrpc;
import org.portraitperf.proto.v1.IndexedFrame;
import org.portraitperf.proto.v1.LoadPortraitRequest;
import org.portraitperf.proto.v1.OpenSessionRequest;
import org.portraitperf.proto.v1.Origin;
import org.portraitperf.proto.v1.PortraitServiceGrpc;
import org.portraitperf.proto.v1.RenderFrameRequest;
import org.portraitperf.proto.v1.RenderFrameResponse;
import org.portraitperf.proto.v1.SessionServiceGrpc;
import org.portraitperf.testing.TestMedia;

/**
 * What the socket costs on top of the engine, the editor's way: a fed session whose every
 * RenderFrame carries the host's driving frame in and the result out. Per size: the engine's render
 * time in this process on the same inputs, rendering into a buffer of this process's as the sidecar
 * renders into the answer's shared memory (the same engine work: what is left is the transport's),
 * then per way of moving pixels the RenderFrame round trip
 * over the Unix socket, its difference from the engine's time (the transport's overhead), and
 * RenderStream's throughput; and a plain copy of the bytes one round trip moves.
 *
 * <p>Ways of moving pixels: in the messages, in the host's own layout (RGBA, bottom row first, as
 * OpenFX delivers; the sidecar converts); and through shared memory, once in the host's own layout
 * and once as the bridge sends it (RGB, top row first, tight rows, converted on the host's side). With
 * shared memory the round trip includes the client's copy of the driving frame into the shared file
 * and of the answer out of it, as a host pays them. Portrait and driving frames are {@code lp_s42.jpg}
 * and {@code lp_d0.mp4} enlarged to the frame's height and centred on black.
 *
 * <p>Warm-up: each way's first passes over the frames are not counted; the first one tracks the face,
 * and more of them let the JIT compile the call's path (gRPC, Netty, the codecs) as it is after a few
 * hundred frames of an editing session, which a sidecar started on demand serves for as long as the
 * editor is open.
 *
 * <p>Run: {@code scripts/bench api.SidecarBench [frames] [repeats] [1080p|all] [warm-up passes]} (1080p: skip
 * 4K; warm-up passes: 1 unless given); medians are printed.
 */
public final class SidecarBench {
  private record Case(int width, int height, Depth depth) {}

  /** How the driving frame travels and in which layout, and the layout of the answer. */
  private record Transport(String label, boolean shared, Channels sent, Origin origin) {}

  private static final Case[] CASES = {new Case(1920, 1080, Depth.DEPTH_U8), new Case(3840, 2160, Depth.DEPTH_F32)};
  private static final Transport[] TRANSPORTS = {
      new Transport("messages, host layout", false, Channels.CHANNELS_RGBA, Origin.ORIGIN_BOTTOM_LEFT),
      new Transport("shared memory, host layout", true, Channels.CHANNELS_RGBA, Origin.ORIGIN_BOTTOM_LEFT),
      new Transport("shared memory, bridge layout", true, Channels.CHANNELS_RGB, Origin.ORIGIN_TOP_LEFT)};

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int warmUps = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Injector engines = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    Path folder = Files.createTempDirectory("pp-sidecar-bench");
    try (RunningSidecar sidecar = RunningSidecar.start(engines, folder, Duration.ofMinutes(10))) {
      for (Case size : args.length > 2 && args[2].equals("1080p") ? Arrays.copyOf(CASES, 1) : CASES) {
        run(engines, sidecar, folder, size, frames, size.depth() == Depth.DEPTH_F32 ? 1 : repeats, warmUps);
      }
    } finally {
      engines.getInstance(FaceAnalyzer.class).close();
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(folder);
    }
  }

  private static void run(Injector engines, RunningSidecar sidecar, Path folder, Case size, int frames, int repeats,
      int warmUps) throws Exception {
    RgbImage portrait = onCanvas(TestMedia.image("portraits/lp_s42.jpg"), size.width(), size.height());
    Path portraitFile = folder.resolve("portrait-" + size.width() + ".png");
    Images.write(portraitFile, portrait);
    List<RgbImage> driving = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d0.mp4"))) {
      for (int t = 0; t < frames; t++) {
        driving.add(onCanvas(reader.next().image(), size.width(), size.height()));
      }
    }
    System.out.printf(Locale.ROOT, "RESULT sidecar %dx%d %s, %d frames x %d after %d warm-up passes:%n", size.width(),
        size.height(), size.depth(), frames, repeats, warmUps);

    ManagedChannel channel = sidecar.channel();
    String handle = PortraitServiceGrpc.newBlockingStub(channel)
        .loadPortrait(LoadPortraitRequest.newBuilder().setPath(portraitFile.toString()).build()).getPortraitHandle();
    String sharedFolder = InfoServiceGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance())
        .getSharedMemoryFolder();
    double engineMs = 0;
    for (Transport transport : TRANSPORTS) {
      if (transport.shared() && sharedFolder.isEmpty()) {
        System.out.println("RESULT   " + transport.label() + ": the sidecar offers no shared memory here");
        continue;
      }
      FrameFormat sentFormat = FrameFormat.newBuilder().setChannels(transport.sent()).setDepth(size.depth())
          .setOrigin(transport.origin()).build();
      FrameFormat answerFormat = sentFormat.toBuilder().setChannels(Channels.CHANNELS_RGBA).build();
      List<Frame> sent = driving.stream()
          .map(image -> FrameCodec.encode(RgbaImage.of(image, opaque(image)), sentFormat)).toList();
      try (SharedFrameFiles files = transport.shared() ? new SharedFrameFiles(Path.of(sharedFolder)) : null;
          InProcess engine = new InProcess(engines, portrait, driving)) {
        TransportRun calls = new TransportRun(channel, handle, frames, sent, answerFormat, files);
        Timings timings = calls.timings(engine.session, warmUps, repeats);
        double streamFps = calls.streamFps(repeats);
        long bytes = sent.get(0).getPixels().size() + (long) FrameCodec.encode(RgbaImage.of(driving.get(0),
            opaque(driving.get(0))), answerFormat).getPixels().size();
        System.out.printf(Locale.ROOT, "RESULT   %s: engine %.1f ms, RenderFrame round trip %.1f ms, overhead %.1f ms"
                + " wall (of which the client's own copies %.1f ms), %.1f ms CPU (%d MB in + out; plain copy of"
                + " those bytes %.1f ms); RenderStream %.2f fps (engine alone %.2f fps)%n",
            transport.label(), timings.engineMs(), timings.roundTripMs(), timings.overheadMs(), timings.clientCopiesMs(),
            timings.cpuOverheadMs(), bytes >> 20,
            copyMedian((int) bytes), streamFps, 1000 / timings.engineMs());
        InCall inCall = timings.inCall();
        System.out.printf(Locale.ROOT, "RESULT     against the engine's time in the same call (%.1f ms): overhead %.1f ms;"
                + " the sidecar's own work beyond its engine %.1f ms, the call's way there and back %.1f ms%n",
            inCall.engineMs(), inCall.overheadMs(), inCall.sidecarOwnMs(), inCall.legsMs());
        engineMs = timings.engineMs();
      }
    }
    emptyCalls(channel, engineMs);
  }

  /**
   * The floor under every round trip: a health check, which does no work, back to back and after
   * busy work on this thread as long as the engine's render, as every RenderFrame follows the host's
   * own work. The difference is what waking both ends' idle threads (and refilling their caches)
   * costs on this machine.
   */
  private static void emptyCalls(ManagedChannel channel, double pauseMs) {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    HealthCheckRequest check = HealthCheckRequest.getDefaultInstance();
    List<Double> backToBack = new ArrayList<>();
    List<Double> afterWork = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean paused = i % 2 == 1;
      long until = System.nanoTime() + (long) (pauseMs * 1e6);
      while (paused && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      long start = System.nanoTime();
      health.check(check);
      (paused ? afterWork : backToBack).add((System.nanoTime() - start) / 1e6);
    }
    System.out.printf(Locale.ROOT, "RESULT   an empty call (health check): %.2f ms back to back, %.2f ms after %.0f ms of"
        + " work%n", median(backToBack), median(afterWork), pauseMs);
  }

  /**
   * Medians of the paired frames. The client's copies are its own pixel work, part of the round trip:
   * the driving frame into the request (or the shared file) and the answer out of it. The CPU overhead is the process's CPU time of the round trips (client
   * and sidecar are this one process) less that of the in-process renders, per frame (a mean: the
   * clock counts in 10 ms steps): unlike wall time, it does not grow with what other processes do to
   * the machine.
   */
  private record Timings(double engineMs, double roundTripMs, double overheadMs, double clientCopiesMs,
      double cpuOverheadMs, InCall inCall) {}

  /**
   * The same calls against the engine's time inside each call, as the sidecar reports it: no second
   * render's jitter in the difference. Its parts: the sidecar's own work beyond the engine (reading the
   * driving frame, laying out the answer) and the call's way there and back (round trip less the
   * client's copies and the sidecar's whole call). Medians, each taken on its own.
   */
  private record InCall(double engineMs, double overheadMs, double sidecarOwnMs, double legsMs) {}

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * One transport's calls on a fresh session: with shared memory, each frame index has its own file
   * holding the driving frame and then the answer, filled by the client before each call and read
   * after it, as a host does.
   */
  private static final class TransportRun {
    private final SessionServiceGrpc.SessionServiceBlockingStub sessions;
    private final ManagedChannel channel;
    private final String session;
    private final List<Frame> sent;
    private final FrameFormat answerFormat;
    private final List<SharedFrameFiles.Lease> leases = new ArrayList<>();
    private final int answerBytes;

    TransportRun(ManagedChannel channel, String portrait, int frames, List<Frame> sent, FrameFormat answerFormat,
        SharedFrameFiles files) {
      this.channel = channel;
      this.sessions = SessionServiceGrpc.newBlockingStub(channel);
      this.sent = sent;
      this.answerFormat = answerFormat;
      Frame first = sent.get(0);
      this.answerBytes = first.getWidth() * first.getHeight() * 4 * (answerFormat.getDepth() == Depth.DEPTH_F32 ? 4 : 1);
      if (files != null) {
        for (int t = 0; t < frames; t++) {
          leases.add(files.acquire(first.getPixels().size() + answerBytes));
        }
      }
      this.session = sessions.openSession(OpenSessionRequest.newBuilder().setPortraitHandle(portrait)
          .setFedClip(FedClip.newBuilder().setFrameCount(frames).setRateNumerator(25).setRateDenominator(1)
              .addDrivingFrames(indexed(0, first)))
          .build()).getSessionId();
    }

    /** The request for frame t; with shared memory, its driving frame is copied into t's file first. */
    RenderFrameRequest request(int t) {
      RenderFrameRequest.Builder request = RenderFrameRequest.newBuilder().setSessionId(session).setFrameIndex(t)
          .setOutputFormat(answerFormat);
      Frame frame = sent.get(t);
      if (leases.isEmpty()) {
        return request.addDrivingFrames(indexed(t, frame)).build();
      }
      SharedFrameFiles.Lease lease = leases.get(t);
      int in = frame.getPixels().size();
      frame.getPixels().copyTo(lease.bytes(0, in));
      return request.addDrivingFrames(indexed(t, frame.toBuilder().clearPixels().setShared(lease.region(0, in)).build()))
          .setAnswerRegion(lease.region(in, answerBytes)).build();
    }

    /**
     * Each frame rendered by the engine in this process, then at once through the sidecar: both see
     * the same load on a shared machine, and the overhead is the median of the pairs' differences.
     */
    Timings timings(Session engine, int warmUps, int repeats) {
      byte[] answer = new byte[answerBytes];
      ByteBuffer rendering = ByteBuffer.allocateDirect(engine.width() * engine.height() * 4);
      List<Double> engineTimes = new ArrayList<>();
      List<Double> roundTrips = new ArrayList<>();
      List<Double> overheads = new ArrayList<>();
      List<Double> clientCopies = new ArrayList<>();
      List<Double> sidecarEngine = new ArrayList<>();
      List<Double> overSidecarEngine = new ArrayList<>();
      List<Double> sidecarOwn = new ArrayList<>();
      List<Double> legs = new ArrayList<>();
      long cpuOverhead = 0;
      for (int r = 0; r < warmUps + repeats; r++) {
        for (int t = 0; t < sent.size(); t++) {
          long cpuStart = CPU.getProcessCpuTime();
          long start = System.nanoTime();
          engine.renderInto(t, rendering);
          long rendered = System.nanoTime();
          long cpuRendered = CPU.getProcessCpuTime();
          RenderFrameRequest request = request(t);
          long sending = System.nanoTime();
          RenderFrameResponse response = sessions.renderFrame(request);
          long received = System.nanoTime();
          if (!leases.isEmpty()) {
            leases.get(t).bytes(sent.get(t).getPixels().size(), answerBytes).get(answer);
          } else {
            response.getFrame().getPixels().copyTo(answer, 0);
          }
          long answered = System.nanoTime();
          long cpuAnswered = CPU.getProcessCpuTime();
          if (r >= warmUps) {
            engineTimes.add((rendered - start) / 1e6);
            roundTrips.add((answered - rendered) / 1e6);
            overheads.add((answered - rendered - (rendered - start)) / 1e6);
            clientCopies.add((sending - rendered + answered - received) / 1e6);
            double engineInCall = response.getEngineMicros() / 1e3;
            double call = response.getCallMicros() / 1e3;
            sidecarEngine.add(engineInCall);
            overSidecarEngine.add((answered - rendered) / 1e6 - engineInCall);
            sidecarOwn.add(call - engineInCall);
            legs.add((received - sending) / 1e6 - call);
            cpuOverhead += cpuAnswered - cpuRendered - (cpuRendered - cpuStart);
          }
        }
      }
      return new Timings(median(engineTimes), median(roundTrips), median(overheads), median(clientCopies),
          cpuOverhead / 1e6 / overheads.size(), new InCall(median(sidecarEngine), median(overSidecarEngine),
          median(sidecarOwn), median(legs)));
    }

    /** Frames per second through RenderStream, each request carrying its driving frame. */
    double streamFps(int repeats) throws InterruptedException {
      int total = sent.size() * repeats;
      List<RenderFrameRequest> requests = new ArrayList<>();
      for (int t = 0; t < sent.size(); t++) {
        requests.add(request(t));
      }
      CountDownLatch done = new CountDownLatch(1);
      long start = System.nanoTime();
      StreamObserver<RenderFrameRequest> stream = SessionServiceGrpc.newStub(channel).renderStream(new StreamObserver<>() {
        @Override
        public void onNext(RenderFrameResponse value) {}

        @Override
        public void onError(Throwable t) {
          System.out.println("stream failed: " + t);
          done.countDown();
        }

        @Override
        public void onCompleted() {
          done.countDown();
        }
      });
      for (int i = 0; i < total; i++) {
        stream.onNext(requests.get(i % sent.size()));
      }
      stream.onCompleted();
      done.await(30, TimeUnit.MINUTES);
      return total / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The engine in this process on the same portrait and driving frames, every frame already sent. */
  private static final class InProcess implements AutoCloseable {
    private final FedDrivingSource.Delivery pinned;
    final Session session;

    InProcess(Injector engines, RgbImage portrait, List<RgbImage> driving) {
      FedDrivingSource source = new FedDrivingSource("bench", driving.size(), Rational.of(25), new SharedMemory());
      List<IndexedFrame> all = new ArrayList<>();
      for (int t = 0; t < driving.size(); t++) {
        all.add(indexed(t, FrameCodec.encode(RgbaImage.of(driving.get(t), opaque(driving.get(t))),
            FrameCodec.DEFAULT_FORMAT)));
      }
      this.pinned = source.deliver(all);
      this.session = engines.getInstance(EngineSelector.class).choose("warp").engine()
          .open(portrait, "bench", source, EngineSettings.DEFAULTS);
    }

    @Override
    public void close() {
      session.close();
      pinned.close();
    }
  }

  private static double copyMedian(int bytes) {
    byte[] from = new byte[bytes];
    byte[] to = new byte[bytes];
    Arrays.fill(from, (byte) 1);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      System.arraycopy(from, 0, to, 0, bytes);
      times.add((System.nanoTime() - start) / 1e6);
    }
    return median(times);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static IndexedFrame indexed(int index, Frame frame) {
    return IndexedFrame.newBuilder().setIndex(index).setFrame(frame).build();
  }

  private static GrayImage opaque(RgbImage image) {
    byte[] alpha = new byte[image.width() * image.height()];
    Arrays.fill(alpha, (byte) 255);
    return new GrayImage(image.width(), image.height(), alpha);
  }

  /** The picture scaled to the canvas height and centred on black. */
  private static RgbImage onCanvas(RgbImage image, int width, int height) {
    int scaledWidth = image.width() * height / image.height();
    RgbImage scaled = Resampling.resize(image, scaledWidth, height);
    RgbImage canvas = RgbImage.blank(width, height);
    int left = (width - scaledWidth) / 2;
    for (int y = 0; y < height; y++) {
      System.arraycopy(scaled.pixels(), y * scaledWidth * 3, canvas.pixels(), (y * width + left) * 3, scaledWidth * 3);
    }
    return canvas;
  }
}
