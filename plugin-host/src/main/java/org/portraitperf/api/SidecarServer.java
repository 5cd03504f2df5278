package org.portraitperf.api;

import com.google.inject.Inject;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sidecar: the services on a per-user Unix socket (and, if asked, a TCP port), behind the token
 * and protocol-version checks, with standard health checking and reflection. Owns its threads and
 * sockets from {@link #start} to {@link #stop}.
 */
public final class SidecarServer {
  private static final Logger LOG = Logger.getLogger(SidecarServer.class.getName());

  /**
   * Calls run on this many threads at most. Each render call holds its thread for the whole render;
   * a bound keeps a flood of calls queued instead of thrashing the cores that render.
   */
  static final int CALL_THREADS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

  private final InfoService info;
  private final PortraitService portraits;
  private final SessionService sessionService;
  private final SessionRegistry sessions;
  private final JobsService jobs;
  private final SharedMemory sharedMemory;

  private final HealthStatusManager health = new HealthStatusManager();
  private final List<Server> servers = new ArrayList<>();
  private final CallActivity activity = new CallActivity();
  private SidecarSettings settings;
  private ExecutorService calls;
  private EventLoopGroup socketLoop;
  private ScheduledExecutorService housekeeping;
  private boolean stopped;

  @Inject
  SidecarServer(InfoService info, PortraitService portraits, SessionService sessionService, SessionRegistry sessions,
      JobsService jobs, SharedMemory sharedMemory) {
    this.info = info;
    this.portraits = portraits;
    this.sessionService = sessionService;
    this.sessions = sessions;
    this.jobs = jobs;
    this.sharedMemory = sharedMemory;
  }

  /**
   * Listens as the settings say.
   *
   * @throws SidecarException when the socket is in use, a non-loopback address lacks consent and TLS,
   *     or a port cannot be bound
   */
  public synchronized void start(SidecarSettings settings) {
    if (!Epoll.isAvailable()) {
      throw new SidecarException("unix socket", "not supported on this platform (" + Epoll.unavailabilityCause() + ")");
    }
    InetSocketAddress tcp = settings.tcpPort().isPresent() ? tcpAddress(settings) : null;
    this.settings = settings;
    String token = SidecarPaths.prepare(settings.socket());
    sessions.setIdleLimit(settings.sessionIdle());
    sharedMemory.open(SharedMemory.folderFor(settings.socket()));
    calls = Executors.newFixedThreadPool(CALL_THREADS, daemonThreads("pp-call"));
    socketLoop = new EpollEventLoopGroup(2, daemonThreads("pp-socket"));
    NettyServerBuilder unix = NettyServerBuilder.forAddress(new DomainSocketAddress(settings.socket().toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(socketLoop)
        .workerEventLoopGroup(socketLoop)
        // The builder asks for TCP keep-alive by default; a Unix socket has none, and says so in the log.
        .withChildOption(ChannelOption.SO_KEEPALIVE, null);
    servers.add(configure(unix, token));
    if (tcp != null) {
      NettyServerBuilder network = NettyServerBuilder.forAddress(tcp);
      settings.tlsCertificate().ifPresent(cert -> network.useTransportSecurity(cert.toFile(), settings.tlsKey().orElseThrow().toFile()));
      servers.add(configure(network, token));
    }
    for (Server server : servers) {
      try {
        server.start();
      } catch (IOException e) {
        stop(Duration.ZERO);
        throw new SidecarException(server.getListenSockets().toString(), "cannot listen: " + e.getMessage());
      }
    }
    restrictSocket(settings.socket());
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    housekeeping = Executors.newSingleThreadScheduledExecutor(daemonThreads("pp-housekeeping"));
    // Often enough that sessions and the idle exit are late by a fraction of their limits at most.
    long limit = Math.min(settings.sessionIdle().toSeconds(), settings.idleExit().map(Duration::toSeconds).orElse(Long.MAX_VALUE));
    long period = Math.max(1, Math.min(30, limit / 4));
    housekeeping.scheduleWithFixedDelay(this::houseKeep, period, period, TimeUnit.SECONDS);
  }

  private Server configure(NettyServerBuilder builder, String token) {
    ProtocolInterceptor protocol = new ProtocolInterceptor();
    return builder
        .executor(calls)
        // A 1080p RGBA frame is 8 MB: with HTTP/2's default window it crosses in many window updates,
        // each a wait; a window of several frames lets one go through in one stretch.
        .flowControlWindow(ApiLimits.FLOW_CONTROL_WINDOW)
        .maxInboundMessageSize(ApiLimits.MAX_MESSAGE_BYTES)
        .addService(ServerInterceptors.intercept(info, protocol))
        .addService(ServerInterceptors.intercept(portraits, protocol))
        .addService(ServerInterceptors.intercept(sessionService, protocol))
        .addService(ServerInterceptors.intercept(jobs, protocol))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        // The last interceptor added runs first: the token is checked before anything else.
        .intercept(activity)
        .intercept(new TokenInterceptor(token))
        .build();
  }

  private static InetSocketAddress tcpAddress(SidecarSettings settings) {
    InetAddress address;
    try {
      address = InetAddress.getByName(settings.bindHost());
    } catch (UnknownHostException e) {
      throw new SidecarException(settings.bindHost(), "not an address this machine knows");
    }
    boolean secured = settings.tlsCertificate().isPresent();
    if (!address.isLoopbackAddress() && !(settings.allowRemote() && secured)) {
      throw new SidecarException(settings.bindHost(), "not a loopback address; listening beyond this machine needs"
          + " --allow-remote and TLS (--tls-cert and --tls-key)");
    }
    return new InetSocketAddress(address, settings.tcpPort().orElseThrow());
  }

  /** The socket file is reachable only through its private folder already; 0600 says the same on the file itself. */
  private static void restrictSocket(Path socket) {
    try {
      Files.setPosixFilePermissions(socket, SidecarPaths.PRIVATE_FILE);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot restrict " + socket + " (its folder is private)", e);
    }
  }

  /** Where clients reach it, one line per listener, e.g. {@code unix:/run/user/1000/...}. */
  public synchronized List<String> endpoints() {
    List<String> endpoints = new ArrayList<>();
    endpoints.add("unix:" + settings.socket());
    if (servers.size() > 1) {
      InetSocketAddress tcp = (InetSocketAddress) servers.get(1).getListenSockets().get(0);
      endpoints.add((settings.tlsCertificate().isPresent() ? "tls:" : "tcp:") + tcp.getHostString() + ":" + tcp.getPort());
    }
    return endpoints;
  }

  /** The token file clients read. */
  public Path tokenFile() {
    return SidecarPaths.tokenFile(settings.socket());
  }

  private void houseKeep() {
    int expired = sessions.expireIdle();
    if (expired > 0) {
      LOG.info(() -> expired + " idle session(s) closed");
    }
    int orphans = sharedMemory.removeOrphans();
    if (orphans > 0) {
      LOG.info(() -> orphans + " shared frame file(s) of clients that stopped removed");
    }
    Optional<Duration> idleExit = settings.idleExit();
    if (idleExit.isPresent() && sessions.size() == 0 && activity.idleFor().compareTo(idleExit.get()) > 0) {
      LOG.info("idle for " + idleExit.get().toSeconds() + " s with no session open: exiting");
      // Not on this thread: stopping shuts this executor down and waits for it.
      Thread stopper = new Thread(() -> stop(Duration.ofSeconds(5)), "pp-idle-exit");
      stopper.start();
    }
  }

  /**
   * Graceful shutdown: health turns NOT_SERVING, no new calls are taken, calls in flight (frames
   * being rendered) finish within {@code grace}, then everything is released and the socket and
   * token files are removed.
   */
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    servers.forEach(Server::shutdown);
    long deadline = System.nanoTime() + grace.toNanos();
    for (Server server : servers) {
      try {
        if (!server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        server.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    sessions.closeAll();
    jobs.close();
    if (housekeeping != null) {
      housekeeping.shutdownNow();
    }
    if (calls != null) {
      calls.shutdownNow();
    }
    if (socketLoop != null) {
      socketLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (settings != null) {
      deleteQuietly(settings.socket());
      deleteQuietly(SidecarPaths.tokenFile(settings.socket()));
    }
    notifyAll();
  }

  /** Waits until {@link #stop} has run (from a signal, idle exit, or another thread). */
  public synchronized void blockUntilShutdown() throws InterruptedException {
    while (!stopped) {
      wait();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot remove " + file, e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
