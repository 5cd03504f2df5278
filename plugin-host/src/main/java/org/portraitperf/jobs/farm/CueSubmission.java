package org.portraitperf.jobs.farm;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.PlannedTake;

/**
 * A batch made into an OpenCue job, checked and ready to launch; nothing is written or sent yet.
 *
 * @param id the submission's id, which names its folder and the job
 * @param folder where its files go, as this machine sees it: the manifest the tasks read, the spec,
 *     the takes' ranges
 * @param manifest what the tasks render, as the farm hosts spell every path; frame numbers fixed
 *     and the engine resolved
 * @param spec the job spec, valid against cjsl-1.15
 * @param job the job's own name in the spec
 * @param planned every take of the batch as planned, refused ones with their reason
 */
public record CueSubmission(String id, Path folder, BatchManifest manifest, String spec, String job,
    List<PlannedTake> planned, CueJobOptions options) {
  /** The file in {@link #folder()} that the tasks read. */
  public static final String MANIFEST_FILE = "manifest.json";
  /** The spec as launched, kept beside it for whoever needs to see what the farm was given. */
  public static final String SPEC_FILE = "spec.xml";

  public CueSubmission {
    planned = List.copyOf(planned);
  }

  /** The name Cuebot gives the job: {@code <show>-<shot>-<user>_<job>}, lower case. */
  public String farmName() {
    return (options.show() + "-" + options.shot() + "-" + options.user() + "_" + job).toLowerCase(Locale.ROOT);
  }

  public List<PlannedTake> accepted() {
    return planned.stream().filter(take -> !take.refused()).toList();
  }

  public List<PlannedTake> refused() {
    return planned.stream().filter(PlannedTake::refused).toList();
  }

  public int frames() {
    return planned.stream().mapToInt(PlannedTake::frames).sum();
  }
}
