package org.portraitperf.installer.distribution;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a distribution needs of the machine it is installed on, found in its own ELF files (the Java
 * runtime, the bridge, the native libraries its jars load): the newest C library and C++ library
 * symbol versions they ask for, and the system libraries they name that the distribution does not
 * carry. Null versions mean no file asks (a distribution without ELF files).
 *
 * @param glibc e.g. {@code 2.35}
 * @param glibcxx e.g. {@code 3.4.29}
 * @param libraries sonames such as {@code libz.so.1}
 */
public record Requirements(String glibc, String glibcxx, List<String> libraries) {
  public Requirements {
    libraries = List.copyOf(libraries);
  }

  public static Requirements of(List<ElfDependencies> files) {
    Set<String> provided = new TreeSet<>();
    for (ElfDependencies file : files) {
      provided.add(file.name());
      provided.add(file.soname());
    }
    Set<String> system = new TreeSet<>();
    String glibc = null;
    String glibcxx = null;
    for (ElfDependencies file : files) {
      file.needed().stream().filter(n -> !provided.contains(n)).forEach(system::add);
      glibc = VersionNumbers.newer(glibc, file.newest("GLIBC_").orElse(null));
      glibcxx = VersionNumbers.newer(glibcxx, file.newest("GLIBCXX_").orElse(null));
    }
    return new Requirements(glibc, glibcxx, List.copyOf(system));
  }

  public Optional<String> glibcVersion() {
    return Optional.ofNullable(glibc);
  }

  public Optional<String> glibcxxVersion() {
    return Optional.ofNullable(glibcxx);
  }
}
