package org.portraitperf.installer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.distribution.Launchers;
import org.portraitperf.installer.platform.Platform;

/**
 * Where the commands' inputs are by default: the distribution this program runs from (its
 * {@code pp-setup} launcher says so), or, run from a source checkout by {@code ./pp-setup}, that
 * checkout's build products.
 */
final class Sources {
  /** Set by the checkout's ./pp-setup launcher to the checkout's root. */
  static final String REPOSITORY_PROPERTY = "portraitperf.repository";

  private Sources() {}

  static Optional<Path> repository() {
    return Optional.ofNullable(System.getProperty(REPOSITORY_PROPERTY)).map(Path::of);
  }

  /** Where {@code dist} writes in a checkout. */
  static Optional<Path> repositoryDistributions() {
    return repository().map(r -> r.resolve("installer/target/dist"));
  }

  /** Opens the distribution named, else the one this program runs from, else the checkout's latest build. */
  static Distribution distribution(Path from) {
    if (from != null) {
      return Distribution.open(from.toAbsolutePath().normalize());
    }
    String running = System.getProperty(Launchers.DISTRIBUTION_PROPERTY);
    if (running != null) {
      return Distribution.open(Path.of(running));
    }
    Optional<Path> built = repositoryDistributions().flatMap(Sources::latestBuild);
    return Distribution.open(built.orElseThrow(() -> new InstallerException("--from",
        "is needed: name the distribution to install (build one with pp-setup dist)")));
  }

  private static Optional<Path> latestBuild(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    String suffix = "-" + Platform.current().id();
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> builds = entries
          .filter(p -> p.getFileName().toString().startsWith(Product.ID + "-") && p.getFileName().toString().endsWith(suffix))
          .filter(p -> Files.isRegularFile(p.resolve(Distribution.INFO)))
          .sorted(Comparator.comparing(Sources::modified).reversed())
          .toList();
      return builds.stream().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path.resolve(Distribution.INFO)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
