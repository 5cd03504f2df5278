package org.portraitperf.installer.platform;

import java.util.Locale;

/** The operating systems the installer lays files out for. */
public enum Os {
  LINUX("linux", ":"),
  MACOS("macos", ";"),
  WINDOWS("windows", ";");

  private final String id;
  private final String ofxPathSeparator;

  Os(String id, String ofxPathSeparator) {
    this.id = id;
    this.ofxPathSeparator = ofxPathSeparator;
  }

  /** The system this program runs on. */
  public static Os current() {
    return fromOsName(System.getProperty("os.name"));
  }

  static Os fromOsName(String osName) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.startsWith("windows")) {
      return WINDOWS;
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return MACOS;
    }
    if (name.startsWith("linux")) {
      return LINUX;
    }
    throw new IllegalStateException("unsupported operating system: " + osName + " (expected Linux, macOS or Windows)");
  }

  /** Lower-case name used in platform ids such as {@code linux-x86_64}. */
  public String id() {
    return id;
  }

  /**
   * What separates the folders of {@code OFX_PLUGIN_PATH}: ':' on Linux, ';' on Windows and macOS
   * (the OpenFX packaging reference; macOS paths may hold ':' of old).
   */
  public String ofxPathSeparator() {
    return ofxPathSeparator;
  }
}
