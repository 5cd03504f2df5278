package org.portraitperf.installer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.portraitperf.installer.distribution.Launchers;
import org.portraitperf.installer.install.Root;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.Os;
import picocli.CommandLine.Option;

/** Where an installation is, spelled the same way by every command. */
final class LocationOptions {
  @Option(names = "--root", paramLabel = "DIR",
      description = "Work under DIR as if it were the file system's root: a scratch root, a package's staging "
          + "folder or a chroot being prepared. The other paths are as the machine will see them.")
  Path root;

  @Option(names = "--ofx-dir", paramLabel = "DIR",
      description = "The OpenFX plug-in folder [default: the standard one hosts search: /usr/OFX/Plugins on Linux,"
          + " /Library/OFX/Plugins on macOS, %CommonProgramFiles%\\OFX\\Plugins on Windows].")
  Path ofxDir;

  @Option(names = "--ofx-plugin-path",
      description = "Use the first folder of OFX_PLUGIN_PATH as the OpenFX plug-in folder.")
  boolean ofxPluginPath;

  @Option(names = "--app-dir", paramLabel = "DIR",
      description = "The application folder: runtime, jars, launchers, models, install record [default:"
          + " /opt/portrait-performance on Linux, /Library/Application Support/Portrait Performance on macOS,"
          + " %ProgramFiles%\\Portrait Performance on Windows].")
  Path appDir;

  Root rootFolder() {
    return root == null ? Root.system() : Root.at(root);
  }

  /** The locations these options name, on this machine. */
  Locations locations(Environment env) {
    Os os = Os.current();
    if (ofxDir != null && ofxPluginPath) {
      throw new IllegalArgumentException("name the plug-in folder with --ofx-dir or --ofx-plugin-path, not both");
    }
    Path ofx = ofxDir != null ? ofxDir : ofxPluginPath ? firstOfPluginPath(os, env) : Locations.defaultOfxDir(os, env);
    Path app = appDir != null ? appDir : installedHere().orElse(Locations.defaultAppDir(os, env));
    return new Locations(os, ofx.toAbsolutePath().normalize(), app.toAbsolutePath().normalize());
  }

  /**
   * The application folder whose own {@code bin/pp-setup} is running, so that an installation made
   * with --app-dir finds itself; not under --root, where the launcher's folder is not a final path.
   */
  private Optional<Path> installedHere() {
    String app = System.getProperty(Launchers.APP_PROPERTY);
    return root != null || app == null ? Optional.empty() : Optional.of(Path.of(app));
  }

  private static Path firstOfPluginPath(Os os, Environment env) {
    if (env.variable("OFX_PLUGIN_PATH").isEmpty()) {
      throw new IllegalArgumentException("--ofx-plugin-path: OFX_PLUGIN_PATH is not set");
    }
    List<Path> searched = Locations.ofxSearchPath(os, env);
    return searched.get(0);
  }
}
