package org.portraitperf.installer.distribution;

import org.portraitperf.installer.platform.Os;

/**
 * The launcher scripts of an application folder and of a distribution. Each finds its folder from
 * its own location (through links), so the folder can live anywhere, and runs the Java runtime
 * installed beside it: nothing on the machine's PATH is needed.
 */
public final class Launchers {
  private Launchers() {}

  /** The sidecar's and command line's jar, in the application folder. */
  public static final String JAR = "portrait-performance.jar";
  /** This program's jar, in the application folder. */
  public static final String INSTALLER_JAR = "portrait-performance-installer.jar";
  /** System properties the setup launchers pass: where the program runs from. */
  public static final String APP_PROPERTY = "portraitperf.app";
  public static final String DISTRIBUTION_PROPERTY = "portraitperf.distribution";

  private static final String MAIN = "org.portraitperf.installer.cli.Main";

  /** File name of the command-line launcher, {@code pp} or {@code pp.cmd}. */
  public static String commandLineName(Os os) {
    return os == Os.WINDOWS ? "pp.cmd" : "pp";
  }

  /** File name of the setup launcher, {@code pp-setup} or {@code pp-setup.cmd}. */
  public static String setupName(Os os) {
    return os == Os.WINDOWS ? "pp-setup.cmd" : "pp-setup";
  }

  /**
   * {@code bin/pp}: the command line and the sidecar the bridge starts. The models installed
   * beside it are the default model directory; PP_MODELS_DIR still overrides it.
   */
  public static String commandLine(Os os) {
    if (os == Os.WINDOWS) {
      return cmd(
          "rem Portrait Performance: the command line and the sidecar, on the Java runtime installed beside it.",
          "setlocal",
          "set \"APP=%~dp0..\"",
          "if not defined PP_MODELS_DIR if exist \"%APP%\\models\" set \"PP_MODELS_DIR=%APP%\\models\"",
          "if not defined PP_JAVA_OPTS set \"PP_JAVA_OPTS=-Xmx4g\"",
          "\"%APP%\\runtime\\bin\\java.exe\" %PP_JAVA_OPTS% -jar \"%APP%\\" + JAR + "\" %*");
    }
    return sh(
        "# Portrait Performance: the command line and the sidecar, on the Java runtime installed beside it.",
        "# PP_MODELS_DIR defaults to the models installed with it; PP_JAVA_OPTS replaces the Java options.",
        "self=$(readlink -f \"$0\" 2>/dev/null || echo \"$0\")",
        "app=$(cd \"$(dirname \"$self\")/..\" && pwd -P)",
        "if [ -z \"${PP_MODELS_DIR:-}\" ] && [ -d \"$app/models\" ]; then",
        "  PP_MODELS_DIR=\"$app/models\"",
        "  export PP_MODELS_DIR",
        "fi",
        "exec \"$app/runtime/bin/java\" ${PP_JAVA_OPTS:--Xmx4g} -jar \"$app/" + JAR + "\" \"$@\"");
  }

  /** {@code bin/pp-setup} in the application folder: uninstall, verify and doctor for this installation. */
  public static String installedSetup(Os os) {
    if (os == Os.WINDOWS) {
      return cmd(
          "rem Portrait Performance setup: uninstall, verify and doctor for the installation this file belongs to.",
          "setlocal",
          "set \"APP=%~dp0..\"",
          "\"%APP%\\runtime\\bin\\java.exe\" -D" + APP_PROPERTY + "=\"%APP%\" -cp \"%APP%\\" + INSTALLER_JAR
              + ";%APP%\\" + JAR + "\" " + MAIN + " %*");
    }
    return sh(
        "# Portrait Performance setup: uninstall, verify and doctor for the installation this file belongs to.",
        "self=$(readlink -f \"$0\" 2>/dev/null || echo \"$0\")",
        "app=$(cd \"$(dirname \"$self\")/..\" && pwd -P)",
        "exec \"$app/runtime/bin/java\" -D" + APP_PROPERTY + "=\"$app\" -cp \"$app/" + INSTALLER_JAR + ":$app/" + JAR
            + "\" " + MAIN + " \"$@\"");
  }

  /** {@code pp-setup} at the top of a distribution: installs what the distribution holds. */
  public static String distributionSetup(Os os) {
    if (os == Os.WINDOWS) {
      return cmd(
          "rem Portrait Performance setup: installs this distribution (pp-setup install), and more (pp-setup --help).",
          "setlocal",
          "set \"DIST=%~dp0.\"",
          "\"%DIST%\\app\\runtime\\bin\\java.exe\" -D" + DISTRIBUTION_PROPERTY + "=\"%DIST%\" -cp \"%DIST%\\app\\"
              + INSTALLER_JAR + ";%DIST%\\app\\" + JAR + "\" " + MAIN + " %*");
    }
    return sh(
        "# Portrait Performance setup: installs this distribution (pp-setup install), and more (pp-setup --help).",
        "self=$(readlink -f \"$0\" 2>/dev/null || echo \"$0\")",
        "dist=$(cd \"$(dirname \"$self\")\" && pwd -P)",
        "exec \"$dist/app/runtime/bin/java\" -D" + DISTRIBUTION_PROPERTY + "=\"$dist\" -cp \"$dist/app/" + INSTALLER_JAR
            + ":$dist/app/" + JAR + "\" " + MAIN + " \"$@\"");
  }

  private static String sh(String... lines) {
    return "#!/bin/sh\n" + String.join("\n", lines) + "\n";
  }

  private static String cmd(String... lines) {
    return "@echo off\r\n" + String.join("\r\n", lines) + "\r\n";
  }
}
