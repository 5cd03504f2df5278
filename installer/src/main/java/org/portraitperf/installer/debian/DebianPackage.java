package org.portraitperf.installer.debian;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Processes;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.install.InstallRecord;
import org.portraitperf.installer.install.InstallRequest;
import org.portraitperf.installer.install.Installer;
import org.portraitperf.installer.install.Root;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.Os;

/**
 * Builds a Debian package holding the same layout {@code pp-setup install} writes to {@code /}: the
 * package's tree is made by the installer itself into a staging root, so the two cannot drift apart.
 * Its install record says dpkg owns the files (pp-setup then verifies them but leaves removal to
 * dpkg). There are no maintainer scripts: nothing needs starting at boot, and hosts' plug-in caches
 * are users' files that a package must not delete unasked ({@code pp-setup clear-host-caches} does
 * it with consent).
 */
public final class DebianPackage {
  /** Who answers for the package, unless the builder names someone. */
  public static final String DEFAULT_MAINTAINER = "Portrait Performance maintainers <packaging@portraitperf.org>";

  private static final Duration DPKG_DEB_TIMEOUT = Duration.ofMinutes(15);

  private final Installer installer;

  @Inject
  public DebianPackage(Installer installer) {
    this.installer = installer;
  }

  /**
   * @param offline where the models (and packs) come from; empty to fetch them
   * @param packs model packs to include
   */
  public record Inputs(Distribution distribution, Optional<Path> offline, List<String> packs, String maintainer) {}

  /** Builds {@code outFolder/portrait-performance_VERSION_ARCH.deb} and returns it. */
  public Path build(Inputs inputs, Path outFolder, Environment env, Consumer<String> progress) {
    Distribution distribution = inputs.distribution();
    if (distribution.platform().os() != Os.LINUX) {
      throw new InstallerException(distribution.root().toString(), "is for " + distribution.info().platform()
          + "; Debian packages hold Linux distributions");
    }
    String version = DebianVersion.of(distribution.version());
    String architecture = distribution.platform().arch().equals("x86_64") ? "amd64" : "arm64";
    Path target = outFolder.toAbsolutePath().resolve(Product.ID + "_" + version + "_" + architecture + ".deb");
    Path staging = AtomicFiles.temporaryBeside(target.resolveSibling(Product.ID + "-package-root"));
    Path partial = AtomicFiles.temporaryBeside(target);
    try {
      Files.createDirectories(staging);
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
      InstallRecord record = installer.install(new InstallRequest(distribution, Locations.defaults(Os.LINUX, env),
          Root.at(staging), env, true, inputs.offline(), inputs.packs(), Optional.of(false), InstallRecord.BY_DPKG),
          progress).record();
      Path control = staging.resolve("DEBIAN");
      Files.createDirectory(control);
      Files.setPosixFilePermissions(control, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(control.resolve("control"), control(record, version, architecture, inputs.maintainer(),
          installedKib(staging)), StandardCharsets.UTF_8);
      Files.writeString(control.resolve("md5sums"), md5sums(staging), StandardCharsets.UTF_8);
      progress.accept("packing " + target.getFileName() + " with dpkg-deb");
      Processes.Result packed = Processes.run(List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build",
          staging.toString(), partial.toString()), Map.of(), DPKG_DEB_TIMEOUT);
      if (!packed.ok()) {
        throw new InstallerException("dpkg-deb", "failed (exit " + packed.code() + "): " + packed.lastLine());
      }
      AtomicFiles.commit(partial, target);
      return target;
    } catch (IOException e) {
      throw new InstallerException(target.toString(), "cannot be built: " + e.getMessage(), e);
    } finally {
      AtomicFiles.discard(staging);
      AtomicFiles.discard(partial);
    }
  }

  static String control(InstallRecord record, String version, String architecture, String maintainer, long kib) {
    return String.join("\n",
        "Package: " + Product.ID,
        "Version: " + version,
        "Architecture: " + architecture,
        "Maintainer: " + maintainer,
        "Installed-Size: " + kib,
        "Depends: " + DebianDepends.of(record.requires()),
        "Section: video",
        "Priority: optional",
        "Description: still portrait performs the facial acting of a driving clip",
        " An OpenFX effect for DaVinci Resolve, Nuke, Natron and other OpenFX hosts",
        " (" + record.bundle() + "), rendered by a local sidecar",
        " that the effect starts when a host first renders it (" + record.appDir() + ": its own",
        " Java runtime, the face models), and the pp command line for batch and render farm work.",
        " .",
        " Nothing starts at boot. Host plug-in caches are left alone: if a host shows an old",
        " version, close it and run " + record.appDir() + "/bin/pp-setup clear-host-caches.",
        "");
  }

  /** Installed-Size as dpkg counts it: each file rounded up to whole KiB, plus one per folder. */
  private static long installedKib(Path staging) throws IOException {
    long kib = 0;
    try (Stream<Path> walk = Files.walk(staging)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        kib += Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? (Files.size(path) + 1023) / 1024 : 1;
      }
    }
    return kib;
  }

  /** DEBIAN/md5sums, which {@code dpkg --verify} and debsums check installed files against. */
  private static String md5sums(Path staging) throws IOException {
    StringBuilder sums = new StringBuilder();
    try (Stream<Path> walk = Files.walk(staging)) {
      for (Path file : (Iterable<Path>) walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted()::iterator) {
        if (!file.startsWith(staging.resolve("DEBIAN"))) {
          sums.append(md5(file)).append("  ").append(staging.relativize(file)).append('\n');
        }
      }
    }
    return sums.toString();
  }

  private static String md5(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships MD5", e);
    }
  }
}
