package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.portraitperf.api.SidecarPaths;
import org.portraitperf.api.SidecarServer;
import org.portraitperf.api.SidecarSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pp serve}: runs the sidecar in the foreground until stopped, or until idle. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the sidecar that the editor plug-in, `pp animate --remote` and farm workers render through."
        + " Listens on a per-user Unix socket in a private folder; every call must carry the token written beside"
        + " it. Ctrl-C or SIGTERM stops it after the frames in flight are finished.")
final class ServeCommand implements Callable<Integer> {
  /** Time the frames in flight get to finish when the sidecar is stopped. */
  static final Duration DRAIN = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Option(names = "--socket", paramLabel = "PATH",
      description = "The Unix socket (default: $XDG_RUNTIME_DIR/portrait-performance/sidecar.sock, else under"
          + " ~/.cache); the token goes to PATH.token.")
  Path socket;

  @Option(names = "--tcp", paramLabel = "PORT", description = "Also listen on this TCP port (0: any free port), on"
      + " the loopback address unless --bind says otherwise.")
  Integer tcpPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = SidecarSettings.LOOPBACK,
      description = "Address for --tcp (default ${DEFAULT-VALUE}); any other than loopback needs --allow-remote and TLS.")
  String bind;

  @Option(names = "--allow-remote", description = "Consent to listen on a non-loopback address (needs --tls-cert and --tls-key).")
  boolean allowRemote;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain for the TCP listener.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for the TCP listener.")
  Path tlsKey;

  @Option(names = "--idle-exit", paramLabel = "SECONDS",
      description = "Exit after this long with no call and no open session (for on-demand launch by the plug-in).")
  Integer idleExit;

  @Option(names = "--session-idle", paramLabel = "SECONDS", defaultValue = "600",
      description = "Close sessions unused for this long and release their memory (default ${DEFAULT-VALUE}).")
  int sessionIdle;

  private final SidecarServer server;

  @Inject
  ServeCommand(SidecarServer server) {
    this.server = server;
  }

  @Override
  public Integer call() throws InterruptedException {
    SidecarSettings settings;
    try {
      settings = new SidecarSettings(socket == null ? SidecarPaths.defaultSocket() : socket,
          Optional.ofNullable(tcpPort), bind, allowRemote, Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey),
          Duration.ofSeconds(sessionIdle), Optional.ofNullable(idleExit).map(Duration::ofSeconds));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    server.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(DRAIN), "pp-serve-stop"));
    PrintWriter out = spec.commandLine().getOut();
    for (String endpoint : server.endpoints()) {
      out.println("listening on " + endpoint);
    }
    out.println("token in " + server.tokenFile());
    out.flush();
    server.blockUntilShutdown();
    out.println("stopped");
    return ExitCodes.OK;
  }
}
