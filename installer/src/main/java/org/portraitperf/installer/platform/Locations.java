package org.portraitperf.installer.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an installation lives: the OpenFX plug-in folder that holds the bundle, and the
 * application folder that holds the sidecar's runtime, jars, launchers, models and the install
 * record. These are final paths (as hosts and users see them); a scratch root is applied on top.
 */
public record Locations(Os os, Path ofxDir, Path appDir) {
  /** The install record's name in the application folder. */
  public static final String RECORD = "install-record.json";

  public Locations {
    if (!ofxDir.isAbsolute() || !appDir.isAbsolute()) {
      throw new IllegalArgumentException("install folders must be absolute paths, found " + ofxDir + " and " + appDir);
    }
  }

  /**
   * The standard places: the OpenFX folder every host searches (OpenFX packaging: Linux
   * {@code /usr/OFX/Plugins}, macOS {@code /Library/OFX/Plugins}, Windows
   * {@code %CommonProgramFiles%\OFX\Plugins}), and a per-machine application folder.
   */
  public static Locations defaults(Os os, Environment env) {
    return new Locations(os, defaultOfxDir(os, env), defaultAppDir(os, env));
  }

  public static Path defaultOfxDir(Os os, Environment env) {
    return switch (os) {
      case LINUX -> env.fileSystem().getPath("/usr/OFX/Plugins");
      case MACOS -> env.fileSystem().getPath("/Library/OFX/Plugins");
      case WINDOWS -> env.fileSystem().getPath(
          env.variable("CommonProgramFiles").orElse("C:\\Program Files\\Common Files"), "OFX", "Plugins");
    };
  }

  public static Path defaultAppDir(Os os, Environment env) {
    return switch (os) {
      case LINUX -> env.fileSystem().getPath("/opt/portrait-performance");
      case MACOS -> env.fileSystem().getPath("/Library/Application Support/Portrait Performance");
      case WINDOWS -> env.fileSystem().getPath(
          env.variable("ProgramFiles").orElse("C:\\Program Files"), "Portrait Performance");
    };
  }

  /**
   * The folders hosts search for plug-ins, in their order: each folder of {@code OFX_PLUGIN_PATH}
   * (split on this system's separator), then the standard folder.
   */
  public static List<Path> ofxSearchPath(Os os, Environment env) {
    List<Path> folders = new ArrayList<>();
    env.variable("OFX_PLUGIN_PATH").ifPresent(value -> {
      for (String part : value.split(java.util.regex.Pattern.quote(os.ofxPathSeparator()))) {
        if (!part.isBlank()) {
          folders.add(env.fileSystem().getPath(part.strip()));
        }
      }
    });
    Path standard = defaultOfxDir(os, env);
    if (!folders.contains(standard)) {
      folders.add(standard);
    }
    return folders;
  }

  public Path bundle(String bundleName) {
    return ofxDir.resolve(bundleName);
  }

  public Path record() {
    return appDir.resolve(RECORD);
  }

  public Path models() {
    return appDir.resolve("models");
  }

  /** The command line and sidecar launcher the bridge, a user service and farm tasks run. */
  public Path launcher() {
    return appDir.resolve("bin").resolve(os == Os.WINDOWS ? "pp.cmd" : "pp");
  }
}
