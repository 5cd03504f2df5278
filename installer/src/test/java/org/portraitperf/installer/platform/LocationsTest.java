package org.portraitperf.installer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The standard places per OS, from path fixtures of each OS's file system (no real Windows or macOS needed). */
class LocationsTest {

  static Environment linux(FileSystem fs, Map<String, String> variables) {
    return new Environment(fs, variables, fs.getPath("/home/ana"), 1000, Optional.empty());
  }

  static Environment mac(FileSystem fs, Map<String, String> variables) {
    return new Environment(fs, variables, fs.getPath("/Users/ana"), 501, Optional.empty());
  }

  static Environment windows(FileSystem fs, Map<String, String> variables) {
    return new Environment(fs, variables, fs.getPath("C:\\Users\\ana"), -1, Optional.empty());
  }

  @Test
  void defaults_linux_standardOfxFolderAndOpt() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Locations where = Locations.defaults(Os.LINUX, linux(fs, Map.of()));
      assertEquals(fs.getPath("/usr/OFX/Plugins"), where.ofxDir());
      assertEquals(fs.getPath("/opt/portrait-performance"), where.appDir());
      assertEquals(fs.getPath("/opt/portrait-performance/bin/pp"), where.launcher());
      assertEquals(fs.getPath("/opt/portrait-performance/install-record.json"), where.record());
      assertEquals(fs.getPath("/usr/OFX/Plugins/PortraitPerformance.ofx.bundle"), where.bundle("PortraitPerformance.ofx.bundle"));
    }
  }

  @Test
  void defaults_macos_libraryFolders() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      Locations where = Locations.defaults(Os.MACOS, mac(fs, Map.of()));
      assertEquals(fs.getPath("/Library/OFX/Plugins"), where.ofxDir());
      assertEquals(fs.getPath("/Library/Application Support/Portrait Performance"), where.appDir());
      assertEquals(fs.getPath("/Library/Application Support/Portrait Performance/models"), where.models());
    }
  }

  @Test
  void defaults_windows_commonProgramFilesFromTheEnvironment() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      Locations where = Locations.defaults(Os.WINDOWS, windows(fs, Map.of(
          "CommonProgramFiles", "D:\\Shared\\Common Files", "ProgramFiles", "D:\\Apps")));
      assertEquals(fs.getPath("D:\\Shared\\Common Files\\OFX\\Plugins"), where.ofxDir());
      assertEquals(fs.getPath("D:\\Apps\\Portrait Performance"), where.appDir());
      assertEquals(fs.getPath("D:\\Apps\\Portrait Performance\\bin\\pp.cmd"), where.launcher());
    }
  }

  @Test
  void defaults_windowsWithoutVariables_literalProgramFiles() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      Locations where = Locations.defaults(Os.WINDOWS, windows(fs, Map.of()));
      assertEquals("C:\\Program Files\\Common Files\\OFX\\Plugins", where.ofxDir().toString());
      assertEquals("C:\\Program Files\\Portrait Performance", where.appDir().toString());
    }
  }

  @Test
  void ofxSearchPath_linux_colonSeparatedThenStandard() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      List<Path> searched = Locations.ofxSearchPath(Os.LINUX, linux(fs, Map.of("OFX_PLUGIN_PATH", "/studio/ofx::/home/ana/ofx")));
      assertEquals(List.of(fs.getPath("/studio/ofx"), fs.getPath("/home/ana/ofx"), fs.getPath("/usr/OFX/Plugins")), searched);
    }
  }

  @Test
  void ofxSearchPath_windows_semicolonSeparated() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      List<Path> searched = Locations.ofxSearchPath(Os.WINDOWS, windows(fs, Map.of(
          "OFX_PLUGIN_PATH", "E:\\OFX;C:\\Program Files\\Common Files\\OFX\\Plugins")));
      assertEquals(List.of(fs.getPath("E:\\OFX"), fs.getPath("C:\\Program Files\\Common Files\\OFX\\Plugins")), searched);
    }
  }

  @Test
  void ofxSearchPath_macos_semicolonSeparatedAsTheOpenFxSpecSays() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      List<Path> searched = Locations.ofxSearchPath(Os.MACOS, mac(fs, Map.of("OFX_PLUGIN_PATH", "/Volumes/ofx;/Users/ana/ofx")));
      assertEquals(List.of(fs.getPath("/Volumes/ofx"), fs.getPath("/Users/ana/ofx"), fs.getPath("/Library/OFX/Plugins")),
          searched);
    }
  }

  @Test
  void constructor_relativeFolder_refused() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      assertThrows(IllegalArgumentException.class, () -> new Locations(Os.LINUX, fs.getPath("ofx"), fs.getPath("/opt/x")));
    }
  }

  @Test
  void platform_ofxBinaryFolders_asTheOpenFxPackagingNamesThem() {
    assertEquals("Linux-x86-64", Platform.parse("linux-x86_64").ofxBinaryFolder());
    assertEquals("Linux-aarch64", Platform.parse("linux-aarch64").ofxBinaryFolder());
    assertEquals("MacOS", Platform.parse("macos-aarch64").ofxBinaryFolder());
    assertEquals("Win64", Platform.parse("windows-x86_64").ofxBinaryFolder());
    assertEquals("linux-x86_64", new Platform(Os.fromOsName("Linux"), Platform.normaliseArch("amd64")).id());
    assertEquals(Os.MACOS, Os.fromOsName("Mac OS X"));
    assertEquals(Os.WINDOWS, Os.fromOsName("Windows 11"));
    assertThrows(IllegalArgumentException.class, () -> Platform.parse("beos-x86_64"));
  }
}
