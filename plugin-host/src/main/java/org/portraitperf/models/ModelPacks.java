package org.portraitperf.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.portraitperf.AtomicFiles;

/**
 * Model packs: installs them (download with resume, or offline from a folder or an archive),
 * verifies, lists and removes them. A pack lives in {@code packs/<id>/} under the model directory
 * with the manifest it was installed from; it is usable only while its {@value #VERIFIED_MARKER}
 * record is there, which is written after every file passed its SHA-256 and its tensor signatures
 * and is removed before anything in the folder changes. Engines then trust the record plus the
 * files' sizes rather than hashing half a gigabyte on every start.
 */
@Singleton
public final class ModelPacks {
  static final String PACKS_FOLDER = "packs";
  static final String MANIFEST = "manifest.json";
  static final String VERIFIED_MARKER = "verified.json";

  /** The committed manifests, resources beside this class under {@code packs/}. */
  static final List<String> CATALOG = List.of("liveportrait-onnx-human");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelStore store;
  private final PackDownloader downloader;

  @Inject
  ModelPacks(ModelStore store) {
    this(store, PackDownloader.standard());
  }

  ModelPacks(ModelStore store, PackDownloader downloader) {
    this.store = store;
    this.downloader = downloader;
  }

  /** What {@link #VERIFIED_MARKER} records: the manifest version and each file's checked size. */
  private record Verified(String version, Map<String, Long> bytes) {}

  /** The packs this release knows how to fetch. */
  public List<PackManifest> catalog() {
    return CATALOG.stream().map(ModelPacks::committed).toList();
  }

  private static PackManifest committed(String id) {
    String resource = PACKS_FOLDER + "/" + id + ".json";
    try (InputStream in = ModelPacks.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the build lacks the committed manifest " + resource);
      }
      return PackManifest.read(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The manifest for a pack named on the command line: a committed one, else the one an installed
   * pack was installed from.
   *
   * @throws ModelException when no pack of that name is known
   */
  public PackManifest manifest(String id) {
    for (PackManifest known : catalog()) {
      if (known.id().equals(id)) {
        return known;
      }
    }
    return installedManifest(id).orElseThrow(() -> new ModelException(id,
        "is not a known model pack (known: " + String.join(", ", knownIds()) + ")"));
  }

  /** Reads a manifest file a user passes, e.g. for a pack published outside this release. */
  public PackManifest readManifest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return PackManifest.read(in, file.toString());
    } catch (IOException e) {
      throw new ModelException(file.toString(), "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Where a pack lives, installed or not. */
  public Path folderOf(String id) {
    return store.root().resolve(PACKS_FOLDER).resolve(id);
  }

  /**
   * Installs a pack, fetching only files that are missing or damaged, and marks it usable when
   * every file has passed its checks.
   *
   * @param from a folder or a .zip / .tar / .tar.gz archive holding the files (for offline
   *     machines); empty to download them from the manifest's URLs
   * @throws ModelException naming the file on a checksum or signature mismatch, or the URL on a
   *     failed download (whose partial file is kept for the next attempt to resume)
   */
  public void install(PackManifest manifest, Optional<Path> from, PackProgress progress) {
    from.ifPresent(ModelPacks::requireSource);
    if (manifest.nonCommercial()) {
      progress.step("warning: " + manifest.id() + " is licensed for non-commercial use only (" + manifest.licence() + ")");
    }
    Path folder = folderOf(manifest.id());
    try {
      Files.createDirectories(folder);
      Files.deleteIfExists(folder.resolve(VERIFIED_MARKER));
      writeAtomically(folder.resolve(MANIFEST), manifest.toJson());
    } catch (IOException e) {
      throw new ModelException(folder.toString(), "cannot be written: " + e.getMessage(), e);
    }
    List<PackFile> needed = new ArrayList<>();
    for (PackFile file : manifest.files()) {
      Optional<String> problem = check(manifest, folder.resolve(file.name()), file);
      if (problem.isEmpty()) {
        progress.step(file.name() + ": already installed and verified");
      } else {
        needed.add(file);
      }
    }
    if (!needed.isEmpty()) {
      if (from.isEmpty()) {
        for (PackFile file : needed) {
          download(manifest, folder, file, progress);
        }
      } else if (Files.isDirectory(from.get())) {
        copyFromFolder(manifest, folder, needed, from.get(), progress);
      } else {
        copyFromArchive(manifest, folder, needed, from.get(), progress);
      }
    }
    markVerified(manifest, folder);
    progress.step(manifest.id() + " " + manifest.version() + ": installed and verified (licence: " + manifest.licence() + ")");
  }

  /**
   * Re-hashes every file of an installed pack and re-checks its signatures; marks the pack usable
   * when all pass and unusable otherwise.
   */
  public PackStatus verify(String id) {
    Optional<PackManifest> installed = installedManifest(id);
    if (installed.isEmpty()) {
      PackManifest known = manifest(id);
      return new PackStatus(id, known.title(), known.licence(), PackStatus.State.NOT_INSTALLED, "not installed");
    }
    PackManifest manifest = installed.get();
    Path folder = folderOf(id);
    List<String> problems = new ArrayList<>();
    for (PackFile file : manifest.files()) {
      check(manifest, folder.resolve(file.name()), file).ifPresent(problems::add);
    }
    try {
      if (problems.isEmpty()) {
        markVerified(manifest, folder);
        return new PackStatus(id, manifest.title(), manifest.licence(), PackStatus.State.VERIFIED,
            manifest.files().size() + " files, SHA-256 and tensor signatures checked");
      }
      Files.deleteIfExists(folder.resolve(VERIFIED_MARKER));
    } catch (IOException e) {
      throw new ModelException(folder.toString(), "cannot be written: " + e.getMessage(), e);
    }
    return new PackStatus(id, manifest.title(), manifest.licence(), PackStatus.State.NOT_VERIFIED,
        String.join("; ", problems));
  }

  /** Every known or installed pack, by id, from the cheap check (no hashing). */
  public List<PackStatus> statuses() {
    List<PackStatus> statuses = new ArrayList<>();
    for (String id : knownIds()) {
      Optional<PackManifest> installed = installedManifest(id);
      PackManifest manifest = installed.orElseGet(() -> manifest(id));
      PackStatus.State state = installed.isEmpty() ? PackStatus.State.NOT_INSTALLED
          : usable(manifest).isPresent() ? PackStatus.State.VERIFIED : PackStatus.State.NOT_VERIFIED;
      String detail = switch (state) {
        case VERIFIED -> "installed in " + folderOf(id);
        case NOT_INSTALLED -> "not installed; `./pp models install " + id + "` fetches it";
        case NOT_VERIFIED -> "incomplete or changed since installed; run `./pp models install " + id + "`";
      };
      statuses.add(new PackStatus(id, manifest.title(), manifest.licence(), state, detail));
    }
    return statuses;
  }

  /**
   * Removes an installed pack. The folder is first renamed aside, so a pack half removed by a
   * crash never looks installed.
   */
  public void remove(String id) {
    Path folder = folderOf(id);
    if (!Files.isDirectory(folder)) {
      throw new ModelException(id, "is not installed (looked in " + folder + ")");
    }
    Path aside = AtomicFiles.temporaryBeside(folder);
    try {
      Files.move(folder, aside);
    } catch (IOException e) {
      AtomicFiles.discard(aside);
      throw new ModelException(folder.toString(), "cannot be removed: " + e.getMessage(), e);
    }
    AtomicFiles.discard(aside);
  }

  /**
   * A verified pack of the given format, preferring the committed packs in catalogue order, then
   * others by id. Cheap: it reads the verification record and the files' sizes, never hashes.
   */
  public Optional<InstalledPack> verified(String format) {
    for (String id : knownIds()) {
      Optional<InstalledPack> pack = installedManifest(id)
          .filter(m -> m.format().equals(format))
          .flatMap(this::usable);
      if (pack.isPresent()) {
        return pack;
      }
    }
    return Optional.empty();
  }

  private Optional<InstalledPack> usable(PackManifest manifest) {
    Path folder = folderOf(manifest.id());
    Path marker = folder.resolve(VERIFIED_MARKER);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    try {
      Verified verified = JSON.readValue(marker.toFile(), Verified.class);
      if (!manifest.version().equals(verified.version())) {
        return Optional.empty();
      }
      for (PackFile file : manifest.files()) {
        Path path = folder.resolve(file.name());
        Long size = verified.bytes().get(file.name());
        if (size == null || !Files.isRegularFile(path) || Files.size(path) != size) {
          return Optional.empty();
        }
      }
      return Optional.of(new InstalledPack(manifest, folder));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private TreeSet<String> knownIds() {
    TreeSet<String> ids = new TreeSet<>(CATALOG);
    Path packs = store.root().resolve(PACKS_FOLDER);
    if (Files.isDirectory(packs)) {
      try (Stream<Path> folders = Files.list(packs)) {
        folders.filter(p -> Files.isRegularFile(p.resolve(MANIFEST)))
            .forEach(p -> ids.add(p.getFileName().toString()));
      } catch (IOException e) {
        throw new ModelException(packs.toString(), "cannot be listed: " + e.getMessage(), e);
      }
    }
    // Committed packs first, in catalogue order, so they win when several packs share a format.
    TreeSet<String> ordered = new TreeSet<>((a, b) -> {
      int ia = CATALOG.indexOf(a);
      int ib = CATALOG.indexOf(b);
      if (ia >= 0 || ib >= 0) {
        return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
      }
      return a.compareTo(b);
    });
    ordered.addAll(ids);
    return ordered;
  }

  private Optional<PackManifest> installedManifest(String id) {
    Path file = folderOf(id).resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(readManifest(file));
  }

  /** Why the file at {@code path} is not the pack's file, or empty when it is (size, SHA-256, signatures). */
  private static Optional<String> check(PackManifest manifest, Path path, PackFile file) {
    if (!Files.isRegularFile(path)) {
      return Optional.of(file.name() + " is missing");
    }
    try {
      if (file.bytes() != null && Files.size(path) != file.bytes()) {
        return Optional.of(file.name() + " has " + Files.size(path) + " bytes, expected " + file.bytes());
      }
      String actual = Checksums.sha256(path);
      if (!actual.equals(file.sha256())) {
        return Optional.of(file.name() + " has SHA-256 " + actual + ", expected " + file.sha256());
      }
      return signatureProblem(path, file);
    } catch (IOException e) {
      return Optional.of(file.name() + " cannot be read: " + e.getMessage());
    }
  }

  /** The first tensor of the manifest the graph lacks or declares differently, named. */
  private static Optional<String> signatureProblem(Path path, PackFile file) {
    if (!file.hasSignature()) {
      return Optional.empty();
    }
    OnnxSignatures.Signature graph;
    try {
      graph = OnnxSignatures.read(path);
    } catch (IOException e) {
      return Optional.of(file.name() + " is not a readable ONNX graph: " + e.getMessage());
    }
    return file.signatureMismatch(graph.inputs(), graph.outputs());
  }

  private void download(PackManifest manifest, Path folder, PackFile file, PackProgress progress) {
    progress.step(file.name() + ": downloading " + file.url());
    // A stable name (not a fresh temporary) so that the next attempt finds it and resumes.
    Path partial = folder.resolve("." + file.name() + ".download");
    String actual = downloader.download(file.url(), partial, file.name(), file.bytes(), progress);
    accept(manifest, folder, file, partial, actual);
  }

  private void copyFromFolder(PackManifest manifest, Path folder, List<PackFile> needed, Path source,
      PackProgress progress) {
    Map<String, Path> found = new HashMap<>();
    try (Stream<Path> walk = Files.walk(source)) {
      walk.filter(Files::isRegularFile).forEach(p -> found.putIfAbsent(p.getFileName().toString(), p));
    } catch (IOException e) {
      throw new ModelException(source.toString(), "cannot be listed: " + e.getMessage(), e);
    }
    for (PackFile file : needed) {
      Path from = found.get(file.name());
      if (from == null) {
        throw new ModelException(source.toString(), "does not hold " + file.name() + " (pack " + manifest.id() + ")");
      }
      progress.step(file.name() + ": copying from " + from.getParent());
      try (InputStream in = Files.newInputStream(from)) {
        copyIn(manifest, folder, file, in);
      } catch (IOException e) {
        throw new ModelException(from.toString(), "cannot be read: " + e.getMessage(), e);
      }
    }
  }

  private void copyFromArchive(PackManifest manifest, Path folder, List<PackFile> needed, Path archive,
      PackProgress progress) {
    Map<String, PackFile> remaining = new LinkedHashMap<>();
    needed.forEach(f -> remaining.put(f.name(), f));
    try (ArchiveInputStream<? extends ArchiveEntry> entries = openArchive(archive)) {
      for (ArchiveEntry entry = entries.getNextEntry(); entry != null && !remaining.isEmpty();
          entry = entries.getNextEntry()) {
        String base = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        PackFile file = entry.isDirectory() ? null : remaining.remove(base);
        if (file != null) {
          progress.step(file.name() + ": extracting from " + archive.getFileName());
          copyIn(manifest, folder, file, entries);
        }
      }
    } catch (IOException e) {
      throw new ModelException(archive.toString(), "cannot be read as an archive: " + e.getMessage(), e);
    }
    if (!remaining.isEmpty()) {
      throw new ModelException(archive.toString(), "does not hold " + String.join(", ", remaining.keySet()));
    }
  }

  private static ArchiveInputStream<? extends ArchiveEntry> openArchive(Path archive) throws IOException {
    String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
    if (name.endsWith(".zip")) {
      return new ZipArchiveInputStream(in);
    }
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return new TarArchiveInputStream(new GZIPInputStream(in));
    }
    if (name.endsWith(".tar")) {
      return new TarArchiveInputStream(in);
    }
    in.close();
    throw new ModelException(archive.toString(), "is neither a folder nor a .zip, .tar, .tar.gz or .tgz archive");
  }

  /** Streams one file into a temporary beside its place, then checks and renames it. */
  private void copyIn(PackManifest manifest, Path folder, PackFile file, InputStream in) throws IOException {
    Path partial = AtomicFiles.temporaryBeside(folder.resolve(file.name()));
    try {
      String actual;
      try (OutputStream out = Files.newOutputStream(partial)) {
        actual = Checksums.copyHashing(in, out);
      }
      accept(manifest, folder, file, partial, actual);
    } finally {
      AtomicFiles.discard(partial);
    }
  }

  /**
   * Puts a fetched file in place when its checksum and signatures match; otherwise deletes it
   * (a damaged download must start afresh, not resume) and refuses, naming the file.
   */
  private static void accept(PackManifest manifest, Path folder, PackFile file, Path partial, String actual) {
    String subject = manifest.id() + "/" + file.name();
    try {
      if (!actual.equals(file.sha256())) {
        Files.deleteIfExists(partial);
        throw new ModelException(subject, "checksum mismatch (expected " + file.sha256() + ", found " + actual
            + "); the download is damaged or not the published file");
      }
      Optional<String> signature = signatureProblem(partial, file);
      if (signature.isPresent()) {
        Files.deleteIfExists(partial);
        throw new ModelException(subject, "signature mismatch: " + signature.get()
            + "; this file is not the graph the engine expects");
      }
      AtomicFiles.commit(partial, folder.resolve(file.name()));
    } catch (IOException e) {
      throw new ModelException(subject, "cannot be put in place: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the verification record, unless the same record is there already: re-verifying a pack
   * that passed changes nothing on disk, so it works in a folder the user may read but not write
   * (a system-wide installation) and leaves the installer's record of the file true.
   */
  private static void markVerified(PackManifest manifest, Path folder) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    try {
      for (PackFile file : manifest.files()) {
        sizes.put(file.name(), Files.size(folder.resolve(file.name())));
      }
      byte[] record = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Verified(manifest.version(), sizes));
      Path marker = folder.resolve(VERIFIED_MARKER);
      if (Files.isRegularFile(marker) && Arrays.equals(Files.readAllBytes(marker), record)) {
        return;
      }
      writeAtomically(marker, record);
    } catch (IOException e) {
      throw new ModelException(folder.toString(), "cannot be written: " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = AtomicFiles.temporaryBeside(target);
    try {
      Files.write(temp, bytes);
      AtomicFiles.commit(temp, target);
    } finally {
      AtomicFiles.discard(temp);
    }
  }

  private static void requireSource(Path from) {
    if (!Files.exists(from)) {
      throw new ModelException(from.toString(), "does not exist (expected a folder or an archive holding the pack's files)");
    }
  }
}
