package org.portraitperf.installer.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.installer.platform.Platform;

/** Which natives each platform keeps, by the names the libraries' own loaders look for. */
class NativeLibrariesTest {
  private static final Platform LINUX = Platform.parse("linux-x86_64");
  private static final Platform MAC_ARM = Platform.parse("macos-aarch64");
  private static final Platform WINDOWS = Platform.parse("windows-x86_64");

  @Test
  void keeps_onnxRuntime_onlyThePlatformsFolder() {
    String jar = "onnxruntime-1.23.2.jar";
    assertTrue(NativeLibraries.keeps(jar, "ai/onnxruntime/native/linux-x64/libonnxruntime.so", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "ai/onnxruntime/native/linux-x64/", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "ai/onnxruntime/native/", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib", MAC_ARM));
    assertTrue(NativeLibraries.keeps(jar, "ai/onnxruntime/OrtSession.class", LINUX), "classes are never touched");
  }

  @Test
  void keeps_sqlite_glibcLinuxOnly() {
    String jar = "sqlite-jdbc-3.54.1.0.jar";
    assertTrue(NativeLibraries.keeps(jar, "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "org/sqlite/native/Linux/", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll", WINDOWS));
  }

  @Test
  void keeps_netty_epollAndTcnativeForLinux() {
    String jar = "grpc-netty-shaded-1.85.1.jar";
    assertTrue(NativeLibraries.keeps(jar,
        "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_x86_64.so", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "META-INF/native/libio_grpc_netty_shaded_netty_tcnative_linux_x86_64.so", LINUX));
    assertFalse(NativeLibraries.keeps(jar,
        "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_aarch_64.so", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "META-INF/native/libio_grpc_netty_shaded_netty_tcnative_osx_x86_64.jnilib", LINUX));
    assertFalse(NativeLibraries.keeps(jar, "META-INF/native/io_grpc_netty_shaded_netty_tcnative_windows_x86_64.dll", LINUX));
    assertTrue(NativeLibraries.keeps(jar, "META-INF/native/io_grpc_netty_shaded_netty_tcnative_windows_x86_64.dll", WINDOWS));
  }

  @Test
  void keeps_otherJarsWithNativeFolders_untouched() {
    assertTrue(NativeLibraries.keeps("something-else.jar", "META-INF/native/libfoo_osx_x86_64.jnilib", LINUX));
  }

  @Test
  void neverLoaded_ffmpegDevicesOnly() {
    assertTrue(NativeLibraries.neverLoaded("libavdevice.so.61"));
    assertTrue(NativeLibraries.neverLoaded("libjniavdevice.so"));
    assertFalse(NativeLibraries.neverLoaded("libavcodec.so.61"));
  }

  @Test
  void jarTrimmer_dropsOtherPlatformsKeepsTheRestInOrder(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("onnxruntime-1.23.2.jar");
    List<String> names = List.of("META-INF/MANIFEST.MF", "ai/onnxruntime/OrtSession.class",
        "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib",
        "ai/onnxruntime/native/win-x64/onnxruntime.dll");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(source))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        write(out, name + " " + "x".repeat(4096));
        out.closeEntry();
      }
    }
    Path target = dir.resolve("out.jar");

    long saved = JarTrimmer.copy(source, target, LINUX);

    try (ZipFile trimmed = new ZipFile(target.toFile())) {
      List<String> kept = Collections.list(trimmed.entries()).stream().map(ZipEntry::getName).toList();
      assertEquals(List.of("META-INF/MANIFEST.MF", "ai/onnxruntime/OrtSession.class",
          "ai/onnxruntime/native/linux-x64/libonnxruntime.so"), kept);
      assertEquals("ai/onnxruntime/OrtSession.class " + "x".repeat(4096),
          new String(trimmed.getInputStream(trimmed.getEntry("ai/onnxruntime/OrtSession.class")).readAllBytes(),
              StandardCharsets.UTF_8));
    }
    assertTrue(saved > 0);
  }

  @Test
  void jarTrimmer_nothingToDrop_copiedByteForByte(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("picocli-4.7.7.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(source))) {
      out.putNextEntry(new ZipEntry("picocli/CommandLine.class"));
      write(out, "class");
      out.closeEntry();
    }
    Path target = dir.resolve("copy.jar");

    assertEquals(0, JarTrimmer.copy(source, target, LINUX));
    assertEquals(-1, Files.mismatch(source, target));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
