package org.portraitperf.jobs.farm;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.portraitperf.AtomicFiles;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.FramePoint;
import org.portraitperf.jobs.JobIds;
import org.portraitperf.jobs.JobPaths;
import org.portraitperf.jobs.Jobs;
import org.portraitperf.jobs.ManifestException;
import org.portraitperf.jobs.PlannedTake;
import org.portraitperf.jobs.RangeFolder;
import org.portraitperf.jobs.TakeSpec;

/**
 * Batches on a render farm: the farm schedules, retries and reports; this side turns a batch into
 * one job and hands it over. Each take becomes a render layer, whose tasks each run
 * {@code pp batch render-range} on a chunk of the take's frames, and an assembly layer that waits
 * for it and runs {@code pp batch assemble} once. Tasks read a copy of the manifest frozen at
 * submission (frames fixed, engine resolved, paths as the farm spells them) and write their ranges
 * into the submission's folder under the output root, so everything they touch lies on the shared
 * storage; a task run again renders only the ranges it lacks.
 */
public final class FarmJobs {
  /** Cuebot's command tokens: the first and last frame of the task's chunk. */
  static final String FRAME_START = "#FRAME_START#";
  static final String FRAME_END = "#FRAME_END#";
  /** The most retries a spec may ask for; more are set after launch. */
  static final int SPEC_MAX_RETRIES = 1;

  private final Jobs jobs;
  private final FarmConnector connector;

  @Inject
  FarmJobs(Jobs jobs, FarmConnector connector) {
    this.jobs = jobs;
    this.connector = connector;
  }

  /** A launched job, and what could not be done after the launch (the job runs regardless), or null. */
  public record Launched(FarmJob job, String warning) {}

  /**
   * Checks the batch and makes its job spec; writes and sends nothing. Takes that break a batch
   * rule are left out with their reason, as a local submit does.
   *
   * @throws ManifestException when no take is left
   * @throws FarmException when a file of the job lies outside the farm roots, or the spec does not
   *     validate
   */
  public CueSubmission prepare(BatchManifest manifest, CueJobOptions options, FarmPaths paths) {
    List<PlannedTake> planned = jobs.plan(manifest);
    List<PlannedTake> accepted = planned.stream().filter(take -> !take.refused()).toList();
    if (accepted.isEmpty()) {
      PlannedTake first = planned.get(0);
      throw new ManifestException(manifest.source().toString(), "no take can be rendered (take " + first.spec().name()
          + ": " + first.reason() + ")");
    }
    JobPaths local = new JobPaths(manifest.outputRoot());
    String id = JobIds.next();
    Path folder = local.farmJob(id);
    paths.requireVisible(folder, "the job's folder under the output root");
    for (PlannedTake take : accepted) {
      String what = "take " + take.spec().name();
      paths.requireVisible(take.spec().portrait(), what + " portrait");
      paths.requireVisible(take.spec().driving(), what + " driving clip");
      paths.requireVisible(take.spec().output(), what + " output");
    }
    String job = "pp_" + id.replace('-', '_');
    Path manifestOnFarm = paths.onFarm(folder.resolve(CueSubmission.MANIFEST_FILE));
    int chunk = options.chunk() != null ? options.chunk() : manifest.rangeSize();
    Instant submitted = Instant.now();
    List<TakeSpec> frozen = new ArrayList<>();
    List<CueSpec.Layer> layers = new ArrayList<>();
    List<CueSpec.Depend> depends = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < accepted.size(); i++) {
      PlannedTake take = accepted.get(i);
      TakeSpec spec = take.spec();
      frozen.add(new TakeSpec(spec.name(), paths.onFarm(spec.portrait()), paths.onFarm(spec.driving()),
          FramePoint.ofFrame(take.first()), FramePoint.ofFrame(take.last()), take.engine(), spec.settings(),
          paths.onFarm(spec.output()), spec.format()));
      Path ranges = paths.onFarm(local.farmRanges(id, i).folder());
      String name = layerName(spec.name(), i, names);
      String render = "render_" + name;
      String assemble = "assemble_" + name;
      layers.add(new CueSpec.Layer(render, "Render",
          renderCommand(options, manifestOnFarm, spec.name(), ranges, manifest.rangeSize()),
          new RangeFolder.Span(take.first(), take.last()), chunk, options.cores(), options.memory(), options.gpus(),
          options.gpuMemory(), options.tags(), options.service()));
      // Assembly is one task (numbered by the take's first frame) that needs no GPU.
      layers.add(new CueSpec.Layer(assemble, "Util",
          assembleCommand(options, manifestOnFarm, spec.name(), take.first(), take.last(), ranges, submitted),
          new RangeFolder.Span(take.first(), take.first()), 1, options.cores(), options.memory(), 0, null,
          options.tags(), options.service()));
      depends.add(new CueSpec.Depend(assemble, render));
    }
    BatchManifest tasksRead = new BatchManifest(manifestOnFarm, paths.onFarm(manifest.outputRoot()),
        manifest.allowOutsideRoot(), manifest.rangeSize(), manifest.retries(), frozen);
    String spec = new CueSpec(options, job, Math.min(manifest.retries(), SPEC_MAX_RETRIES), layers, depends).toXml();
    CueSpecDtd.validate(spec);
    return new CueSubmission(id, folder, tasksRead, spec, job, planned, options);
  }

  /**
   * Writes the submission's files to the shared storage, then launches its job on the scheduler at
   * {@code address} and raises its retries to the manifest's. Nothing is left behind when the
   * launch fails.
   *
   * @throws FarmException when the scheduler cannot be reached or refuses the job, in its words
   */
  public Launched launch(CueSubmission submission, FarmAddress address) {
    FarmJob job;
    try (FarmScheduler scheduler = connector.connect(address)) {
      try {
        submission.manifest().write(submission.folder().resolve(CueSubmission.MANIFEST_FILE));
        write(submission.folder().resolve(CueSubmission.SPEC_FILE), submission.spec());
        List<FarmJob> launched = scheduler.launch(submission.spec());
        job = launched.stream().filter(j -> j.name().endsWith("_" + submission.job())).findFirst()
            .orElseThrow(() -> new FarmException("cuebot " + address, "launched the spec but answered no job named "
                + submission.farmName() + " (it answered " + launched.stream().map(FarmJob::name).toList() + ")"));
      } catch (RuntimeException e) {
        AtomicFiles.discard(submission.folder());
        throw e;
      }
      int retries = submission.manifest().retries();
      if (retries > SPEC_MAX_RETRIES) {
        try {
          scheduler.setMaxRetries(job.id(), retries);
        } catch (FarmException e) {
          return new Launched(job, "its tasks are retried " + SPEC_MAX_RETRIES + " time, not the manifest's " + retries
              + ": " + e.getMessage());
        }
      }
      return new Launched(job, null);
    }
  }

  /** A connection to the farm's scheduler; close it when done. */
  public FarmScheduler connect(FarmAddress address) {
    return connector.connect(address);
  }

  /**
   * The job that {@code nameOrId} names: its name as submit printed it, or its id.
   *
   * @throws FarmException when the scheduler knows neither
   */
  public static FarmJob find(FarmScheduler scheduler, String nameOrId) {
    return scheduler.findByName(nameOrId).orElseGet(() -> scheduler.job(nameOrId));
  }

  /**
   * A layer name from a take's name, by Cuebot's rules (lower case, {@code [a-z0-9_]}), made
   * unique with the take's position when two takes' names fold to one.
   */
  static String layerName(String take, int index, Set<String> used) {
    String name = take.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (!used.add(name)) {
      name = name + "_" + index;
      used.add(name);
    }
    return name;
  }

  private static String renderCommand(CueJobOptions options, Path manifest, String take, Path ranges, int rangeSize) {
    // Cuebot reserves GPUs but does not hide the others; the task sees only its own.
    String gpu = options.gpus() > 0 ? "env CUDA_VISIBLE_DEVICES=\"$CUE_GPU_CORES\" " : "";
    return gpu + sh(options.launcher()) + " batch render-range --manifest " + sh(manifest) + " --take " + sh(take)
        + " --from " + FRAME_START + " --to " + FRAME_END + " --ranges-in " + sh(ranges) + " --range-size "
        + rangeSize + " --threads " + options.threads();
  }

  private static String assembleCommand(CueJobOptions options, Path manifest, String take, int first, int last,
      Path ranges, Instant submitted) {
    return sh(options.launcher()) + " batch assemble --manifest " + sh(manifest) + " --take " + sh(take) + " --from "
        + first + " --to " + last + " --ranges-in " + sh(ranges) + " --started " + submitted;
  }

  /** A word for a POSIX shell, which runs the task's command line: single-quoted. */
  static String sh(Object word) {
    return "'" + word.toString().replace("'", "'\\''") + "'";
  }

  private static void write(Path file, String text) {
    Path partial = AtomicFiles.temporaryBeside(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      AtomicFiles.commit(partial, file);
    } catch (IOException e) {
      AtomicFiles.discard(partial);
      throw new FarmException(file.toString(), "cannot be written: " + e.getMessage(), e);
    }
  }
}
