package org.portraitperf.cli;

import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.JobException;
import org.portraitperf.jobs.JobListener;
import org.portraitperf.jobs.JobService;
import org.portraitperf.jobs.JobStatus;
import org.portraitperf.jobs.Jobs;
import org.portraitperf.jobs.RangeFolder;
import org.portraitperf.jobs.RangeRender;
import org.portraitperf.jobs.TakeAssembly;
import org.portraitperf.jobs.TakeRender;
import org.portraitperf.jobs.TakeSpec;
import org.portraitperf.jobs.TakeState;
import org.portraitperf.jobs.TakeStatus;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pp batch submit | resume | status | watch | cancel | render-range | assemble}: many takes
 * from one manifest, rendered in frame ranges that survive a crash, here through
 * {@link JobService} or on a render farm through {@link FarmBatch}.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "Render many takes from a manifest, resumably. Job state lives in"
        + " <output root>/.portrait-performance/jobs.db; a killed worker loses at most the ranges in flight.",
    subcommands = {BatchCommand.Submit.class, BatchCommand.Resume.class, BatchCommand.Status.class,
        BatchCommand.Watch.class, BatchCommand.Cancel.class, BatchCommand.RenderRange.class,
        BatchCommand.Assemble.class})
final class BatchCommand implements Runnable {
  static final int DEFAULT_WORKERS = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The {@code --root} every command but submit takes. */
  static final class RootOption {
    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
        description = "The output root whose jobs to use (default: the current folder).")
    Path root;
  }

  /** A command on one job of a root: opens the root's service and hands it on. */
  abstract static class OnJob implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin RootOption root;

    @Parameters(paramLabel = "JOB", description = "The job's id, as submit printed it.") String job;

    private final Jobs jobs;

    OnJob(Jobs jobs) {
      this.jobs = jobs;
    }

    @Override
    public Integer call() {
      try (JobService service = jobs.open(root.root)) {
        return call(service);
      }
    }

    abstract int call(JobService service);
  }

  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = {"Check and record a job from a manifest, then render it here with progress (or, with"
          + " --detach, in a background process). Takes that break a rule are reported and left out.",
          "With --farm opencue: make the batch one OpenCue job (a render and an assembly layer per take), launch it"
              + " on Cuebot and follow it (or, with --detach, return once it is launched)."})
  static final class Submit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "MANIFEST", description = "The batch manifest (YAML or JSON); see the README's Batch section.")
    Path manifest;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + DEFAULT_WORKERS,
        description = "Ranges rendered at once (default ${DEFAULT-VALUE}); not with --farm, where the farm decides.")
    int workers;

    @Option(names = "--detach", description = "Render in a background process (on a farm: return once the job is"
        + " launched); follow it with `batch watch`.")
    boolean detach;

    @CommandLine.Mixin FarmTarget farm;

    @CommandLine.Mixin FarmTarget.Poll poll;

    @ArgGroup(validate = false, heading = "%nOn a render farm, with --farm (see the README's Render farm section):%n")
    FarmSubmitOptions farmOptions;

    private final Jobs jobs;
    private final FarmBatch farmBatch;

    @Inject
    Submit(Jobs jobs, FarmBatch farmBatch) {
      this.jobs = jobs;
      this.farmBatch = farmBatch;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      BatchManifest batch = BatchManifest.read(manifest);
      if (farm.given()) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--workers")) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--workers has no effect with --farm: the farm"
              + " renders a take's ranges on as many hosts as it grants (--chunk sets the frames of each task)");
        }
        return farmBatch.submit(spec, batch, farm, farmOptions, poll.interval(spec), detach);
      }
      farm.requireNoneWithoutFarm(spec);
      if (farmOptions != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--show, --shot and the other farm options"
            + " need --farm " + FarmTarget.OPENCUE);
      }
      try (JobService service = jobs.open(batch.outputRoot())) {
        String job = service.submit(batch);
        JobStatus submitted = service.status(job);
        out.printf(Locale.ROOT, "job %s: %d takes, %d frames, in %s%n", job, submitted.takes().size(),
            submitted.framesTotal(), service.root());
        for (TakeStatus take : submitted.takes()) {
          if (take.state() == TakeState.FAILED) {
            out.printf(Locale.ROOT, "take %s refused: %s%n", take.name(), take.reason());
          }
        }
        if (detach) {
          return detach(service, job, out);
        }
        return render(spec, service, job, workers);
      }
    }

    /** Starts {@code batch resume} in a background JVM with this one's class path and options. */
    private int detach(JobService service, String job, PrintWriter out) {
      Path log = service.folder(job).resolve("worker.log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
          .filter(arg -> arg.startsWith("-X") || arg.startsWith("-D")).toList());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "batch", "resume",
          job, "--root", service.root().toString(), "--workers", Integer.toString(workers)));
      try {
        Files.createDirectories(log.getParent());
        Process worker = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        out.printf(Locale.ROOT, "rendering in the background (pid %d, log %s); follow it with: pp batch watch %s"
            + " --root %s%n", worker.pid(), log, job, service.root());
        return ExitCodes.OK;
      } catch (IOException e) {
        throw new JobException("job " + job, "cannot start a background worker: " + e.getMessage(), e);
      }
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Render what a job still lacks: after a crash, a kill or a reboot, only the missing ranges.")
  static final class Resume extends OnJob {
    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + DEFAULT_WORKERS,
        description = "Ranges rendered at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Inject
    Resume(Jobs jobs) {
      super(jobs);
    }

    @Override
    int call(JobService service) {
      return render(spec, service, job, workers);
    }
  }


  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job's takes, or every job of the root.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin RootOption root;

    @Parameters(arity = "0..1", paramLabel = "JOB") String job;

    private final Jobs jobs;

    @Inject
    Status(Jobs jobs) {
      this.jobs = jobs;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (JobService service = jobs.open(root.root)) {
        List<JobStatus> shown = job == null ? service.list() : List.of(service.status(job));
        if (shown.isEmpty()) {
          out.println("no jobs in " + service.root());
        }
        for (JobStatus status : shown) {
          print(out, status);
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = {"Follow a job rendered by any process until every take is done, failed or cancelled.",
          "With --farm opencue: follow a farm job (its name or id) until every task succeeded, or tasks died."})
  static final class Watch extends OnJob {
    @CommandLine.Mixin FarmTarget farm;

    @CommandLine.Mixin FarmTarget.Poll poll;

    private final FarmBatch farmBatch;

    @Inject
    Watch(Jobs jobs, FarmBatch farmBatch) {
      super(jobs);
      this.farmBatch = farmBatch;
    }

    @Override
    public Integer call() {
      farm.requireNoneWithoutFarm(spec);
      return farm.given() ? farmBatch.watch(spec, farm, poll.interval(spec), job) : super.call();
    }

    @Override
    int call(JobService service) {
      JobStatus first = service.status(job);
      if (!first.finished() && !first.workerRunning()) {
        spec.commandLine().getOut().printf(Locale.ROOT, "no worker is rendering job %s; start one with: pp batch"
            + " resume %s --root %s%n", job, job, service.root());
      }
      TakeLines listener = new TakeLines(spec, first);
      return outcome(listener.finish(service.watch(job, listener)));
    }
  }


  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = {"Cancel every take of a job not yet finished; finished outputs stay.",
          "With --farm opencue: kill the farm job (its name or id) on Cuebot."})
  static final class Cancel extends OnJob {
    @CommandLine.Mixin FarmTarget farm;

    private final FarmBatch farmBatch;

    @Inject
    Cancel(Jobs jobs, FarmBatch farmBatch) {
      super(jobs);
      this.farmBatch = farmBatch;
    }

    @Override
    public Integer call() {
      farm.requireNoneWithoutFarm(spec);
      return farm.given() ? farmBatch.cancel(spec, farm, job) : super.call();
    }

    @Override
    int call(JobService service) {
      print(spec.commandLine().getOut(), service.cancel(job));
      return ExitCodes.OK;
    }
  }


  @Command(name = "render-range", mixinStandardHelpOptions = true,
      description = "Render one take's frames F..L into a folder of PNG files: the unit of work a render farm"
          + " runs. Needs no job store; idempotent (an existing folder is a finished range, exit 0); the folder"
          + " appears only when complete. Progress lines on standard output.")
  static final class RenderRange implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin TakeFrames frames;

    @ArgGroup(exclusive = true, multiplicity = "1") Target target;

    /** One folder for the frames, or a take's range folder to add ranges to. */
    static final class Target {
      @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create.") Path out;

      @Option(names = "--ranges-in", required = true, paramLabel = "DIR",
          description = "Instead of --out: render into range folders FIRST-LAST inside DIR, --range-size frames each;"
              + " ranges already there are kept, so running again renders only what is missing.")
      Path rangesIn;
    }

    @Option(names = "--range-size", paramLabel = "N",
        description = "Frames per range with --ranges-in (default: the manifest's rangeSize).")
    Integer rangeSize;

    @Option(names = "--threads", paramLabel = "N", description = "Frames rendered at once (default: one per core).")
    Integer threads;

    private final Jobs jobs;

    @Inject
    RenderRange(Jobs jobs) {
      this.jobs = jobs;
    }

    @Override
    public Integer call() {
      PrintWriter stdout = spec.commandLine().getOut();
      BatchManifest batch = BatchManifest.read(frames.manifest);
      TakeSpec chosen = frames.take(spec, batch);
      int from = frames.from;
      int to = frames.to;
      String take = frames.take;
      int total = to - from + 1;
      int renderThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      try (TakeRender render = TakeRender.open(jobs.engines(), chosen.engine(), chosen.portrait(), chosen.driving())) {
        long[] printed = {System.nanoTime()};
        IntConsumer progress = done -> {
          long now = System.nanoTime();
          if (now - printed[0] >= Progress.PLAIN_INTERVAL_NANOS / 5 || done == total) {
            printed[0] = now;
            stdout.printf(Locale.ROOT, "progress %d/%d frames%n", done, total);
          }
        };
        if (target.rangesIn != null) {
          RangeRender.Ranges ranges = RangeRender.renderInto(render, chosen.settings(),
              new RangeFolder(target.rangesIn), from, to, rangeSize == null ? batch.rangeSize() : rangeSize,
              renderThreads, progress);
          stdout.printf(Locale.ROOT, "rendered %s frames %d-%d into %s (%d ranges: %d rendered now, %d already"
              + " there)%n", take, from, to, target.rangesIn, ranges.rendered() + ranges.alreadyThere(),
              ranges.rendered(), ranges.alreadyThere());
          return ExitCodes.OK;
        }
        RangeRender.Outcome outcome = RangeRender.render(render, chosen.settings(), from, to, target.out,
            renderThreads, progress, () -> false);
        stdout.printf(Locale.ROOT, "%s %s frames %d-%d: %s%n", outcome == RangeRender.Outcome.RENDERED ? "rendered"
            : "already rendered", take, from, to, target.out);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "assemble", mixinStandardHelpOptions = true,
      description = "Assemble one take's rendered ranges (render-range --ranges-in) into its output, as a render"
          + " farm does once the take's ranges are all rendered: the ranges in DIR must hold frames F..L, however"
          + " they were cut; they are removed once the output is in place. Idempotent: when the ranges are gone and"
          + " the output and its provenance record exist, nothing is done (exit 0).")
  static final class Assemble implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin TakeFrames frames;

    @Option(names = "--ranges-in", required = true, paramLabel = "DIR", description = "The take's range folder.")
    Path rangesIn;

    @Option(names = "--started", paramLabel = "INSTANT",
        description = "When the take's job started, for the provenance record (default: now), e.g. 2026-01-31T12:00:00Z.")
    Instant started;

    private final Jobs jobs;

    @Inject
    Assemble(Jobs jobs) {
      this.jobs = jobs;
    }

    @Override
    public Integer call() {
      TakeSpec chosen = frames.take(spec, BatchManifest.read(frames.manifest));
      String engine = jobs.engines().choose(chosen.engine()).name();
      TakeAssembly.Outcome outcome = TakeAssembly.assemble(chosen, engine, new RangeFolder.Span(frames.from,
          frames.to), new RangeFolder(rangesIn), started == null ? Instant.now() : started);
      spec.commandLine().getOut().printf(Locale.ROOT, "%s %s frames %d-%d: %s%n",
          outcome == TakeAssembly.Outcome.ASSEMBLED ? "assembled" : "already assembled", frames.take, frames.from,
          frames.to, chosen.output());
      return ExitCodes.OK;
    }
  }

  /** The frames of one take of a manifest, which the units of work a farm runs act on. */
  static final class TakeFrames {
    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The batch manifest.")
    Path manifest;

    @Option(names = "--take", required = true, paramLabel = "NAME", description = "The take's name in the manifest.")
    String take;

    @Option(names = "--from", required = true, paramLabel = "F", description = "First driving frame.") int from;

    @Option(names = "--to", required = true, paramLabel = "L", description = "Last driving frame, inclusive.") int to;

    /** The take named; a usage error naming it and the manifest when there is none. */
    TakeSpec take(CommandSpec spec, BatchManifest batch) {
      return batch.takes().stream().filter(t -> t.name().equals(take)).findFirst()
          .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
              "--take " + take + " is not a take of " + manifest));
    }
  }

  /** Renders a job here with a progress bar on standard error and a line per take on standard output. */
  private static int render(CommandSpec spec, JobService service, String job, int workers) {
    TakeLines listener = new TakeLines(spec, service.status(job));
    return outcome(listener.finish(service.run(job, workers, listener)));
  }

  /** 0 when every take is done (or cancelled), 3 when one failed. */
  private static int outcome(JobStatus status) {
    return status.count(TakeState.FAILED) > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  static void print(PrintWriter out, JobStatus status) {
    out.printf(Locale.ROOT, "job %s (submitted %s)%s: %d done, %d failed, %d cancelled of %d takes; %d/%d frames%n",
        status.id(), status.created(), status.workerRunning() ? ", rendering now" : "", status.count(TakeState.DONE),
        status.count(TakeState.FAILED), status.count(TakeState.CANCELLED), status.takes().size(),
        status.framesDone(), status.framesTotal());
    for (TakeStatus take : status.takes()) {
      out.printf(Locale.ROOT, "  %-24s %-10s %5d/%-5d %s%n", take.name(), take.state().label(), take.framesDone(),
          take.framesTotal(), take.reason() == null ? take.output() : take.reason());
    }
  }

  /** Prints each take's changes of state as a line, and the job's frames as a progress bar. */
  private static final class TakeLines implements JobListener {
    private final PrintWriter out;
    private final Progress progress;
    private final int alreadyDone;
    private final Map<Integer, TakeState> shown = new HashMap<>();

    TakeLines(CommandSpec spec, JobStatus start) {
      this.out = spec.commandLine().getOut();
      this.alreadyDone = start.framesDone();
      this.progress = new Progress(spec.commandLine().getErr(), "batch " + start.id(),
          start.framesTotal() - alreadyDone, Progress.terminalAttached());
      for (TakeStatus take : start.takes()) {
        if (take.state().terminal()) {
          shown.put(take.index(), take.state());
        }
      }
    }

    @Override
    public void onUpdate(JobStatus status) {
      for (TakeStatus take : status.takes()) {
        if (shown.put(take.index(), take.state()) != take.state()) {
          out.printf(Locale.ROOT, "take %s: %s%s%n", take.name(), take.state().label(),
              take.state() == TakeState.DONE ? " -> " + take.output()
                  : take.reason() == null ? "" : ": " + take.reason());
        }
      }
      progress.advanceTo(Math.max(0, status.framesDone() - alreadyDone));
    }

    JobStatus finish(JobStatus last) {
      progress.finish();
      out.printf(Locale.ROOT, "job %s: %d done, %d failed, %d cancelled of %d takes%n", last.id(),
          last.count(TakeState.DONE), last.count(TakeState.FAILED), last.count(TakeState.CANCELLED),
          last.takes().size());
      return last;
    }
  }
}
