package org.portraitperf.installer.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sidecar started at the user's login, for those who ask for one (by default nothing starts at
 * boot: the OpenFX bridge launches the sidecar when a host first renders). Enabled by the files'
 * presence alone, as each system's service manager reads them, so the install record can list
 * everything it takes and uninstall can take it back.
 *
 * @param files the service definition files and their text
 * @param link an enabling link where the service manager needs one (systemd's {@code .wants} folder)
 * @param startNow how to start it without logging in again
 * @param stopNow how to stop one that runs
 */
public record UserService(List<ServiceFile> files, Optional<ServiceLink> link, String startNow, String stopNow) {

  /** One file of the definition. */
  public record ServiceFile(Path path, String text) {}

  /** A symbolic link and the (relative) target it points at. */
  public record ServiceLink(Path path, Path target) {}

  static final String SYSTEMD_UNIT = "portrait-performance.service";
  static final String LAUNCHD_LABEL = "org.portraitperf.sidecar";

  /** The definition that runs {@code launcher serve} for this user. */
  public static UserService forLauncher(Os os, Environment env, Path launcher) {
    return switch (os) {
      case LINUX -> systemd(env, launcher);
      case MACOS -> launchd(env, launcher);
      case WINDOWS -> startupFolder(env, launcher);
    };
  }

  private static UserService systemd(Environment env, Path launcher) {
    Path config = env.variable("XDG_CONFIG_HOME").map(env.fileSystem()::getPath).orElse(env.home().resolve(".config"));
    Path units = config.resolve("systemd/user");
    String unit = String.join("\n",
        "[Unit]",
        "Description=Portrait Performance sidecar (renders for the OpenFX effect)",
        "",
        "[Service]",
        "ExecStart=\"" + launcher + "\" serve",
        "Restart=on-failure",
        "",
        "[Install]",
        "WantedBy=default.target",
        "");
    Path wants = units.resolve("default.target.wants").resolve(SYSTEMD_UNIT);
    return new UserService(List.of(new ServiceFile(units.resolve(SYSTEMD_UNIT), unit)),
        Optional.of(new ServiceLink(wants, env.fileSystem().getPath("..", SYSTEMD_UNIT))),
        "systemctl --user daemon-reload && systemctl --user start " + SYSTEMD_UNIT,
        "systemctl --user stop " + SYSTEMD_UNIT);
  }

  private static UserService launchd(Environment env, Path launcher) {
    Path plist = env.home().resolve("Library/LaunchAgents").resolve(LAUNCHD_LABEL + ".plist");
    String text = String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">",
        "<plist version=\"1.0\">",
        "<dict>",
        "  <key>Label</key><string>" + LAUNCHD_LABEL + "</string>",
        "  <key>ProgramArguments</key>",
        "  <array><string>" + xml(launcher.toString()) + "</string><string>serve</string></array>",
        "  <key>RunAtLoad</key><true/>",
        "  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>",
        "</dict>",
        "</plist>",
        "");
    return new UserService(List.of(new ServiceFile(plist, text)), Optional.empty(), "launchctl load " + plist,
        "launchctl remove " + LAUNCHD_LABEL);
  }

  private static UserService startupFolder(Environment env, Path launcher) {
    Path appData = env.variable("APPDATA").map(env.fileSystem()::getPath)
        .orElse(env.home().resolve("AppData").resolve("Roaming"));
    Path script = appData.resolve("Microsoft").resolve("Windows").resolve("Start Menu").resolve("Programs")
        .resolve("Startup").resolve("Portrait Performance sidecar.cmd");
    String text = String.join("\r\n",
        "@echo off",
        "rem Starts the Portrait Performance sidecar at logon (pp-setup install --user-service).",
        "start \"Portrait Performance sidecar\" /min \"" + launcher + "\" serve",
        "");
    return new UserService(List.of(new ServiceFile(script, text)), Optional.empty(), "\"" + script + "\"",
        "it stops when you sign out");
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
