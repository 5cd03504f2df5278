package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.PlannedTake;
import org.portraitperf.jobs.RangeFolder;
import org.portraitperf.jobs.farm.CueSubmission;
import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmJob;
import org.portraitperf.jobs.farm.FarmJobs;
import org.portraitperf.jobs.farm.FarmLayer;
import org.portraitperf.jobs.farm.FarmScheduler;
import org.portraitperf.jobs.farm.FarmSnapshot;
import org.portraitperf.jobs.farm.FarmTask;
import org.portraitperf.jobs.farm.TaskCounts;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batch submit | watch | cancel} on a render farm: submit hands the job to the farm (or
 * prints its spec), watch follows it with a line per task that changes and a bar of driving
 * frames, cancel kills it there. The farm does the rendering, the retrying and the bookkeeping.
 */
final class FarmBatch {
  private final FarmJobs farmJobs;

  @Inject
  FarmBatch(FarmJobs farmJobs) {
    this.farmJobs = farmJobs;
  }

  int submit(CommandSpec spec, BatchManifest batch, FarmTarget target, FarmSubmitOptions options, Duration poll,
      boolean detach) {
    target.requireOpenCue(spec);
    if (options == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--farm " + FarmTarget.OPENCUE
          + " needs --show SHOW and --shot SHOT");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // A dry run needs no farm; a real one learns of a missing --cuebot before the batch is checked.
    FarmAddress address = options.dryRun ? null : target.address(spec);
    CueSubmission submission = farmJobs.prepare(batch, options.toOptions(), options.paths());
    if (options.dryRun) {
      out.print(submission.spec());
      out.flush();
      err.printf(Locale.ROOT, "dry run: job %s, %d takes (%d refused), %d frames; nothing written, nothing sent%n",
          submission.farmName(), submission.accepted().size(), submission.refused().size(), submission.frames());
      return ExitCodes.OK;
    }
    FarmJobs.Launched launched = farmJobs.launch(submission, address);
    FarmJob job = launched.job();
    out.printf(Locale.ROOT, "farm job %s (id %s) on cuebot %s: %d takes, %d frames; files in %s%n", job.name(),
        job.id(), address, submission.accepted().size(), submission.frames(), submission.folder());
    for (PlannedTake take : submission.planned()) {
      if (take.refused()) {
        out.printf(Locale.ROOT, "take %s refused: %s%n", take.spec().name(), take.reason());
      } else {
        out.printf(Locale.ROOT, "take %s: frames %d-%d -> %s%n", take.spec().name(), take.first(), take.last(),
            take.spec().output());
      }
    }
    if (launched.warning() != null) {
      err.println("warning: " + launched.warning());
    }
    String follow = "pp batch watch --farm " + FarmTarget.OPENCUE + " --cuebot " + address + " " + job.name();
    if (detach) {
      out.println("the farm renders it; follow it with: " + follow);
      return ExitCodes.OK;
    }
    out.println("following it (Ctrl-C stops following; the farm goes on; later: " + follow + ")");
    try (FarmScheduler scheduler = farmJobs.connect(address)) {
      return follow(spec, scheduler, job, poll, address, submission.refused().isEmpty());
    }
  }

  int watch(CommandSpec spec, FarmTarget target, Duration poll, String job) {
    target.requireOpenCue(spec);
    FarmAddress address = target.address(spec);
    try (FarmScheduler scheduler = farmJobs.connect(address)) {
      return follow(spec, scheduler, FarmJobs.find(scheduler, job), poll, address, true);
    }
  }

  int cancel(CommandSpec spec, FarmTarget target, String job) {
    target.requireOpenCue(spec);
    FarmAddress address = target.address(spec);
    try (FarmScheduler scheduler = farmJobs.connect(address)) {
      FarmJob found = FarmJobs.find(scheduler, job);
      scheduler.kill(found.id(), "cancelled with pp batch cancel by " + System.getProperty("user.name", "unknown"));
      spec.commandLine().getOut().printf(Locale.ROOT, "farm job %s: killed on cuebot %s; its running tasks stop and the"
          + " rest never start (outputs already assembled stay)%n", found.name(), address);
      return ExitCodes.OK;
    }
  }

  /**
   * Follows the job until it is over: 0 when every task succeeded (or the job was killed), 3 when
   * tasks died, which the farm holds until someone retries them or kills the job.
   *
   * @param allTakes whether every take of the batch went to the farm
   */
  private static int follow(CommandSpec spec, FarmScheduler scheduler, FarmJob job, Duration poll, FarmAddress address,
      boolean allTakes) {
    PrintWriter out = spec.commandLine().getOut();
    FarmSnapshot start = FarmSnapshot.of(scheduler, job.id());
    Progress progress = new Progress(spec.commandLine().getErr(), "farm " + job.name(), start.framesTotal(),
        Progress.terminalAttached());
    FarmSnapshot[] seen = {null};
    FarmSnapshot end = FarmSnapshot.follow(scheduler, job.id(), poll, now -> {
      for (FarmTask task : now.changedSince(seen[0])) {
        // On the first look only what has happened is news; waiting is where every task starts.
        if (seen[0] != null || (task.state() != FarmTask.State.WAITING && task.state() != FarmTask.State.DEPEND)) {
          out.println(taskLine(now, task));
        }
      }
      out.flush();
      seen[0] = now;
      progress.advanceTo(now.framesDone());
    });
    progress.finish();
    for (FarmLayer layer : end.layers()) {
      TaskCounts counts = end.counts(layer);
      out.printf(Locale.ROOT, "  %-32s %d/%d tasks succeeded, %d running, %d dead%n", layer.name(), counts.succeeded(),
          counts.total(), counts.running(), counts.dead());
    }
    String name = end.job().name();
    return switch (end.outcome()) {
      case DONE -> {
        out.printf(Locale.ROOT, "farm job %s: done, every take assembled%n", name);
        yield allTakes ? ExitCodes.OK : ExitCodes.BAD_INPUT;
      }
      case FAILED -> {
        out.printf(Locale.ROOT, "farm job %s: %d tasks dead; the farm holds the job until they are retried (CueGUI,"
            + " cueadmin) or it is killed (pp batch cancel --farm %s --cuebot %s %s)%n", name, end.dead().size(),
            FarmTarget.OPENCUE, address, name);
        yield ExitCodes.BAD_INPUT;
      }
      case ENDED -> {
        long undone = end.tasks().stream().filter(t -> t.state() != FarmTask.State.SUCCEEDED).count();
        out.printf(Locale.ROOT, "farm job %s: ended with %d of %d tasks not done (killed, or tasks eaten)%n", name,
            undone, end.tasks().size());
        yield ExitCodes.OK;
      }
      case RUNNING -> {
        out.printf(Locale.ROOT, "farm job %s: stopped following; the farm goes on%n", name);
        yield ExitCodes.INTERRUPTED;
      }
    };
  }

  /** {@code task 0003-render_sc12 (frames 3-5): dead, exit 3 after 1 retry (bad input ...); log ...}. */
  private static String taskLine(FarmSnapshot snapshot, FarmTask task) {
    StringBuilder line = new StringBuilder("task ").append(task.name());
    RangeFolder.Span frames = snapshot.frames(task);
    if (frames != null) {
      line.append(" (frames ").append(frames.first()).append('-').append(frames.last()).append(')');
    }
    line.append(": ").append(task.state().name().toLowerCase(Locale.ROOT));
    switch (task.state()) {
      case RUNNING -> {
        if (!task.host().isEmpty()) {
          line.append(" on ").append(task.host());
        }
      }
      case WAITING -> {
        if (task.retries() > 0) {
          line.append(", retry ").append(task.retries()).append(" after exit ").append(task.exitStatus());
        }
      }
      case DEAD -> {
        line.append(", exit ").append(task.exitStatus()).append(" after ").append(task.retries())
            .append(task.retries() == 1 ? " retry" : " retries").append(exitMeaning(task.exitStatus()));
        String log = snapshot.log(task);
        if (!log.isEmpty()) {
          line.append("; log ").append(log);
        }
      }
      default -> { }
    }
    return line.toString();
  }

  /** What a task's exit status says, for the statuses pp and the shell give. */
  private static String exitMeaning(int status) {
    return switch (status) {
      case ExitCodes.BAD_INPUT -> " (bad input, which a retry cannot fix: the log names the file and the problem)";
      case ExitCodes.MODEL_PROBLEM -> " (models missing or damaged on that host: run pp doctor --farm there)";
      case ExitCodes.USAGE -> " (pp refused its command line: do that host's pp and this one differ in version?)";
      case 126, 127 -> " (the shell could not run pp: is it installed at the --pp path on that host?)";
      default -> "";
    };
  }
}
