package org.portraitperf.cli;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portraitperf.jobs.farm.CueJobOptions;
import org.portraitperf.jobs.farm.FarmPaths;
import org.portraitperf.jobs.farm.MemorySize;
import picocli.CommandLine.Option;

/** What {@code batch submit --farm opencue} asks of the farm, as flags; defaults in {@link CueJobOptions}. */
final class FarmSubmitOptions {
  /** The shared storage farm hosts mount, colon separated like PATH. */
  static final String FARM_ROOTS = "PP_FARM_ROOTS";

  @Option(names = "--show", paramLabel = "SHOW", description = "The show the job belongs to; it must exist on the farm.")
  String show;

  @Option(names = "--shot", paramLabel = "SHOT", description = "The shot the job belongs to (3 or more characters).")
  String shot;

  @Option(names = "--user", paramLabel = "USER", defaultValue = "${sys:user.name}",
      description = "Who submits it (default: you, ${DEFAULT-VALUE}); never root.")
  String user;

  @Option(names = "--uid", paramLabel = "N", description = "The user id tasks run as on the hosts (default: yours).")
  Integer uid;

  @Option(names = "--facility", paramLabel = "NAME", description = "The facility whose hosts run it (default: the farm's).")
  String facility;

  @Option(names = "--priority", paramLabel = "N", description = "The job's priority (default: the farm's).")
  Integer priority;

  @Option(names = "--chunk", paramLabel = "N",
      description = "Driving frames per farm task (default: the manifest's rangeSize). Each task writes ranges of rangeSize"
          + " frames, so a retried task renders only the ranges it lacks.")
  Integer chunk;

  @Option(names = "--cores", paramLabel = "C", description = "Cores each task reserves and renders with, 0.1..24"
      + " (default 4).")
  double cores = CueJobOptions.DEFAULT_CORES;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory each task reserves: 8g, 1536m (default 8g).")
  String memory = CueJobOptions.DEFAULT_MEMORY.specText();

  @Option(names = "--gpus", paramLabel = "N", description = "GPUs each render task reserves (default 0); the task sees only"
      + " those (CUDA_VISIBLE_DEVICES). Needs the Python RQD on GPU hosts.")
  int gpus;

  @Option(names = "--gpu-memory", paramLabel = "SIZE", description = "GPU memory each render task reserves (default 1g"
      + " with --gpus).")
  String gpuMemory;

  @Option(names = "--tag", paramLabel = "TAG", split = ",",
      description = "Host tags the tasks may run on, repeatable or comma separated (default: the service's).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--service", paramLabel = "NAME", description = "The OpenCue service whose defaults the layers take"
      + " (default " + CueJobOptions.DEFAULT_SERVICE + ").")
  String service = CueJobOptions.DEFAULT_SERVICE;

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "A variable every task gets, repeatable (e.g."
      + " PP_MODELS_DIR=/mnt/models, PP_JAVA_OPTS=-Xmx6g).")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--farm-root", paramLabel = "DIR",
      description = "Shared storage the farm hosts mount, repeatable (default: $" + FARM_ROOTS + ", colon separated)."
          + " Every input, output and the output root must lie inside one.")
  List<Path> farmRoots = new ArrayList<>();

  @Option(names = "--path-map", paramLabel = "LOCAL=FARM",
      description = "A folder that farm hosts mount under another name, repeatable (e.g. /Volumes/projects=/mnt/projects).")
  List<String> pathMaps = new ArrayList<>();

  @Option(names = "--pp", paramLabel = "PATH", description = "The pp command on the farm hosts (default "
      + "/opt/portrait-performance/bin/pp).")
  Path launcher = CueJobOptions.DEFAULT_LAUNCHER;

  @Option(names = "--dry-run", description = "Print the job spec and stop: nothing is written, nothing is sent.")
  boolean dryRun;

  /** @throws IllegalArgumentException naming the flag, for a value the farm would refuse */
  CueJobOptions toOptions() {
    if (show == null || shot == null) {
      throw new IllegalArgumentException("--farm " + FarmTarget.OPENCUE + " needs --show SHOW and --shot SHOT");
    }
    return new CueJobOptions(show, shot, user, facility, uid != null ? uid : ownUid(), priority, chunk, cores,
        parse("--memory", memory), gpus, gpuMemory == null ? null : parse("--gpu-memory", gpuMemory), tags, service,
        env, launcher);
  }

  FarmPaths paths() {
    return new FarmPaths(roots(farmRoots), pathMaps.stream().map(FarmPaths.Mapping::parse).toList());
  }

  /** The roots given as flags, else those of $PP_FARM_ROOTS. */
  static List<Path> roots(List<Path> given) {
    String fromEnvironment = System.getenv(FARM_ROOTS);
    if (!given.isEmpty() || fromEnvironment == null) {
      return given;
    }
    return Arrays.stream(fromEnvironment.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
  }

  private static MemorySize parse(String flag, String text) {
    try {
      return MemorySize.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + e.getMessage());
    }
  }

  /** This process's user id where the system tells it (Linux), else null: the farm then decides. */
  private static Integer ownUid() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer id && id > 0 ? id : null;
    } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }
}
