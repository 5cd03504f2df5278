package org.portraitperf.cli;

import picocli.CommandLine;

/** The version stamped into the jar's manifest by the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"Portrait Performance " + version()};
  }
}
