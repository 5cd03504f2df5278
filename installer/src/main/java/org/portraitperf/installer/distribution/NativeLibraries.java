package org.portraitperf.installer.distribution;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.portraitperf.installer.platform.Platform;

/**
 * Native libraries inside the jars: which ones a platform keeps, and which ones the product never
 * loads. Several jars carry their natives for every platform (ONNX Runtime alone ships 150 MB of
 * macOS debug symbols); each library loads only the folder of the platform it runs on, so a
 * distribution leaves the other platforms' folders out.
 */
final class NativeLibraries {
  private NativeLibraries() {}

  /**
   * A folder of per-platform natives in the jars whose name starts with {@code jarPrefix}, and,
   * per platform id, the entries below it that platform keeps. A platform missing from the map
   * keeps everything.
   */
  record Folder(String jarPrefix, String folder, Map<String, Pattern> keep) {}

  static final List<Folder> FOLDERS = List.of(
      // ai.onnxruntime.OnnxRuntime loads /ai/onnxruntime/native/<os>-<arch>/.
      new Folder("onnxruntime-", "ai/onnxruntime/native/", Map.of(
          "linux-x86_64", Pattern.compile("linux-x64/.*"),
          "linux-aarch64", Pattern.compile("linux-aarch64/.*"),
          "macos-x86_64", Pattern.compile("osx-x64/.*"),
          "macos-aarch64", Pattern.compile("osx-aarch64/.*"),
          "windows-x86_64", Pattern.compile("win-x64/.*"))),
      // org.sqlite.util.OSInfo picks /org/sqlite/native/<OS>/<arch>/ (glibc Linux is "Linux").
      new Folder("sqlite-jdbc-", "org/sqlite/native/", Map.of(
          "linux-x86_64", Pattern.compile("Linux/x86_64/.*"),
          "linux-aarch64", Pattern.compile("Linux/aarch64/.*"),
          "macos-x86_64", Pattern.compile("Mac/x86_64/.*"),
          "macos-aarch64", Pattern.compile("Mac/aarch64/.*"),
          "windows-x86_64", Pattern.compile("Windows/x86_64/.*"))),
      // Netty's NativeLibraryLoader names the file after the processor, and the suffix after the OS
      // (epoll's .so is Linux's alone; tcnative's names carry the OS too).
      new Folder("grpc-netty-shaded-", "META-INF/native/", Map.of(
          "linux-x86_64", Pattern.compile("lib\\w+_x86_64\\.so"),
          "linux-aarch64", Pattern.compile("lib\\w+_aarch_64\\.so"),
          "macos-x86_64", Pattern.compile("lib\\w+_x86_64\\.jnilib"),
          "macos-aarch64", Pattern.compile("lib\\w+_aarch_64\\.jnilib"),
          "windows-x86_64", Pattern.compile("\\w+_x86_64\\.dll"))));

  /**
   * Libraries the jars carry that the product never loads, with why: their needs are not the
   * product's and stay out of its requirements (a machine without PulseAudio runs it fine).
   */
  static final Map<Pattern, String> NEVER_LOADED = Map.of(
      Pattern.compile("lib(jni)?avdevice\\.so.*"),
      "FFmpeg's capture and playback devices (ALSA, PulseAudio, X11); media is read from files only");

  /** Whether a jar entry stays in the distribution for this platform. */
  static boolean keeps(String jarName, String entry, Platform platform) {
    for (Folder folder : FOLDERS) {
      if (jarName.startsWith(folder.jarPrefix()) && entry.startsWith(folder.folder())) {
        Pattern keep = folder.keep().get(platform.id());
        String rest = entry.substring(folder.folder().length());
        return keep == null || rest.isEmpty() || keep.matcher(rest).matches()
            || rest.endsWith("/") && keep.pattern().startsWith(rest);
      }
    }
    return true;
  }

  static boolean neverLoaded(String fileName) {
    return NEVER_LOADED.keySet().stream().anyMatch(p -> p.matcher(fileName).matches());
  }
}
