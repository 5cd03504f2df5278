package org.portraitperf.installer.install;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.portraitperf.installer.InstallerException;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelInstaller;
import org.portraitperf.models.ModelPacks;
import org.portraitperf.models.ModelStore;
import org.portraitperf.models.PackManifest;
import org.portraitperf.models.PackProgress;

/**
 * Fills a fresh model directory with the face models and the chosen model packs, through the
 * models package's own installers (download or offline folder, SHA-256 and tensor checks), so the
 * installation holds exactly what {@code pp models install} would. Files the current installation
 * already holds are linked in first: the installers verify them and fetch only what is missing or
 * damaged, so an upgrade needs neither network nor the offline folder again.
 */
final class ModelStaging {
  private static final List<String> ARCHIVES = List.of(".zip", ".tar.gz", ".tgz", ".tar");

  /** A pack named by id (a committed one, or one installed before) or by a manifest file. */
  static boolean namesManifestFile(String pack) {
    return pack.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * Stages into {@code staging} (an empty model directory) and returns the ids of the packs staged.
   *
   * @param installed the current installation's model directory, whose files are reused
   * @param offline a folder with the face models' files, and the packs' files (anywhere below it, or
   *     as {@code <id>.zip}, {@code .tar.gz}, {@code .tgz} or {@code .tar} in it); empty: download
   */
  List<String> stage(Path staging, Optional<Path> installed, Optional<Path> offline, List<String> packs,
      Consumer<String> progress) throws IOException {
    ModelStore store = new ModelStore(staging);
    if (installed.isPresent()) {
      reuse(installed.get(), staging);
    }
    new ModelInstaller(store).install(offline, progress);
    ModelPacks modelPacks = Guice.createInjector(b -> b.bind(ModelStore.class).toInstance(store))
        .getInstance(ModelPacks.class);
    List<String> ids = new ArrayList<>();
    for (String pack : packs) {
      PackManifest manifest = namesManifestFile(pack) ? modelPacks.readManifest(Path.of(pack)) : modelPacks.manifest(pack);
      progress.accept(manifest.id() + " " + manifest.version() + ": " + manifest.title());
      modelPacks.install(manifest, offline.map(folder -> packSource(folder, manifest.id())), lines(progress));
      ids.add(manifest.id());
    }
    return ids;
  }

  /** The pack's own archive in the offline folder if there is one, else the folder itself. */
  private static Path packSource(Path folder, String id) {
    for (String extension : ARCHIVES) {
      Path archive = folder.resolve(id + extension);
      if (Files.isRegularFile(archive)) {
        return archive;
      }
    }
    return folder;
  }

  /**
   * Links (or, across file systems, copies) every model file of the current installation into the
   * staging directory, except packs' verification records, which the pack installer writes anew.
   */
  private static void reuse(Path installed, Path staging) throws IOException {
    if (!Files.isDirectory(installed)) {
      return;
    }
    List<Path> keep = new ArrayList<>();
    for (ModelFile file : ModelFile.values()) {
      keep.add(installed.resolve(file.relativePath()));
    }
    Path packs = installed.resolve("packs");
    if (Files.isDirectory(packs)) {
      try (Stream<Path> walk = Files.walk(packs)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().equals("verified.json"))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .forEach(keep::add);
      }
    }
    for (Path file : keep) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Path copy = staging.resolve(installed.relativize(file).toString());
      Files.createDirectories(copy.getParent());
      try {
        Files.createLink(copy, file);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(file, copy);
      }
    }
  }

  private static PackProgress lines(Consumer<String> progress) {
    return new PackProgress() {
      private String current = "";
      private long reported;

      @Override
      public void step(String line) {
        progress.accept(line);
      }

      @Override
      public void bytes(String file, long done, long total) {
        if (!file.equals(current)) {
          current = file;
          reported = 0;
        }
        // A line per 64 MB: enough to see a half-gigabyte download move, few enough for a log.
        if (done - reported >= 64L << 20 || done == total && total > 0) {
          reported = done;
          progress.accept(String.format("%s: %d MB%s", file, done >> 20, total > 0 ? " of " + (total >> 20) + " MB" : ""));
        }
      }
    };
  }

  /** Checks a named manifest file exists before anything is fetched. */
  static void requireManifestFiles(List<String> packs) {
    for (String pack : packs) {
      if (namesManifestFile(pack) && !Files.isRegularFile(Path.of(pack))) {
        throw new InstallerException(pack, "does not exist (expected a model pack manifest, or a pack id)");
      }
    }
  }
}
