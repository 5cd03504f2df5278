package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A batch: takes to render, and how the job runs them. Read one with {@link #read(Path)}; the format
 * is documented by {@code batch-manifest.schema.json} beside this class and in the README.
 *
 * @param source the manifest file, for messages
 * @param outputRoot the folder every output must lie in (unless {@code allowOutsideRoot}); it also
 *     holds the job store
 * @param rangeSize frames per range, the unit of work that is rendered, retried and resumed
 * @param retries further attempts for a range that fails unexpectedly
 */
public record BatchManifest(Path source, Path outputRoot, boolean allowOutsideRoot, int rangeSize, int retries,
    List<TakeSpec> takes) {
  public static final int DEFAULT_RANGE_SIZE = 50;
  public static final int DEFAULT_RETRIES = 2;

  public BatchManifest {
    Objects.requireNonNull(source, "source");
    outputRoot = Objects.requireNonNull(outputRoot, "outputRoot").toAbsolutePath().normalize();
    if (rangeSize < 1) {
      throw new IllegalArgumentException("rangeSize must be 1 or more, found " + rangeSize);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, found " + retries);
    }
    takes = List.copyOf(takes);
    if (takes.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one take");
    }
    Set<String> names = new HashSet<>();
    for (TakeSpec take : takes) {
      if (!names.add(take.name())) {
        throw new IllegalArgumentException("take name '" + take.name() + "' is used twice");
      }
    }
  }

  /**
   * Reads a YAML or JSON manifest (and the CSV it names), checked against the schema.
   *
   * @throws ManifestException naming the file and, where it applies, the take and field at fault
   */
  public static BatchManifest read(Path file) {
    return ManifestReader.read(file);
  }

  /**
   * Reads a manifest given as YAML or JSON text, for callers that hold no file (the sidecar's
   * SubmitJob); relative paths in it, the output root included, are taken from {@code base}.
   *
   * @throws ManifestException naming the text and, where it applies, the take and field at fault
   */
  public static BatchManifest read(String text, Path base) {
    return ManifestReader.read(text, base);
  }

  /**
   * Writes this batch as a JSON manifest (atomically) that {@link #read(Path)} reads back into the
   * same batch: paths absolute, every control spelled out.
   *
   * @throws JobException when the file cannot be written
   */
  public void write(Path file) {
    ManifestWriter.write(this, file);
  }
}
