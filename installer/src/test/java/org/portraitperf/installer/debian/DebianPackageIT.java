package org.portraitperf.installer.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.install.Installer;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.testing.Command;
import org.portraitperf.installer.testing.RepositoryBuild;
import org.portraitperf.installer.testing.TestHost;
import org.portraitperf.installer.testing.TreeSnapshot;

/**
 * The .deb installed by dpkg itself into a scratch root (dpkg --root, with its own database there),
 * the installed bundle rendering in the bridge's test host, then purged: the root is as it was,
 * apart from dpkg's own database and log.
 */
class DebianPackageIT {
  private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(5);
  /** dpkg's own bookkeeping, which it keeps whatever the package does. */
  private static final Predicate<String> OUTSIDE_DPKG = name -> !name.startsWith("var/lib/dpkg") && !name.startsWith("var/log");

  @TempDir Path scratch;

  private Command dpkg(Path root, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-not-root",
        "--log=" + root.resolve("var/log/dpkg.log")));
    command.addAll(Arrays.asList(args));
    return Command.run(command, Map.of(), DPKG_TIMEOUT);
  }

  @Test
  void deb_installedByDpkgIntoAScratchRoot_rendersThenPurgesClean() throws IOException {
    Path deb = new DebianPackage(new Installer()).build(new DebianPackage.Inputs(RepositoryBuild.distribution(),
        Optional.of(RepositoryBuild.offlineModels()), List.of(), DebianPackage.DEFAULT_MAINTAINER), scratch,
        Environment.current(), line -> {});
    Command fields = Command.run(Duration.ofMinutes(1), "dpkg-deb", "--field", deb.toString(), "Package", "Version",
        "Architecture", "Depends");
    assertEquals(0, fields.code(), fields.output());
    assertTrue(fields.output().contains("Package: portrait-performance\n"), fields.output());
    assertTrue(fields.output().matches("(?s).*Version: [0-9][A-Za-z0-9.+~]*\n.*"), fields.output());
    assertTrue(fields.output().contains("Architecture: amd64\n"), fields.output());
    assertTrue(fields.output().contains("Depends: libc6 (>= 2."), fields.output());

    Path root = scratch.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.createDirectories(root.resolve("var/log"));
    Files.createFile(root.resolve("var/lib/dpkg/status"));
    var before = TreeSnapshot.of(root, OUTSIDE_DPKG);

    // The scratch root's dpkg database knows no libc6: Depends are checked below against what the
    // sidecar really loads, on this machine.
    Command installed = dpkg(root, "--force-depends", "--install", deb.toString());
    assertEquals(0, installed.code(), installed.output());
    Path app = root.resolve("opt/portrait-performance");
    Command verified = Command.run(Duration.ofMinutes(2), app.resolve("bin/pp-setup").toString(), "verify", "--root",
        root.toString());
    assertEquals(0, verified.code(), "the package carries its install record:\n" + verified.output());

    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "pp-it-");
    TestHost host = TestHost.render(root.resolve("usr/OFX/Plugins").resolve(Product.BUNDLE), sockets);
    try {
      assertEquals(0, host.run().code(), host.run().output());
      assertTrue(host.sidecarCommand().startsWith(app.resolve("runtime/bin/java") + " "), host.sidecarCommand());
      Set<String> depends = dependedOnPackages(deb);
      for (String owner : owningPackages(host.sidecarLibraries())) {
        assertTrue(depends.contains(owner), "the sidecar loads a library of " + owner + ", which Depends ("
            + depends + ") does not name");
      }
    } finally {
      host.stopSidecar();
      AtomicFiles.discard(sockets);
    }

    Command refused = Command.run(Duration.ofMinutes(2), app.resolve("bin/pp-setup").toString(), "uninstall", "--root",
        root.toString());
    assertEquals(3, refused.code(), refused.output());
    assertTrue(refused.output().contains("apt remove portrait-performance"), refused.output());

    Command purged = dpkg(root, "--purge", Product.ID);
    assertEquals(0, purged.code(), purged.output());
    assertEquals(before, TreeSnapshot.of(root, OUTSIDE_DPKG));
    Command status = dpkg(root, "--status", Product.ID);
    assertTrue(status.code() != 0 || !status.output().contains("install ok installed"), status.output());
  }

  /** The package names in the .deb's Depends, alternatives included. */
  private static Set<String> dependedOnPackages(Path deb) throws IOException {
    Command depends = Command.run(Duration.ofMinutes(1), "dpkg-deb", "--field", deb.toString(), "Depends");
    Set<String> names = new TreeSet<>();
    for (String part : depends.output().strip().split("[,|]")) {
      names.add(part.strip().split("[\\s(]")[0]);
    }
    return names;
  }

  /**
   * The Debian packages owning the system libraries among {@code libraries}: those outside the
   * installation and outside the per-user caches the jars unpack their natives into.
   */
  private static Set<String> owningPackages(List<String> libraries) throws IOException {
    Set<String> owners = new TreeSet<>();
    for (String library : libraries) {
      if (!library.startsWith("/usr/lib/") && !library.startsWith("/lib")) {
        continue;
      }
      // Merged /usr: dpkg may know the file under /lib rather than /usr/lib.
      Command owner = Command.run(Duration.ofMinutes(1), "dpkg", "-S", library);
      if (owner.code() != 0 && library.startsWith("/usr/lib/")) {
        owner = Command.run(Duration.ofMinutes(1), "dpkg", "-S", library.substring("/usr".length()));
      }
      assertEquals(0, owner.code(), "no package owns " + library + ": " + owner.output());
      owners.add(owner.output().substring(0, owner.output().indexOf(':')).strip());
    }
    return owners;
  }
}
