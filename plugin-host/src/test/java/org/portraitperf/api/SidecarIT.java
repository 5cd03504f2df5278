package org.portraitperf.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.models.ModelFile;
import org.portraitperf.proto.v1.Channels;
import org.portraitperf.proto.v1.CloseSessionRequest;
import org.portraitperf.proto.v1.Depth;
import org.portraitperf.proto.v1.Frame;
import org.portraitperf.proto.v1.FrameFormat;
import org.portraitperf.proto.v1.GetInfoRequest;
import org.portraitperf.proto.v1.GetInfoResponse;
import org.portraitperf.proto.v1.InfoServiceGrpc;
import org.portraitperf.proto.v1.LoadPortraitRequest;
import org.portraitperf.proto.v1.LoadPortraitResponse;
import org.portraitperf.proto.v1.OpenSessionRequest;
import org.portraitperf.proto.v1.OpenSessionResponse;
import org.portraitperf.proto.v1.Origin;
import org.portraitperf.proto.v1.PortraitServiceGrpc;
import org.portraitperf.proto.v1.RenderFrameRequest;
import org.portraitperf.proto.v1.RenderFrameResponse;
import org.portraitperf.proto.v1.SessionServiceGrpc;
import org.portraitperf.testing.TestMedia;

/** The real sidecar on a real Unix socket, over the real engine and models, called through real stubs. */
@ExtendWith(RealEngines.class)
class SidecarIT {
  /** 512x512, one frontal face. */
  private static final Path PORTRAIT = TestMedia.portrait("lp_s42.jpg");
  /** 512x512, 78 frames, a face in every frame. */
  private static final Path DRIVING = TestMedia.driving("lp_d0.mp4");

  private static RunningSidecar sidecar;
  private static Path folder;

  @BeforeAll
  static void start(Injector engines) throws Exception {
    folder = Files.createTempDirectory("pp-sidecar-it");
    // Short enough that the expiry test need not wait long; the other tests use their sessions at once.
    sidecar = RunningSidecar.start(engines, folder, Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() throws Exception {
    sidecar.close();
    try (var files = Files.list(folder)) {
      assertEquals(List.of(), files.toList(), "socket and token removed at shutdown");
    }
    Files.delete(folder);
  }

  private static SessionServiceGrpc.SessionServiceBlockingStub sessions(ManagedChannel channel) {
    return SessionServiceGrpc.newBlockingStub(channel);
  }

  private static String loadPortrait(ManagedChannel channel) {
    return PortraitServiceGrpc.newBlockingStub(channel)
        .loadPortrait(LoadPortraitRequest.newBuilder().setPath(PORTRAIT.toString()).build()).getPortraitHandle();
  }

  private static OpenSessionResponse openOnFile(ManagedChannel channel) {
    return sessions(channel).openSession(OpenSessionRequest.newBuilder()
        .setPortraitHandle(loadPortrait(channel)).setDrivingPath(DRIVING.toString()).build());
  }

  private static byte[] render(ManagedChannel channel, String session, int index) {
    return sessions(channel).renderFrame(RenderFrameRequest.newBuilder().setSessionId(session).setFrameIndex(index).build())
        .getFrame().getPixels().toByteArray();
  }

  private static String reason(StatusRuntimeException e) {
    return Statuses.errorInfo(e).getReason();
  }

  @Test
  void getInfo_rightTokenAndVersion_reportsVersionEnginesDevicesModelsAndLimits() {
    GetInfoResponse info = InfoServiceGrpc.newBlockingStub(sidecar.channel()).getInfo(GetInfoRequest.getDefaultInstance());

    assertEquals(1, info.getProtocolVersion());
    assertTrue(info.getEnginesList().stream().anyMatch(e -> e.getName().equals("warp") && e.getReady()), info.toString());
    assertEquals(2, info.getLimits().getSessionIdleSeconds());
    assertEquals(7680L * 4320 * 16 + (1 << 20), info.getLimits().getMaxMessageBytes());
    for (ModelFile face : ModelFile.values()) {
      assertTrue(info.getModelPacksList().stream().anyMatch(p -> p.getName().equals(face.displayName()) && p.getInstalled()),
          info.toString());
    }
    assertTrue(info.getModelPacksList().stream().anyMatch(p -> p.getName().equals("liveportrait-onnx-human")
        && !p.getLicence().isEmpty() && !p.getDetail().isEmpty()), info.toString());
    assertTrue(info.getDevicesList().stream().anyMatch(d -> d.startsWith("cuda: ")), info.toString());
    assertTrue(info.getEnginesList().stream().anyMatch(e -> e.getName().equals(info.getAutoEngine())), info.toString());
    assertTrue(info.getAutoReason().startsWith("auto: "), info.toString());
  }

  @Test
  void anyCall_wrongOrMissingToken_isRefusedBeforeTheService() {
    for (String token : new String[] {"not-the-token", null}) {
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
          () -> InfoServiceGrpc.newBlockingStub(sidecar.channel(token, "1")).getInfo(GetInfoRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
      assertFalse(refused.getStatus().getDescription().contains(sidecar.token), "the token is never echoed");
    }
    // Health checks need the token too: the socket is private, and the token guards the TCP port.
    StatusRuntimeException health = assertThrows(StatusRuntimeException.class, () -> HealthGrpc
        .newBlockingStub(sidecar.channel("wrong", "1")).check(HealthCheckRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, health.getStatus().getCode());
  }

  @Test
  void anyCall_wrongProtocolVersion_failsNamingBothVersions() {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> InfoServiceGrpc.newBlockingStub(sidecar.channel(sidecar.token, "2")).getInfo(GetInfoRequest.getDefaultInstance()));

    assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    String message = refused.getStatus().getDescription();
    assertTrue(message.contains("protocol version 2") && message.contains("speaks version 1"), message);
  }

  @Test
  void renderFrame_eightConcurrentCallersOnOneSession_matchASequentialRun() throws Exception {
    ManagedChannel channel = sidecar.channel();
    OpenSessionResponse sequential = openOnFile(channel);
    List<byte[]> expected = new ArrayList<>();
    int frames = 16;
    for (int t = 0; t < frames; t++) {
      expected.add(render(channel, sequential.getSessionId(), t));
    }
    OpenSessionResponse shared = openOnFile(channel);
    assertEightCallersMatch(expected, t -> render(channel, shared.getSessionId(), t));
  }

  /** Renders every frame from eight threads at once, in a shuffled order, and checks each against {@code expected}. */
  private static void assertEightCallersMatch(List<byte[]> expected, java.util.function.IntFunction<byte[]> render)
      throws Exception {
    List<Integer> order = new ArrayList<>(IntStream.range(0, expected.size()).boxed().toList());
    Collections.shuffle(order, new java.util.Random(7));
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> answers = new ArrayList<>();
      for (int t : order) {
        answers.add(callers.submit(() -> render.apply(t)));
      }
      for (int i = 0; i < order.size(); i++) {
        assertArrayEquals(expected.get(order.get(i)), answers.get(i).get(), "frame " + order.get(i));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void fedClip_framesSentAsAsked_matchTheSidecarReadingTheFile() throws Exception {
    ManagedChannel channel = sidecar.channel();
    List<Frame> clip = new ArrayList<>();
    try (var reader = org.portraitperf.media.VideoReader.open(DRIVING)) {
      for (int t = 0; t <= 5; t++) {
        clip.add(hostFrame(reader.next().image()));
      }
    }
    OpenSessionResponse fed = sessions(channel).openSession(OpenSessionRequest.newBuilder()
        .setPortraitHandle(loadPortrait(channel))
        .setClipId("host clip")
        .setFedClip(org.portraitperf.proto.v1.FedClip.newBuilder().setFrameCount(78).setRateNumerator(25)
            .setRateDenominator(1).addDrivingFrames(indexed(0, clip.get(0))))
        .build());

    // Frame 5 alone: the sidecar asks for every frame it has not tracked, one at a time.
    RenderFrameRequest.Builder request = RenderFrameRequest.newBuilder().setSessionId(fed.getSessionId())
        .setFrameIndex(5).addDrivingFrames(indexed(5, clip.get(5)));
    List<Integer> asked = new ArrayList<>();
    RenderFrameResponse answer = renderSendingWhatIsAsked(channel, request, clip, asked);

    assertEquals(List.of(1, 2, 3, 4), asked);
    assertArrayEquals(render(channel, openOnFile(channel).getSessionId(), 5), answer.getFrame().getPixels().toByteArray());
  }

  @Test
  void fedClip_pixelsThroughSharedMemory_matchPixelsInMessages() throws Exception {
    ManagedChannel channel = sidecar.channel();
    String folder = InfoServiceGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance())
        .getSharedMemoryFolder();
    assertFalse(folder.isEmpty(), "a sidecar on a Unix socket offers shared memory");
    List<Frame> clip = new ArrayList<>();
    try (var reader = org.portraitperf.media.VideoReader.open(DRIVING)) {
      for (int t = 0; t <= 2; t++) {
        clip.add(hostFrame(reader.next().image()));
      }
    }
    FrameFormat answerFormat = clip.get(0).getFormat();
    String inMessages = openFed(channel, clip.get(0)).getSessionId();
    OpenSessionResponse opened = openFed(channel, clip.get(0));
    int in = clip.get(0).getPixels().size();
    int out = opened.getWidth() * opened.getHeight() * 4;
    try (SharedFrameFiles files = new SharedFrameFiles(Path.of(folder))) {
      for (int t = 0; t <= 2; t++) {
        SharedFrameFiles.Lease lease = files.acquire(in + out);
        clip.get(t).getPixels().copyTo(lease.bytes(0, in));
        RenderFrameResponse answer = sessions(channel).renderFrame(RenderFrameRequest.newBuilder()
            .setSessionId(opened.getSessionId()).setFrameIndex(t).setOutputFormat(answerFormat)
            .addDrivingFrames(indexed(t, clip.get(t).toBuilder().clearPixels().setShared(lease.region(0, in)).build()))
            .setAnswerRegion(lease.region(in, out))
            .build());
        RenderFrameResponse expected = sessions(channel).renderFrame(RenderFrameRequest.newBuilder()
            .setSessionId(inMessages).setFrameIndex(t).setOutputFormat(answerFormat)
            .addDrivingFrames(indexed(t, clip.get(t))).build());

        assertTrue(answer.getFrame().getPixels().isEmpty(), "the answer's pixels stay in shared memory");
        assertEquals(lease.region(in, out), answer.getFrame().getShared());
        assertTrue(answer.getEngineMicros() > 0 && answer.getCallMicros() >= answer.getEngineMicros(),
            "the sidecar says where its time went: engine " + answer.getEngineMicros() + " µs, call "
                + answer.getCallMicros() + " µs");
        byte[] got = new byte[out];
        lease.bytes(in, out).get(got);
        assertArrayEquals(expected.getFrame().getPixels().toByteArray(), got, "frame " + t);
        files.release(lease);
      }

      SharedFrameFiles.Lease lease = files.acquire(in + out);
      for (var region : List.of(lease.region(0, in).toBuilder().setFile("../sidecar.sock").build(),
          lease.region(0, in).toBuilder().setFile("no-such-file.frames").build(),
          lease.region(in + out - 10, in))) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> sessions(channel)
            .renderFrame(RenderFrameRequest.newBuilder().setSessionId(opened.getSessionId()).setFrameIndex(3)
                .addDrivingFrames(indexed(3, clip.get(0).toBuilder().clearPixels().setShared(region).build())).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), region.toString());
        assertEquals(Statuses.SHARED_MEMORY, reason(refused), refused.getStatus().getDescription());
      }
      files.release(lease);
    }
  }

  /**
   * A host rendering from eight threads at once, each frame read in place from its own shared file:
   * frames still to be tracked are asked for while other calls hold them lent, so those are read from
   * copies. Every frame must equal a sequential run of the same clip read from its file.
   */
  @Test
  void fedClip_bridgeLayoutInSharedMemory_eightConcurrentCallers_matchASequentialRun() throws Exception {
    int count = 16;
    List<Frame> frames = bridgeLayout(DRIVING, count);
    ManagedChannel channel = sidecar.channel();
    String portrait = loadPortrait(channel);
    String onFile = openOnFile(channel).getSessionId();
    List<byte[]> expected = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      expected.add(render(channel, onFile, t));
    }
    int in = frames.get(0).getPixels().size();
    try (SharedFrameFiles files = new SharedFrameFiles(Path.of(sharedFolder(channel)))) {
      OpenSessionResponse fed = openFedInShared(channel, portrait, frames, files, count);
      int out = fed.getWidth() * fed.getHeight() * 4;
      assertEightCallersMatch(expected, t -> {
        SharedFrameFiles.Lease lease = files.acquire(in + out);
        try {
          frames.get(t).getPixels().copyTo(lease.bytes(0, in));
          renderSendingWhatIsAsked(channel, RenderFrameRequest.newBuilder().setSessionId(fed.getSessionId())
              .setFrameIndex(t).addDrivingFrames(indexed(t, inShared(frames.get(t), lease, in)))
              .setAnswerRegion(lease.region(in, out)), frames, new ArrayList<>());
          byte[] got = new byte[out];
          lease.bytes(in, out).get(got);
          return got;
        } finally {
          files.release(lease);
        }
      });
    }
  }

  /**
   * The bridge's way: RGB top row first in one shared file that every call overwrites, which the
   * sidecar reads where it lies. Through a face gap the held frame's picture is asked for again (it
   * was only lent to its own call); nothing read after its call may show a later frame's pixels, so
   * every frame must equal the same clip read from its file.
   */
  @Test
  void fedClip_bridgeLayoutInOneReusedSharedFile_throughAFaceGap_matchesTheClipReadFromItsFile(@TempDir Path dir)
      throws Exception {
    Path clip = org.portraitperf.engine.DrivingClips.withGreyGap(TestMedia.driving("lp_d12.mp4"), 40, 15, 25,
        dir.resolve("gap.mp4"));
    List<Frame> frames = bridgeLayout(clip, 40);
    ManagedChannel channel = sidecar.channel();
    String portrait = loadPortrait(channel);
    String onFile = sessions(channel).openSession(OpenSessionRequest.newBuilder().setPortraitHandle(portrait)
        .setDrivingPath(clip.toString()).build()).getSessionId();
    int in = frames.get(0).getPixels().size();
    try (SharedFrameFiles files = new SharedFrameFiles(Path.of(sharedFolder(channel)))) {
      OpenSessionResponse fed = openFedInShared(channel, portrait, frames, files, 40);
      int out = fed.getWidth() * fed.getHeight() * 4;
      SharedFrameFiles.Lease lease = files.acquire(in + out);
      List<Integer> asked = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        frames.get(t).getPixels().copyTo(lease.bytes(0, in));
        RenderFrameRequest.Builder request = RenderFrameRequest.newBuilder().setSessionId(fed.getSessionId())
            .setFrameIndex(t).addDrivingFrames(indexed(t, inShared(frames.get(t), lease, in)))
            .setAnswerRegion(lease.region(in, out));
        renderSendingWhatIsAsked(channel, request, frames, asked);
        byte[] got = new byte[out];
        lease.bytes(in, out).get(got);
        assertArrayEquals(render(channel, onFile, t), got, "frame " + t);
      }
      assertFalse(asked.isEmpty(), "the held face's picture is asked for again in the gap");
      assertTrue(asked.stream().allMatch(frame -> frame < 15), "only a frame before the gap is asked for: " + asked);
    }
  }

  /**
   * Renders as a host does: each frame the sidecar asks for with DRIVING_FRAME_NEEDED is added to the
   * request, in its message, and the call made again; the frames asked for are added to {@code asked}.
   */
  private static RenderFrameResponse renderSendingWhatIsAsked(ManagedChannel channel, RenderFrameRequest.Builder request,
      List<Frame> clip, List<Integer> asked) {
    while (true) {
      try {
        return sessions(channel).renderFrame(request.build());
      } catch (StatusRuntimeException e) {
        assertEquals(Statuses.DRIVING_FRAME_NEEDED, reason(e), e.getStatus().getDescription());
        int needed = Integer.parseInt(Statuses.errorInfo(e).getMetadataOrThrow("frame"));
        asked.add(needed);
        request.addDrivingFrames(indexed(needed, clip.get(needed)));
      }
    }
  }

  /** The first {@code count} frames of a clip as the OFX bridge sends them: 8-bit RGB, top row first. */
  private static List<Frame> bridgeLayout(Path clip, int count) {
    FrameFormat format = FrameFormat.newBuilder().setChannels(Channels.CHANNELS_RGB).setDepth(Depth.DEPTH_U8)
        .setOrigin(Origin.ORIGIN_TOP_LEFT).build();
    List<Frame> frames = new ArrayList<>();
    try (var reader = org.portraitperf.media.VideoReader.open(clip)) {
      for (int t = 0; t < count; t++) {
        org.portraitperf.media.RgbImage image = reader.next().image();
        frames.add(FrameCodec.encode(org.portraitperf.media.RgbaImage.of(image, opaque(image)), format));
      }
    }
    return frames;
  }

  private static String sharedFolder(ManagedChannel channel) {
    return InfoServiceGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance()).getSharedMemoryFolder();
  }

  /** A fed session of {@code count} frames, opened with frame 0 sent through a shared file lent for the call. */
  private static OpenSessionResponse openFedInShared(ManagedChannel channel, String portrait, List<Frame> frames,
      SharedFrameFiles files, int count) {
    int in = frames.get(0).getPixels().size();
    SharedFrameFiles.Lease lease = files.acquire(in);
    try {
      frames.get(0).getPixels().copyTo(lease.bytes(0, in));
      return sessions(channel).openSession(OpenSessionRequest.newBuilder().setPortraitHandle(portrait)
          .setFedClip(org.portraitperf.proto.v1.FedClip.newBuilder().setFrameCount(count).setRateNumerator(25)
              .setRateDenominator(1).addDrivingFrames(indexed(0, inShared(frames.get(0), lease, in))))
          .build());
    } finally {
      files.release(lease);
    }
  }

  private static Frame inShared(Frame frame, SharedFrameFiles.Lease lease, int length) {
    return frame.toBuilder().clearPixels().setShared(lease.region(0, length)).build();
  }

  private static OpenSessionResponse openFed(ManagedChannel channel, Frame first) {
    return sessions(channel).openSession(OpenSessionRequest.newBuilder()
        .setPortraitHandle(loadPortrait(channel))
        .setFedClip(org.portraitperf.proto.v1.FedClip.newBuilder().setFrameCount(78).setRateNumerator(25)
            .setRateDenominator(1).addDrivingFrames(indexed(0, first)))
        .build());
  }

  /** A driving frame as an OFX host hands it over: RGBA, bottom row first. */
  private static Frame hostFrame(org.portraitperf.media.RgbImage image) {
    FrameFormat format = FrameFormat.newBuilder().setChannels(Channels.CHANNELS_RGBA).setDepth(Depth.DEPTH_U8)
        .setOrigin(Origin.ORIGIN_BOTTOM_LEFT).build();
    return FrameCodec.encode(org.portraitperf.media.RgbaImage.of(image, opaque(image)), format);
  }

  private static org.portraitperf.media.GrayImage opaque(org.portraitperf.media.RgbImage image) {
    byte[] alpha = new byte[image.width() * image.height()];
    java.util.Arrays.fill(alpha, (byte) 255);
    return new org.portraitperf.media.GrayImage(image.width(), image.height(), alpha);
  }

  private static org.portraitperf.proto.v1.IndexedFrame indexed(int index, Frame frame) {
    return org.portraitperf.proto.v1.IndexedFrame.newBuilder().setIndex(index).setFrame(frame).build();
  }

  @Test
  void renderStream_clientKilledMidStream_serverStaysHealthyAndSessionUsable() throws Exception {
    ManagedChannel doomed = sidecar.channel();
    String session = openOnFile(doomed).getSessionId();
    CountDownLatch firstFrame = new CountDownLatch(1);
    StreamObserver<RenderFrameRequest> requests = SessionServiceGrpc.newStub(doomed).renderStream(new StreamObserver<>() {
      @Override
      public void onNext(RenderFrameResponse frame) {
        firstFrame.countDown();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
    for (int t = 0; t < 40; t++) {
      requests.onNext(RenderFrameRequest.newBuilder().setSessionId(session).setFrameIndex(t).build());
    }
    assertTrue(firstFrame.await(60, TimeUnit.SECONDS), "the stream answered");

    doomed.shutdownNow();

    ManagedChannel next = sidecar.channel();
    HealthCheckResponse health = HealthGrpc.newBlockingStub(next).check(HealthCheckRequest.getDefaultInstance());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    assertEquals(512 * 512 * 4, render(next, session, 41).length);
  }

  @Test
  void errors_badInputs_mapToTheirStatusAndReason() throws Exception {
    ManagedChannel channel = sidecar.channel();
    Path sky = folder.resolve("sky.png");
    org.portraitperf.media.Images.write(sky, org.portraitperf.media.RgbImage.blank(64, 48));
    try {
      StatusRuntimeException noFace = assertThrows(StatusRuntimeException.class, () -> PortraitServiceGrpc
          .newBlockingStub(channel).loadPortrait(LoadPortraitRequest.newBuilder().setPath(sky.toString()).build()));
      assertEquals(Status.Code.FAILED_PRECONDITION, noFace.getStatus().getCode());
      assertEquals(Statuses.NO_FACE, reason(noFace));
      assertTrue(noFace.getStatus().getDescription().startsWith(sky + ": no face found"), noFace.getStatus().getDescription());
    } finally {
      Files.delete(sky);
    }

    StatusRuntimeException unknownHandle = assertThrows(StatusRuntimeException.class, () -> sessions(channel)
        .openSession(OpenSessionRequest.newBuilder().setPortraitHandle("abc").setDrivingPath(DRIVING.toString()).build()));
    assertEquals(Status.Code.NOT_FOUND, unknownHandle.getStatus().getCode());

    StatusRuntimeException unknownSession = assertThrows(StatusRuntimeException.class,
        () -> render(channel, "no-such-session", 0));
    assertEquals(Status.Code.NOT_FOUND, unknownSession.getStatus().getCode());

    OpenSessionResponse opened = sessions(channel).openSession(OpenSessionRequest.newBuilder()
        .setPortraitHandle(loadPortrait(channel))
        .setFedClip(org.portraitperf.proto.v1.FedClip.newBuilder().setFrameCount(3).setRateNumerator(25).setRateDenominator(1)
            .addDrivingFrames(indexed(0, hostFrame(org.portraitperf.testing.TestMedia.image("portraits/lp_s42.jpg")))))
        .build());
    Frame shortRows = Frame.newBuilder().setWidth(512).setHeight(512).setRowStride(100)
        .setFormat(FrameCodec.DEFAULT_FORMAT).setPixels(ByteString.copyFrom(new byte[512 * 100])).build();
    StatusRuntimeException badGeometry = assertThrows(StatusRuntimeException.class, () -> sessions(channel).renderFrame(
        RenderFrameRequest.newBuilder().setSessionId(opened.getSessionId()).setFrameIndex(1)
            .addDrivingFrames(indexed(1, shortRows)).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, badGeometry.getStatus().getCode());
    assertTrue(badGeometry.getStatus().getDescription().contains("row stride 100"), badGeometry.getStatus().getDescription());
    sessions(channel).closeSession(CloseSessionRequest.newBuilder().setSessionId(opened.getSessionId()).build());
  }

  @Test
  void idleSessions_expire_andTheirMemoryIsReleased() throws Exception {
    ManagedChannel channel = sidecar.channel();
    // Sessions from other tests expire too; wait for them first so that only these are counted.
    Thread.sleep(5_000);
    long baseline = usedHeapAfterGc();
    List<String> opened = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String session = openOnFile(channel).getSessionId();
      render(channel, session, 0);
      opened.add(session);
    }
    long loaded = usedHeapAfterGc();

    Thread.sleep(5_000);
    long released = usedHeapAfterGc();

    for (String session : opened) {
      StatusRuntimeException gone = assertThrows(StatusRuntimeException.class, () -> render(channel, session, 1));
      assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
    }
    long growth = loaded - baseline;
    System.out.printf("heap: baseline %d MB, 6 sessions %d MB, after expiry %d MB%n",
        baseline >> 20, loaded >> 20, released >> 20);
    assertTrue(growth > 4 << 20, "six sessions hold memory: grew by " + (growth >> 20) + " MB");
    assertTrue(released - baseline < growth / 4, "back near baseline: " + ((released - baseline) >> 20)
        + " MB above it, after growing " + (growth >> 20) + " MB");
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
