package org.portraitperf.installer.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.distribution.Requirements;
import org.portraitperf.installer.install.InstallRecord;

/** Version, Depends and control fields as Debian policy and dpkg want them. */
class DebianPackageTest {

  @Test
  void version_snapshotSortsBeforeTheRelease() {
    assertEquals("0.1.0~snapshot", DebianVersion.of("0.1.0-SNAPSHOT"));
    assertEquals("1.2.3", DebianVersion.of("1.2.3"));
    assertEquals("2.0~rc1", DebianVersion.of("2.0-rc1"));
    assertThrows(InstallerException.class, () -> DebianVersion.of("latest"));
  }

  @Test
  void depends_librariesToPackagesWithVersionsFromTheSymbols() {
    Requirements requires = new Requirements("2.35", "3.4.29", List.of("ld-linux-x86-64.so.2", "libc.so.6",
        "libgcc_s.so.1", "libm.so.6", "libstdc++.so.6", "libz.so.1"));
    assertEquals("libc6 (>= 2.35), libgcc-s1 | libgcc1, libstdc++6 (>= 11), zlib1g", DebianDepends.of(requires));
  }

  @Test
  void depends_unknownLibrary_refusedNamingIt() {
    InstallerException error = assertThrows(InstallerException.class,
        () -> DebianDepends.of(new Requirements("2.17", null, List.of("libpulse.so.0"))));
    assertTrue(error.getMessage().startsWith("libpulse.so.0"), error.getMessage());
  }

  @Test
  void gccFor_glibcxxBetweenReleases_takesTheLaterRelease() {
    assertEquals("11", DebianDepends.gccFor("3.4.29"));
    assertEquals("12", DebianDepends.gccFor("3.4.30"));
    assertEquals("10", DebianDepends.gccFor("3.4.27"));
    assertEquals("5", DebianDepends.gccFor("3.4.9"));
    assertThrows(InstallerException.class, () -> DebianDepends.gccFor("3.4.40"));
  }

  @Test
  void control_fieldsInOrderAndDescriptionContinued() {
    InstallRecord record = new InstallRecord(InstallRecord.FORMAT, "portrait-performance", "0.1.0-SNAPSHOT",
        "linux-x86_64", InstallRecord.BY_DPKG, "2026-01-01T00:00:00Z", "/usr/OFX/Plugins", "/opt/portrait-performance",
        "/usr/OFX/Plugins/PortraitPerformance.ofx.bundle", new Requirements("2.35", "3.4.29", List.of("libc.so.6")),
        List.of(), false, List.of(), List.of(), List.of());

    String control = DebianPackage.control(record, "0.1.0~snapshot", "amd64", DebianPackage.DEFAULT_MAINTAINER, 1234);

    assertTrue(control.startsWith("Package: portrait-performance\nVersion: 0.1.0~snapshot\nArchitecture: amd64\n"), control);
    assertTrue(control.contains("\nInstalled-Size: 1234\nDepends: libc6 (>= 2.35)\n"), control);
    for (String line : control.split("\n")) {
      assertTrue(line.length() <= 100, "line too long: " + line);
    }
    assertTrue(control.lines().filter(l -> l.startsWith(" ")).count() >= 5, "a continued long description");
    assertTrue(control.endsWith("\n"));
  }
}
