package org.portraitperf.installer.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.portraitperf.installer.platform.Platform;

/**
 * Copies jars into a distribution, leaving out the native libraries of other platforms (see
 * {@link NativeLibraries}). Every other entry is copied as it is, in its order, manifest first.
 */
final class JarTrimmer {
  private JarTrimmer() {}

  /** Copies {@code source} to {@code target} for {@code platform}; returns how many bytes it left out. */
  static long copy(Path source, Path target, Platform platform) throws IOException {
    String jarName = source.getFileName().toString();
    try (ZipFile jar = new ZipFile(source.toFile())) {
      List<? extends ZipEntry> entries = Collections.list(jar.entries());
      Set<String> dropped = new HashSet<>();
      for (ZipEntry entry : entries) {
        if (!NativeLibraries.keeps(jarName, entry.getName(), platform)) {
          dropped.add(entry.getName());
        }
      }
      if (dropped.isEmpty()) {
        Files.copy(source, target);
        return 0;
      }
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
        for (ZipEntry entry : entries) {
          if (!dropped.contains(entry.getName())) {
            copyEntry(jar, entry, out);
          }
        }
      }
      return Files.size(source) - Files.size(target);
    }
  }

  private static void copyEntry(ZipFile jar, ZipEntry entry, ZipOutputStream out) throws IOException {
    ZipEntry copy = new ZipEntry(entry.getName());
    copy.setTime(entry.getTime());
    if (entry.getMethod() == ZipEntry.STORED) {
      copy.setMethod(ZipEntry.STORED);
      copy.setSize(entry.getSize());
      copy.setCompressedSize(entry.getSize());
      copy.setCrc(entry.getCrc());
    }
    out.putNextEntry(copy);
    try (InputStream in = jar.getInputStream(entry)) {
      in.transferTo(out);
    }
    out.closeEntry();
  }
}
