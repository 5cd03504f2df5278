package org.portraitperf.cli;

import org.portraitperf.jobs.Provenance;
import picocli.CommandLine;

/** The version stamped into the jar's manifest by the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
  static String version() {
    return Provenance.toolVersion();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"Portrait Performance " + version()};
  }
}
