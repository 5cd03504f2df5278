package org.portraitperf.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.media.VideoInfo;
import org.portraitperf.media.VideoReader;
import org.portraitperf.media.VideoWriter.Format;

/**
 * Checks each take of a manifest and plans its frames. A take that breaks a rule is refused on its
 * own, with a reason naming the file and the problem; the others go on. The rules: inputs exist
 * and decode; outputs stay inside the output root unless the manifest allows otherwise, never
 * replace an input of the job, never inside the job store, and no two takes share one; the in and
 * out points lie inside the clip. {@code auto} is resolved here, once, so that every range of a
 * take is rendered by the same engine.
 */
final class JobPlanner {
  private static final Map<String, Format> FORMATS = Map.of(
      "mp4", Format.H264_MP4, "mov", Format.PRORES_4444_MOV, "png", Format.PNG_SEQUENCE);

  private final EngineSelector engines;

  JobPlanner(EngineSelector engines) {
    this.engines = engines;
  }

  List<PlannedTake> plan(BatchManifest manifest, JobPaths paths) {
    Set<Path> inputs = new HashSet<>();
    for (TakeSpec take : manifest.takes()) {
      inputs.add(CanonicalPath.of(take.portrait()));
      inputs.add(CanonicalPath.of(take.driving()));
    }
    Map<Path, String> outputs = new HashMap<>();
    List<PlannedTake> planned = new ArrayList<>();
    for (TakeSpec take : manifest.takes()) {
      try {
        planned.add(plan(take, manifest, paths, inputs, outputs));
      } catch (PortraitPerfException | IllegalArgumentException e) {
        planned.add(new PlannedTake(take, take.engine(), -1, -1, e.getMessage()));
      }
    }
    return planned;
  }

  private PlannedTake plan(TakeSpec take, BatchManifest manifest, JobPaths paths, Set<Path> inputs,
      Map<Path, String> outputs) {
    Path output = take.output();
    if (!manifest.allowOutsideRoot() && !output.startsWith(manifest.outputRoot())) {
      throw refusal(output, "lies outside the output root " + manifest.outputRoot()
          + " (set allowOutsideRoot: true in the manifest to allow it)");
    }
    if (CanonicalPath.of(output).startsWith(CanonicalPath.of(paths.stateFolder()))) {
      throw refusal(output, "lies inside the job store's folder " + paths.stateFolder());
    }
    if (inputs.contains(CanonicalPath.of(output))) {
      throw refusal(output, "is an input of this job and would be overwritten");
    }
    String other = outputs.putIfAbsent(CanonicalPath.of(output), take.name());
    if (other != null) {
      throw refusal(output, "is also the output of take " + other + " (each take needs its own output)");
    }
    Format format = Format.forPath(output);
    if (take.format() != null && FORMATS.get(take.format()) != format) {
      throw refusal(output, "does not name a " + take.format() + " output (its name means "
          + format.name().toLowerCase(Locale.ROOT) + ")");
    }
    if (take.settings().layout() == OutputLayout.FACE_LAYER && format == Format.H264_MP4) {
      throw refusal(output, "is H.264, which cannot keep the face layer's alpha (use .mov or a PNG folder)");
    }
    requireFile(take.portrait(), "portrait");
    requireFile(take.driving(), "driving clip");
    String engine = engines.choose(take.engine()).name();
    VideoInfo info;
    try (VideoReader reader = VideoReader.open(take.driving())) {
      info = reader.info();
    }
    int frames = (int) Math.min(Integer.MAX_VALUE, info.frameCount());
    int first = take.in() == null ? 0 : take.in().resolve(info.frameRate());
    int last = take.out() == null ? frames - 1 : take.out().resolve(info.frameRate());
    if (first > last || last >= frames) {
      throw new ManifestException(take.driving().toString(), String.format(Locale.ROOT,
          "in %s, out %s is not a frame range of the clip (frames 0..%d)",
          take.in() == null ? "0" : take.in(), take.out() == null ? "last" : take.out(), frames - 1));
    }
    return new PlannedTake(take, engine, first, last, null);
  }

  private static ManifestException refusal(Path output, String problem) {
    return new ManifestException("output " + output, problem);
  }

  private static void requireFile(Path path, String what) {
    if (!Files.exists(path)) {
      throw new ManifestException(path.toString(), what + " does not exist");
    }
  }

}
