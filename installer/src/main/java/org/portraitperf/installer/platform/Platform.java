package org.portraitperf.installer.platform;

import java.util.Locale;

/**
 * An operating system and processor, as a distribution is built for: {@code linux-x86_64}. It
 * decides which OpenFX binary folder the bundle needs and which native libraries the jars keep.
 */
public record Platform(Os os, String arch) {
  public Platform {
    if (!arch.equals("x86_64") && !arch.equals("aarch64")) {
      throw new IllegalArgumentException("unsupported processor " + arch + " (expected x86_64 or aarch64)");
    }
  }

  /** The machine this program runs on. */
  public static Platform current() {
    return new Platform(Os.current(), normaliseArch(System.getProperty("os.arch")));
  }

  static String normaliseArch(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> javaArch;
    };
  }

  /** Reads an id such as {@code linux-x86_64}. */
  public static Platform parse(String id) {
    int dash = id.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("platform '" + id + "' must read OS-PROCESSOR, e.g. linux-x86_64");
    }
    String os = id.substring(0, dash);
    for (Os candidate : Os.values()) {
      if (candidate.id().equals(os)) {
        return new Platform(candidate, id.substring(dash + 1));
      }
    }
    throw new IllegalArgumentException("platform '" + id + "': unknown operating system " + os);
  }

  public String id() {
    return os.id() + "-" + arch;
  }

  /**
   * The folder under a bundle's {@code Contents} that holds the plug-in binary for this platform
   * (OpenFX packaging: {@code Linux-x86-64}, {@code MacOS} for the universal binary, {@code Win64}).
   */
  public String ofxBinaryFolder() {
    return switch (os) {
      case LINUX -> arch.equals("x86_64") ? "Linux-x86-64" : "Linux-" + arch;
      case MACOS -> "MacOS";
      case WINDOWS -> arch.equals("x86_64") ? "Win64" : "Win-arm64ec";
    };
  }
}
