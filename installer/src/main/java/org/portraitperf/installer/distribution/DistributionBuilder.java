package org.portraitperf.installer.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.platform.Platform;

/**
 * Builds a {@link Distribution} for this machine's platform from the build's products: the OpenFX
 * bundle CMake built, the sidecar's jar with the libraries its manifest lists, this program's jar,
 * and a Java runtime linked from the JDK. Built under a temporary name and renamed, so a folder
 * under the final name is always complete.
 */
public final class DistributionBuilder {
  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

  /**
   * What a distribution is built from.
   *
   * @param bundle the OpenFX bundle folder
   * @param sidecarJar the sidecar's jar, with the libraries its manifest's Class-Path names beside it
   * @param installerJar this program's jar
   * @param jdk the JDK whose modules the runtime is linked from
   * @param offlineModels a folder of model files to carry along for offline installs
   */
  public record Inputs(Path bundle, Path sidecarJar, Path installerJar, Path jdk, Optional<Path> offlineModels) {}

  /** Builds into {@code outFolder}/portrait-performance-VERSION-PLATFORM, replacing an older build. */
  public Distribution build(Inputs inputs, Path outFolder, Consumer<String> progress) {
    Platform platform = Platform.current();
    checkBundle(inputs.bundle(), platform);
    Manifest manifest = manifest(inputs.sidecarJar());
    String version = manifest.getMainAttributes().getValue("Implementation-Version");
    if (version == null || version.isBlank()) {
      throw new InstallerException(inputs.sidecarJar().toString(), "has no Implementation-Version in its manifest");
    }
    requireFile(inputs.installerJar());
    Path target = outFolder.toAbsolutePath().resolve(Product.ID + "-" + version + "-" + platform.id());
    Path work = AtomicFiles.temporaryBeside(target);
    try {
      Files.createDirectories(work);
      progress.accept("bundle: " + inputs.bundle());
      copyTree(inputs.bundle(), work.resolve(Product.BUNDLE), false);
      Path app = work.resolve(Distribution.APP);
      Files.createDirectories(app.resolve("lib"));
      progress.accept("runtime: linking " + String.join(", ", RuntimeImage.MODULES) + " from " + inputs.jdk());
      RuntimeImage.link(inputs.jdk(), app.resolve("runtime"));
      Files.copy(inputs.sidecarJar(), app.resolve(Launchers.JAR));
      Files.copy(inputs.installerJar(), app.resolve(Launchers.INSTALLER_JAR));
      long saved = 0;
      for (String entry : classPath(manifest, inputs.sidecarJar())) {
        Path jar = inputs.sidecarJar().resolveSibling(entry);
        requireFile(jar);
        saved += JarTrimmer.copy(jar, app.resolve(entry), platform);
      }
      progress.accept(String.format("jars: %d MB of other platforms' native libraries left out", saved >> 20));
      writeScript(app.resolve("bin").resolve(Launchers.commandLineName(platform.os())),
          Launchers.commandLine(platform.os()));
      writeScript(app.resolve("bin").resolve(Launchers.setupName(platform.os())),
          Launchers.installedSetup(platform.os()));
      writeScript(work.resolve(Launchers.setupName(platform.os())), Launchers.distributionSetup(platform.os()));
      if (inputs.offlineModels().isPresent()) {
        progress.accept("models: " + inputs.offlineModels().get());
        copyTree(inputs.offlineModels().get(), work.resolve(Distribution.MODELS), true);
      }
      Requirements requires = Requirements.of(elfFiles(work, platform));
      Distribution.writeInfo(work, new DistributionInfo(DistributionInfo.FORMAT, Product.ID, version, platform.id(),
          Product.BUNDLE, requires, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
      replace(work, target);
    } catch (IOException e) {
      throw new InstallerException(target.toString(), "cannot be built: " + e.getMessage(), e);
    } finally {
      AtomicFiles.discard(work);
    }
    Distribution built = Distribution.open(target);
    progress.accept(String.format("%s: %d MB", target, sizeOf(target) >> 20));
    return built;
  }

  private static void checkBundle(Path bundle, Platform platform) {
    String name = bundle.getFileName().toString();
    String binary = name.substring(0, name.length() - ".bundle".length());
    Path library = bundle.resolve("Contents").resolve(platform.ofxBinaryFolder()).resolve(binary);
    if (!name.equals(Product.BUNDLE) || !Files.isRegularFile(library)) {
      throw new InstallerException(bundle.toString(), "is not a built " + Product.BUNDLE + " for " + platform.id()
          + " (expected " + library + "; build the bridge with cmake)");
    }
  }

  private static Manifest manifest(Path jar) {
    requireFile(jar);
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        throw new InstallerException(jar.toString(), "has no manifest");
      }
      return manifest;
    } catch (IOException e) {
      throw new InstallerException(jar.toString(), "cannot be read as a jar: " + e.getMessage(), e);
    }
  }

  /** The jars the sidecar's manifest puts on its class path: exactly what it loads, stale build leftovers not. */
  private static List<String> classPath(Manifest manifest, Path jar) {
    String value = manifest.getMainAttributes().getValue("Class-Path");
    if (value == null || value.isBlank()) {
      throw new InstallerException(jar.toString(), "has no Class-Path in its manifest (build it with mvn package)");
    }
    List<String> entries = new ArrayList<>();
    Collections.addAll(entries, value.trim().split("\\s+"));
    return entries;
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InstallerException(file.toString(), "is missing (build it first: mvn -DskipTests package)");
    }
  }

  /** Copies a folder, keeping executable bits; {@code followLinks} copies what links point at. */
  private static void copyTree(Path from, Path to, boolean followLinks) throws IOException {
    FileVisitOption[] options = followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS}
        : new FileVisitOption[0];
    try (Stream<Path> walk = Files.walk(from, options)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void writeScript(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, EXECUTABLE);
    }
  }

  /**
   * The ELF files the product runs: the runtime's and the bundle's, and the natives inside the
   * jars for this platform, less those it never loads.
   */
  private static List<ElfDependencies> elfFiles(Path distribution, Platform platform) throws IOException {
    List<ElfDependencies> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(distribution)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".jar")) {
          files.addAll(jarNatives(file));
        } else if (!file.startsWith(distribution.resolve(Distribution.MODELS)) && startsLikeElf(file)) {
          ElfDependencies.read(name, Files.readAllBytes(file)).ifPresent(files::add);
        }
      }
    }
    return files;
  }

  private static boolean startsLikeElf(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ElfDependencies.isElf(in.readNBytes(4));
    }
  }

  private static List<ElfDependencies> jarNatives(Path jar) throws IOException {
    List<ElfDependencies> files = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        if (entry.isDirectory() || !(name.endsWith(".so") || name.contains(".so.")) || NativeLibraries.neverLoaded(name)) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          ElfDependencies.read(name, in.readAllBytes()).ifPresent(files::add);
        }
      }
    }
    return files;
  }

  /** Puts the finished build under its name; an older build there is moved aside, then deleted. */
  private static void replace(Path work, Path target) throws IOException {
    Path old = AtomicFiles.temporaryBeside(target);
    try {
      if (Files.exists(target)) {
        Files.move(target, old);
      }
      Files.move(work, target);
    } finally {
      AtomicFiles.discard(old);
    }
  }

  private static long sizeOf(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
