package org.portraitperf.installer.debian;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.distribution.Requirements;
import org.portraitperf.installer.distribution.VersionNumbers;

/**
 * The package's Depends, from what the distribution's ELF files need of the system: each system
 * library maps to the Debian package that ships it, with the C library's version from the newest
 * GLIBC symbol version asked for and the C++ library's from the newest GLIBCXX.
 */
final class DebianDepends {
  private DebianDepends() {}

  private static final String LIBC6 = "libc6";
  private static final String LIBSTDCXX6 = "libstdc++6";

  /** Sonames to the packages that ship them (Debian 11 and later; libgcc1 before libgcc-s1). */
  static final Map<String, String> PACKAGES = Map.ofEntries(
      Map.entry("libc.so.6", LIBC6),
      Map.entry("libm.so.6", LIBC6),
      Map.entry("libdl.so.2", LIBC6),
      Map.entry("libpthread.so.0", LIBC6),
      Map.entry("librt.so.1", LIBC6),
      Map.entry("libmvec.so.1", LIBC6),
      Map.entry("ld-linux-x86-64.so.2", LIBC6),
      Map.entry("ld-linux-aarch64.so.1", LIBC6),
      Map.entry("libstdc++.so.6", LIBSTDCXX6),
      Map.entry("libgcc_s.so.1", "libgcc-s1 | libgcc1"),
      Map.entry("libz.so.1", "zlib1g"));

  /**
   * The GCC release that first shipped each GLIBCXX version (GCC's ABI history), oldest first; a
   * version between two rows takes the later row's release. Debian numbers libstdc++6 by GCC release.
   */
  private static final List<String[]> GLIBCXX_TO_GCC = List.of(
      new String[] {"3.4.21", "5"}, new String[] {"3.4.22", "6"}, new String[] {"3.4.23", "7"},
      new String[] {"3.4.25", "8"}, new String[] {"3.4.26", "9"}, new String[] {"3.4.28", "10"},
      new String[] {"3.4.29", "11"}, new String[] {"3.4.30", "12"}, new String[] {"3.4.31", "13"},
      new String[] {"3.4.33", "14"});

  static String of(Requirements requires) {
    Set<String> depends = new LinkedHashSet<>();
    for (String library : requires.libraries()) {
      String name = PACKAGES.get(library);
      if (name == null) {
        throw new InstallerException(library, "is needed by the distribution's native code, but no Debian package is"
            + " known to ship it; add it to " + DebianDepends.class.getSimpleName());
      }
      depends.add(name);
    }
    return String.join(", ", depends.stream().map(name -> switch (name) {
      case LIBC6 -> requires.glibcVersion().map(v -> LIBC6 + " (>= " + v + ")").orElse(LIBC6);
      case LIBSTDCXX6 -> requires.glibcxxVersion().map(v -> LIBSTDCXX6 + " (>= " + gccFor(v) + ")").orElse(LIBSTDCXX6);
      default -> name;
    }).toList());
  }

  /** The oldest GCC whose libstdc++ provides GLIBCXX_{@code version}. */
  static String gccFor(String version) {
    for (String[] row : GLIBCXX_TO_GCC) {
      if (VersionNumbers.compare(row[0], version) >= 0) {
        return row[1];
      }
    }
    throw new InstallerException("GLIBCXX_" + version, "is newer than the GCC releases " + DebianDepends.class
          .getSimpleName() + " knows; add the GCC release that introduced it");
  }
}
