package org.portraitperf.installer.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host's cache of the OpenFX plug-ins it has loaded. Hosts trust it over the plug-in folder:
 * Resolve keeps a plug-in that once failed to load marked as skipped, and rescans a binary only when
 * its time or size changed. Deleting it makes the host scan every plug-in again on its next start.
 *
 * @param host the host's name, as users know it
 * @param folder where the host keeps its cache files
 * @param glob which files in that folder are plug-in caches
 */
public record HostCache(String host, Path folder, String glob) {

  /** The caches of the hosts known to keep one, for this user. */
  public static List<HostCache> known(Os os, Environment env) {
    Path home = env.home();
    List<HostCache> caches = new ArrayList<>();
    caches.add(new HostCache("DaVinci Resolve", switch (os) {
      case LINUX -> home.resolve(".local/share/DaVinciResolve/configs");
      case MACOS -> home.resolve("Library/Application Support/Blackmagic Design/DaVinci Resolve");
      case WINDOWS -> env.variable("APPDATA").map(env.fileSystem()::getPath)
          .orElse(home.resolve("AppData").resolve("Roaming"))
          .resolve("Blackmagic Design").resolve("DaVinci Resolve").resolve("Support");
    }, "OFXPluginCacheV2.xml"));
    caches.add(new HostCache("Nuke", nukeTemp(os, env).resolve("ofxplugincache"), "ofxplugincache*.xml"));
    return caches;
  }

  /** Nuke's temporary folder: NUKE_TEMP_DIR, else /var/tmp/nuke-u{uid}, else %LOCALAPPDATA%\Temp\nuke. */
  private static Path nukeTemp(Os os, Environment env) {
    Optional<String> explicit = env.variable("NUKE_TEMP_DIR");
    if (explicit.isPresent()) {
      return env.fileSystem().getPath(explicit.get());
    }
    if (os == Os.WINDOWS) {
      return env.variable("LOCALAPPDATA").map(env.fileSystem()::getPath)
          .orElse(env.home().resolve("AppData").resolve("Local"))
          .resolve("Temp").resolve("nuke");
    }
    return env.fileSystem().getPath("/var/tmp", "nuke-u" + env.uid());
  }

  /** The cache files present in {@code placedFolder} (this cache's folder, under a scratch root if any). */
  public List<Path> files(Path placedFolder) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(placedFolder)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(placedFolder, glob)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      // An unreadable cache folder is the host's; nothing of ours can be in a cache we cannot read.
    }
    files.sort(null);
    return files;
  }

  /**
   * Whether a cache file mentions the plug-in (by identifier or binary name). Only such caches need
   * clearing: a host that never saw the plug-in scans it anyway.
   */
  public static boolean mentions(Path file, List<String> needles) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      return needles.stream().anyMatch(text::contains);
    } catch (IOException e) {
      return false;
    }
  }
}
