package org.portraitperf.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sidecar listens.
 *
 * @param socket the Unix socket; its token file lies beside it ({@link SidecarPaths#tokenFile})
 * @param tcpPort a TCP port to listen on as well, or empty for none
 * @param bindHost the TCP address; anything but loopback needs {@code allowRemote} and TLS
 * @param allowRemote the user's explicit consent to listen beyond this machine
 * @param tlsCertificate PEM certificate chain for TCP, or empty
 * @param tlsKey PEM private key for TCP, or empty
 * @param sessionIdle sessions unused this long are closed
 * @param idleExit exit after this long with no call and no session, or empty to run until stopped
 */
public record SidecarSettings(
    Path socket,
    Optional<Integer> tcpPort,
    String bindHost,
    boolean allowRemote,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsKey,
    Duration sessionIdle,
    Optional<Duration> idleExit) {

  public static final String LOOPBACK = "127.0.0.1";

  public SidecarSettings {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(bindHost, "bindHost");
    if (tcpPort.isPresent() && (tcpPort.get() < 0 || tcpPort.get() > 65535)) {
      throw new IllegalArgumentException("tcp port must be 0..65535, found " + tcpPort.get());
    }
    if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("TLS needs both a certificate and its key");
    }
    if (sessionIdle.isNegative() || sessionIdle.isZero()) {
      throw new IllegalArgumentException("session idle time must be positive, found " + sessionIdle);
    }
    if (idleExit.isPresent() && (idleExit.get().isNegative() || idleExit.get().isZero())) {
      throw new IllegalArgumentException("idle exit must be positive, found " + idleExit.get());
    }
  }

  /** A Unix socket only, with the default session expiry: what `pp serve` does unless told otherwise. */
  public static SidecarSettings unixSocket(Path socket) {
    return new SidecarSettings(socket, Optional.empty(), LOOPBACK, false, Optional.empty(), Optional.empty(),
        ApiLimits.DEFAULT_SESSION_IDLE, Optional.empty());
  }

  public SidecarSettings withSessionIdle(Duration idle) {
    return new SidecarSettings(socket, tcpPort, bindHost, allowRemote, tlsCertificate, tlsKey, idle, idleExit);
  }
}
