package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.platform.Environment;
import org.portraitperf.installer.platform.HostCache;
import org.portraitperf.installer.platform.Os;

/**
 * Host plug-in caches that remember Portrait Performance, and clearing them with the user's
 * consent. Deleting a cache is the host vendors' own advice after installing or removing a
 * plug-in; the host rebuilds it on its next start (a slower start, once), which is why nothing is
 * deleted without a yes.
 */
public final class PluginCaches {
  private PluginCaches() {}

  /** A cache file that mentions the plug-in. */
  public record Remembering(HostCache cache, Path file) {}

  /** The caches of this user's hosts that mention the plug-in (under {@code root} when there is one). */
  public static List<Remembering> find(Os os, Environment env, Root root) {
    List<Remembering> found = new ArrayList<>();
    for (HostCache cache : HostCache.known(os, env)) {
      for (Path file : cache.files(root.place(cache.folder()))) {
        if (HostCache.mentions(file, List.of(Product.PLUGIN_IDENTIFIER, Product.BUNDLE))) {
          found.add(new Remembering(cache, file));
        }
      }
    }
    return found;
  }

  /** Asks about each cache and deletes those the user agrees to; returns the files deleted. */
  public static List<Path> clear(List<Remembering> caches, Consent consent, Consumer<String> progress) {
    List<Path> deleted = new ArrayList<>();
    for (Remembering cache : caches) {
      String question = cache.cache().host() + "'s plug-in cache " + cache.file() + " remembers " + Product.NAME
          + "; delete it so that " + cache.cache().host() + " loads the plug-in afresh (close "
          + cache.cache().host() + " first; it rebuilds the cache on its next start)?";
      if (!consent.granted(question)) {
        progress.accept("kept " + cache.file() + " (pp-setup clear-host-caches deletes it later)");
        continue;
      }
      try {
        Files.deleteIfExists(cache.file());
        deleted.add(cache.file());
        progress.accept("deleted " + cache.cache().host() + "'s plug-in cache " + cache.file());
      } catch (IOException e) {
        progress.accept("could not delete " + cache.file() + ": " + e.getMessage());
      }
    }
    return deleted;
  }
}
