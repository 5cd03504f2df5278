package org.portraitperf.api;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
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
 * RenderFrame carries the host's driving frame in and the result out, in the frame's own format.
 * Per size: the engine's render time in this process on the same inputs, the RenderFrame round trip
 * over the Unix socket, their difference (the transport's overhead), RenderStream's throughput,
 * and a plain copy of the bytes one round trip moves. Portrait and driving frames are
 * {@code lp_s42.jpg} and {@code lp_d0.mp4} enlarged to the frame's height and centred on black.
 *
 * <p>Run: {@code scripts/bench api.SidecarBench [frames] [repeats] [1080p]} (1080p: skip 4K); medians are printed.
 */
public final class SidecarBench {
  private record Case(int width, int height, Depth depth) {}

  private static final Case[] CASES = {new Case(1920, 1080, Depth.DEPTH_U8), new Case(3840, 2160, Depth.DEPTH_F32)};

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Injector engines = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule());
    Path folder = Files.createTempDirectory("pp-sidecar-bench");
    try (RunningSidecar sidecar = RunningSidecar.start(engines, folder, Duration.ofMinutes(10))) {
      for (Case size : args.length > 2 && args[2].equals("1080p") ? Arrays.copyOf(CASES, 1) : CASES) {
        run(engines, sidecar, folder, size, frames, size.depth() == Depth.DEPTH_F32 ? 1 : repeats);
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

  private static void run(Injector engines, RunningSidecar sidecar, Path folder, Case size, int frames, int repeats)
      throws Exception {
    FrameFormat format = FrameFormat.newBuilder().setChannels(Channels.CHANNELS_RGBA).setDepth(size.depth())
        .setOrigin(Origin.ORIGIN_BOTTOM_LEFT).build();
    RgbImage portrait = onCanvas(TestMedia.image("portraits/lp_s42.jpg"), size.width(), size.height());
    Path portraitFile = folder.resolve("portrait-" + size.width() + ".png");
    Images.write(portraitFile, portrait);
    List<RgbImage> driving = new ArrayList<>();
    try (VideoReader reader = VideoReader.open(TestMedia.driving("lp_d0.mp4"))) {
      for (int t = 0; t < frames; t++) {
        driving.add(onCanvas(reader.next().image(), size.width(), size.height()));
      }
    }
    List<Frame> sent = driving.stream().map(image -> FrameCodec.encode(RgbaImage.of(image, opaque(image)), format)).toList();

    double engineMs = engineMedian(engines, portrait, driving, frames, repeats);

    ManagedChannel channel = sidecar.channel();
    var sessions = SessionServiceGrpc.newBlockingStub(channel);
    String handle = PortraitServiceGrpc.newBlockingStub(channel)
        .loadPortrait(LoadPortraitRequest.newBuilder().setPath(portraitFile.toString()).build()).getPortraitHandle();
    String session = sessions.openSession(OpenSessionRequest.newBuilder().setPortraitHandle(handle)
        .setFedClip(FedClip.newBuilder().setFrameCount(frames).setRateNumerator(25).setRateDenominator(1)
            .addDrivingFrames(indexed(0, sent.get(0))))
        .build()).getSessionId();
    List<Double> roundTrips = new ArrayList<>();
    for (int r = 0; r <= repeats; r++) {
      for (int t = 0; t < frames; t++) {
        long start = System.nanoTime();
        sessions.renderFrame(request(session, t, sent.get(t), format));
        if (r > 0) { // the first pass tracks and warms up
          roundTrips.add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    double roundTripMs = median(roundTrips);
    double streamFps = streamFps(channel, session, sent, format, repeats);
    long bytes = 2L * sent.get(0).getPixels().size();
    double copyMs = copyMedian((int) bytes);
    System.out.printf(Locale.ROOT, "RESULT sidecar %dx%d RGBA %s: engine %.1f ms, RenderFrame round trip %.1f ms,"
            + " overhead %.1f ms (%d MB in + out; plain copy of those bytes %.1f ms); RenderStream %.2f fps"
            + " (engine alone %.2f fps); %d frames x %d%n",
        size.width(), size.height(), size.depth(), engineMs, roundTripMs, roundTripMs - engineMs, bytes >> 20, copyMs,
        streamFps, 1000 / engineMs, frames, repeats);
  }

  /** The engine alone, in this process, on the same portrait and driving frames. */
  private static double engineMedian(Injector engines, RgbImage portrait, List<RgbImage> driving, int frames, int repeats) {
    FedDrivingSource source = new FedDrivingSource("bench", frames, Rational.of(25));
    List<IndexedFrame> all = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      all.add(indexed(t, FrameCodec.encode(RgbaImage.of(driving.get(t), opaque(driving.get(t))), FrameCodec.DEFAULT_FORMAT)));
    }
    List<Double> times = new ArrayList<>();
    try (FedDrivingSource.Delivery pinned = source.deliver(all);
        Session session = engines.getInstance(EngineSelector.class).choose("warp").engine()
            .open(portrait, "bench", source, EngineSettings.DEFAULTS)) {
      for (int r = 0; r <= repeats; r++) {
        for (int t = 0; t < frames; t++) {
          long start = System.nanoTime();
          session.render(t);
          if (r > 0) {
            times.add((System.nanoTime() - start) / 1e6);
          }
        }
      }
    }
    return median(times);
  }

  /** Frames per second through RenderStream, each request carrying its driving frame. */
  private static double streamFps(ManagedChannel channel, String session, List<Frame> sent, FrameFormat format,
      int repeats) throws InterruptedException {
    int total = sent.size() * repeats;
    CountDownLatch done = new CountDownLatch(1);
    long start = System.nanoTime();
    StreamObserver<RenderFrameRequest> requests = SessionServiceGrpc.newStub(channel).renderStream(new StreamObserver<>() {
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
      int t = i % sent.size();
      requests.onNext(request(session, t, sent.get(t), format));
    }
    requests.onCompleted();
    done.await(30, TimeUnit.MINUTES);
    return total / ((System.nanoTime() - start) / 1e9);
  }

  private static RenderFrameRequest request(String session, int t, Frame driving, FrameFormat format) {
    return RenderFrameRequest.newBuilder().setSessionId(session).setFrameIndex(t)
        .addDrivingFrames(indexed(t, driving)).setOutputFormat(format).build();
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
