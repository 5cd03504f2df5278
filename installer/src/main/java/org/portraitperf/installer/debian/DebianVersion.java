package org.portraitperf.installer.debian;

import java.util.Locale;
import java.util.regex.Pattern;
import org.portraitperf.installer.InstallerException;

/**
 * The project version as a Debian version. A Maven qualifier ({@code -SNAPSHOT}, {@code -rc1})
 * marks a version before its release; Debian spells that with a tilde, which sorts before
 * nothing, so {@code 0.1.0~snapshot} comes before {@code 0.1.0} as {@code 0.1.0-SNAPSHOT} does.
 */
final class DebianVersion {
  /** Debian policy 5.6.12, for a native package (no revision): digits first, then these characters. */
  private static final Pattern VALID = Pattern.compile("[0-9][A-Za-z0-9.+~]*");

  private DebianVersion() {}

  static String of(String projectVersion) {
    String debian = projectVersion.toLowerCase(Locale.ROOT).replace('-', '~').replace('_', '.');
    if (!VALID.matcher(debian).matches()) {
      throw new InstallerException(projectVersion, "cannot be written as a Debian version (got " + debian + ")");
    }
    return debian;
  }
}
