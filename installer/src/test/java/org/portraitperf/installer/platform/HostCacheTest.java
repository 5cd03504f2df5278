package org.portraitperf.installer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Resolve and Nuke keep their plug-in caches on each OS. */
class HostCacheTest {

  private static HostCache named(List<HostCache> caches, String host) {
    return caches.stream().filter(c -> c.host().equals(host)).findFirst().orElseThrow();
  }

  @Test
  void known_linux_resolveConfigsAndNukeTempOfTheUser() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      List<HostCache> caches = HostCache.known(Os.LINUX, LocationsTest.linux(fs, Map.of()));
      assertEquals(fs.getPath("/home/ana/.local/share/DaVinciResolve/configs"), named(caches, "DaVinci Resolve").folder());
      assertEquals("OFXPluginCacheV2.xml", named(caches, "DaVinci Resolve").glob());
      assertEquals(fs.getPath("/var/tmp/nuke-u1000/ofxplugincache"), named(caches, "Nuke").folder());
    }
  }

  @Test
  void known_nukeTempDirSet_followsIt() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      List<HostCache> caches = HostCache.known(Os.LINUX, LocationsTest.linux(fs, Map.of("NUKE_TEMP_DIR", "/scratch/nuke")));
      assertEquals(fs.getPath("/scratch/nuke/ofxplugincache"), named(caches, "Nuke").folder());
    }
  }

  @Test
  void known_macos_applicationSupport() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      List<HostCache> caches = HostCache.known(Os.MACOS, LocationsTest.mac(fs, Map.of()));
      assertEquals(fs.getPath("/Users/ana/Library/Application Support/Blackmagic Design/DaVinci Resolve"),
          named(caches, "DaVinci Resolve").folder());
      assertEquals(fs.getPath("/var/tmp/nuke-u501/ofxplugincache"), named(caches, "Nuke").folder());
    }
  }

  @Test
  void known_windows_appDataAndLocalAppData() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      List<HostCache> caches = HostCache.known(Os.WINDOWS, LocationsTest.windows(fs, Map.of(
          "APPDATA", "C:\\Users\\ana\\AppData\\Roaming", "LOCALAPPDATA", "C:\\Users\\ana\\AppData\\Local")));
      assertEquals("C:\\Users\\ana\\AppData\\Roaming\\Blackmagic Design\\DaVinci Resolve\\Support",
          named(caches, "DaVinci Resolve").folder().toString());
      assertEquals("C:\\Users\\ana\\AppData\\Local\\Temp\\nuke\\ofxplugincache", named(caches, "Nuke").folder().toString());
    }
  }

  @Test
  void files_globAndMentions_onlyCachesThatNameThePlugin() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path folder = Files.createDirectories(fs.getPath("/var/tmp/nuke-u1000/ofxplugincache"));
      Path ours = Files.writeString(folder.resolve("ofxplugincache_Nuke15.1-64.xml"),
          "<cache><bundle path=\"/usr/OFX/Plugins/PortraitPerformance.ofx.bundle\"/></cache>");
      Path other = Files.writeString(folder.resolve("ofxplugincache_Nuke14.0-64.xml"), "<cache><bundle path=\"/x\"/></cache>");
      Files.writeString(folder.resolve("notes.txt"), "PortraitPerformance");
      HostCache nuke = named(HostCache.known(Os.LINUX, LocationsTest.linux(fs, Map.of())), "Nuke");
      assertEquals(List.of(other, ours), nuke.files(folder));
      assertTrue(HostCache.mentions(ours, List.of("org.portraitperf.PortraitPerformance", "PortraitPerformance.ofx.bundle")));
      assertFalse(HostCache.mentions(other, List.of("org.portraitperf.PortraitPerformance", "PortraitPerformance.ofx.bundle")));
    }
  }
}
