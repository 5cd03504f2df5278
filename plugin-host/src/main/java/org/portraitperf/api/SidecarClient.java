package org.portraitperf.api;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceException;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.models.ModelException;
import org.portraitperf.proto.v1.CloseSessionRequest;
import org.portraitperf.proto.v1.GetInfoRequest;
import org.portraitperf.proto.v1.InfoServiceGrpc;
import org.portraitperf.proto.v1.LoadPortraitRequest;
import org.portraitperf.proto.v1.OpenSessionRequest;
import org.portraitperf.proto.v1.OpenSessionResponse;
import org.portraitperf.proto.v1.PortraitServiceGrpc;
import org.portraitperf.proto.v1.RenderFrameRequest;
import org.portraitperf.proto.v1.SessionServiceGrpc;

/**
 * A running sidecar seen from the command line: sessions that render over the socket and behave
 * like the engine's own {@link Session}. Failures come back as the domain's exceptions (no face,
 * model missing, bad media) or a {@link SidecarException}, worded as the sidecar worded them.
 */
public final class SidecarClient implements AutoCloseable {
  private final Path socket;
  private final EventLoopGroup loop;
  private final ManagedChannel channel;
  private final PortraitServiceGrpc.PortraitServiceBlockingStub portraits;
  private final SessionServiceGrpc.SessionServiceBlockingStub sessions;
  /** Where answers come back through shared memory; null when the sidecar offers none (or refused it). */
  private volatile SharedFrameFiles sharedFiles;

  private SidecarClient(Path socket, String token) {
    this.socket = socket;
    Metadata headers = new Metadata();
    headers.put(Headers.TOKEN, token);
    headers.put(Headers.PROTOCOL_VERSION, Integer.toString(Headers.PROTOCOL));
    this.loop = new EpollEventLoopGroup(1);
    this.channel = unixChannel(socket, loop, headers);
    this.portraits = PortraitServiceGrpc.newBlockingStub(channel);
    this.sessions = SessionServiceGrpc.newBlockingStub(channel);
    String folder;
    try {
      folder = call(() -> InfoServiceGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance()))
          .getSharedMemoryFolder();
    } catch (RuntimeException e) {
      close(); // no sidecar answers: let go of the channel and its thread before saying so
      throw e;
    }
    this.sharedFiles = folder.isEmpty() ? null : new SharedFrameFiles(Path.of(folder));
  }

  /** A plaintext channel over a Unix socket (private by its folder), sending {@code headers} with every call. */
  static ManagedChannel unixChannel(Path socket, EventLoopGroup loop, Metadata headers) {
    return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(loop)
        .channelType(EpollDomainSocketChannel.class)
        // TCP keep-alive is on by default and means nothing on a Unix socket (netty logs a warning).
        .withOption(ChannelOption.SO_KEEPALIVE, null)
        .usePlaintext()
        // A 1080p RGBA frame is 8 MB: with HTTP/2's default window it crosses in many window updates,
        // each a wait; a window of several frames lets one go through in one stretch.
        .flowControlWindow(ApiLimits.FLOW_CONTROL_WINDOW)
        .maxInboundMessageSize(ApiLimits.MAX_MESSAGE_BYTES)
        .intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
        .build();
  }

  /**
   * A client of the sidecar on {@code socket}, with the token from the file beside it.
   *
   * @throws SidecarException when the token cannot be read (no sidecar has run there)
   */
  public static SidecarClient connect(Path socket) {
    return new SidecarClient(socket, SidecarPaths.readToken(socket));
  }

  /** A remote session, and the engine the sidecar picked for it and why. */
  public record Opened(Session session, String engine, String reason) {}

  /**
   * Loads the portrait and opens a session on a clip; the sidecar reads both files itself.
   *
   * @param engine the engine control's value ({@code auto} or a name)
   */
  public Opened open(Path portrait, Path driving, String engine, EngineSettings settings) {
    String handle = call(() -> portraits.loadPortrait(LoadPortraitRequest.newBuilder()
        .setPath(portrait.toAbsolutePath().toString()).setName(portrait.toString()).build())).getPortraitHandle();
    OpenSessionResponse opened = call(() -> sessions.openSession(OpenSessionRequest.newBuilder()
        .setPortraitHandle(handle)
        .setSettings(SettingsCodec.toWire(engine, settings))
        .setClipId(driving.toString())
        .setDrivingPath(driving.toAbsolutePath().toString())
        .build()));
    return new Opened(new RemoteSession(opened), opened.getEngine(), opened.getEngineReason());
  }

  /** A session on the sidecar; thread-safe, as the engine's own sessions are. */
  private final class RemoteSession implements Session {
    private final OpenSessionResponse opened;

    RemoteSession(OpenSessionResponse opened) {
      this.opened = opened;
    }

    @Override
    public RgbaImage render(int index) {
      RenderFrameRequest request = RenderFrameRequest.newBuilder()
          .setSessionId(opened.getSessionId()).setFrameIndex(index).build();
      String name = "frame " + index + " from the sidecar";
      SharedFrameFiles files = sharedFiles;
      if (files == null) {
        return FrameCodec.decode(call(() -> sessions.renderFrame(request)).getFrame(), name);
      }
      int bytes = opened.getWidth() * opened.getHeight() * 4;
      SharedFrameFiles.Lease lease = files.acquire(bytes);
      boolean answered = false;
      try {
        var answer = sessions.renderFrame(request.toBuilder().setAnswerRegion(lease.region(0, bytes)).build());
        RgbaImage image = FrameCodec.decode(answer.getFrame(), lease.bytes(0, bytes), name);
        answered = true;
        return image;
      } catch (StatusRuntimeException e) {
        if (!Statuses.SHARED_MEMORY.equals(Statuses.errorInfo(e).getReason())) {
          throw failure(e);
        }
        // This sidecar cannot use our files (another machine's folder, say): answers come in messages from now on.
        sharedFiles = null;
        files.close();
        return render(index);
      } finally {
        if (answered) {
          files.release(lease);
        } else {
          files.abandon(lease);
        }
      }
    }

    @Override
    public int width() {
      return opened.getWidth();
    }

    @Override
    public int height() {
      return opened.getHeight();
    }

    @Override
    public void close() {
      try {
        sessions.closeSession(CloseSessionRequest.newBuilder().setSessionId(opened.getSessionId()).build());
      } catch (StatusRuntimeException e) {
        // Expired or already gone: either way the sidecar holds nothing for it any more.
      }
    }
  }

  private <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  /** The domain exception a status stands for, so the command line reports it as it would locally. */
  private RuntimeException failure(StatusRuntimeException e) {
    String description = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
        : e.getStatus().getDescription();
    if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      return new SidecarException(socket.toString(), "no sidecar answers (" + description + "); start one with `pp serve`");
    }
    ErrorInfo info = Statuses.errorInfo(e);
    String subject = info.getMetadataOrDefault("input", info.getMetadataOrDefault("model", ""));
    String problem = !subject.isEmpty() && description.startsWith(subject + ": ")
        ? description.substring(subject.length() + 2) : description;
    return switch (info.getReason()) {
      case Statuses.NO_FACE -> new FaceException(subject, problem);
      case Statuses.MODEL_PACK -> new ModelException(subject, problem);
      case Statuses.BAD_MEDIA -> new MediaException(subject, problem);
      default -> new SidecarException("sidecar " + socket, description);
    };
  }

  @Override
  public void close() {
    SharedFrameFiles files = sharedFiles;
    if (files != null) {
      files.close();
    }
    Channels.close(channel);
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
