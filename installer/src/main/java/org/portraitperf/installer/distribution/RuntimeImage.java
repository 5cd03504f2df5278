package org.portraitperf.installer.distribution;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.portraitperf.installer.InstallerException;

/**
 * The Java runtime a distribution carries, linked by {@code jlink} from the JDK's modules: only the
 * modules the sidecar, the command line and this program use, so an editor's machine needs no Java
 * of its own.
 */
final class RuntimeImage {
  private RuntimeImage() {}

  /**
   * What the jars need, from {@code jdeps --print-module-deps} over them: java.sql brings java.xml
   * (farm job specs, SQLite's driver), java.naming and jdk.unsupported serve gRPC's Netty, protobuf
   * and JavaCPP, java.net.http fetches models, jdk.crypto.ec gives TLS its elliptic-curve key
   * exchange, which most HTTPS servers require. JavaFX, AWT and JFR are referenced by optional
   * paths of the libraries and never used.
   */
  static final List<String> MODULES = List.of(
      "java.base", "java.logging", "java.naming", "java.net.http", "java.sql", "java.xml", "jdk.crypto.ec",
      "jdk.unsupported");

  /** Links the runtime into {@code output}, which must not exist yet. */
  static void link(Path jdk, Path output) {
    Path jmods = jdk.resolve("jmods");
    if (!Files.isDirectory(jmods)) {
      throw new InstallerException(jmods.toString(), "is missing: linking the runtime needs the JDK's modules"
          + " (Debian: apt-get install openjdk-17-jmods; or name another JDK with --jdk)");
    }
    ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new InstallerException("jlink",
        "is not part of this Java runtime; build distributions on a JDK 17 or newer"));
    List<String> args = new ArrayList<>(List.of(
        "--module-path", jmods.toString(),
        "--add-modules", String.join(",", MODULES),
        "--strip-debug", "--no-man-pages", "--no-header-files", "--compress=2",
        "--output", output.toString()));
    StringWriter log = new StringWriter();
    int code;
    try (PrintWriter out = new PrintWriter(log)) {
      code = jlink.run(out, out, args.toArray(String[]::new));
    }
    if (code != 0) {
      throw new InstallerException("jlink", "failed with exit code " + code + ": " + log.toString().strip());
    }
  }
}
