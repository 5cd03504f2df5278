package org.portraitperf.installer.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Needs read from real ELF files of this machine's Java runtime, as readelf shows them. */
class ElfDependenciesTest {
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @Test
  void read_javaLauncher_needsLibcWithGlibcVersions() throws IOException {
    Path java = JAVA_HOME.resolve("bin/java");
    ElfDependencies elf = ElfDependencies.read("java", Files.readAllBytes(java)).orElseThrow();

    assertTrue(elf.needed().contains("libc.so.6"), elf.needed().toString());
    assertTrue(elf.versions().get("libc.so.6").stream().anyMatch(v -> v.startsWith("GLIBC_2.")), elf.versions().toString());
    assertTrue(elf.newest("GLIBC_").isPresent());
  }

  @Test
  void read_libjvm_hasItsOwnNameAndNeedsTheCppRuntime() throws IOException {
    Path libjvm = JAVA_HOME.resolve("lib/server/libjvm.so");
    ElfDependencies elf = ElfDependencies.read("libjvm.so", Files.readAllBytes(libjvm)).orElseThrow();

    assertTrue(elf.needed().contains("libstdc++.so.6") || elf.needed().contains("libc.so.6"), elf.needed().toString());
    assertEquals("libjvm.so", elf.soname());
  }

  @Test
  void read_notElf_empty() {
    assertTrue(ElfDependencies.read("notes.txt", "just text, long enough to look at the header".getBytes()).isEmpty());
  }

  @Test
  void read_truncatedElf_refusedNamingTheFile() throws IOException {
    byte[] whole = Files.readAllBytes(JAVA_HOME.resolve("lib/libjava.so"));
    byte[] head = Arrays.copyOf(whole, 256);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ElfDependencies.read("libjava.so", head));
    assertTrue(error.getMessage().startsWith("libjava.so"), error.getMessage());
  }

  @Test
  void requirements_newestVersionsAndOnlyLibrariesFromOutside() {
    ElfDependencies jni = new ElfDependencies("libjni.so", "libjni.so", List.of("libcore.so.1", "libc.so.6"),
        Map.of("libc.so.6", Set.of("GLIBC_2.2.5", "GLIBC_2.34")));
    ElfDependencies core = new ElfDependencies("libcore.so", "libcore.so.1", List.of("libstdc++.so.6", "libc.so.6"),
        Map.of("libc.so.6", Set.of("GLIBC_2.35"), "libstdc++.so.6", Set.of("GLIBCXX_3.4.9", "GLIBCXX_3.4.29", "CXXABI_1.3")));

    Requirements requires = Requirements.of(List.of(jni, core));

    assertEquals("2.35", requires.glibc());
    assertEquals("3.4.29", requires.glibcxx(), "3.4.29 is newer than 3.4.9 as numbers, not as text");
    assertEquals(List.of("libc.so.6", "libstdc++.so.6"), requires.libraries(), "libcore.so.1 comes with the distribution");
  }
}
