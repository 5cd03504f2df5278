package org.portraitperf.api;

import com.google.inject.Injector;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real sidecar on a real Unix socket in a temporary folder, and raw channels to it with whatever
 * headers a test wants to send. Every channel and the server are closed with it.
 */
final class RunningSidecar implements AutoCloseable {
  final SidecarServer server;
  final Path socket;
  final String token;
  private final EventLoopGroup loop = new EpollEventLoopGroup(1);
  private final List<ManagedChannel> channels = new ArrayList<>();

  private RunningSidecar(SidecarServer server, Path socket) {
    this.server = server;
    this.socket = socket;
    this.token = SidecarPaths.readToken(socket);
  }

  /** A fresh sidecar (its own portrait cache and sessions) over the shared engines. */
  static RunningSidecar start(Injector engines, Path folder, Duration sessionIdle) {
    SidecarServer server = engines.createChildInjector(new ApiModule()).getInstance(SidecarServer.class);
    Path socket = folder.resolve("sidecar.sock");
    server.start(SidecarSettings.unixSocket(socket).withSessionIdle(sessionIdle));
    return new RunningSidecar(server, socket);
  }

  /** A channel sending the right token and protocol version. */
  ManagedChannel channel() {
    return channel(token, Integer.toString(Headers.PROTOCOL));
  }

  /** A channel sending the given headers; null leaves a header out. */
  ManagedChannel channel(String token, String protocolVersion) {
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(Headers.TOKEN, token);
    }
    if (protocolVersion != null) {
      headers.put(Headers.PROTOCOL_VERSION, protocolVersion);
    }
    ManagedChannel channel = SidecarClient.unixChannel(socket, loop, headers);
    synchronized (channels) {
      channels.add(channel);
    }
    return channel;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (channels) {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    server.stop(Duration.ofSeconds(5));
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
