package org.portraitperf.jobs.farm;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a batch becomes an OpenCue job: who submits it for which show and shot, what each task
 * reserves on a host, and what farm hosts run. Checked here against Cuebot's own rules, so that a
 * value Cuebot would refuse (or silently change) is refused before anything is submitted.
 *
 * @param facility the facility whose hosts run the job, or null for Cuebot's default
 * @param uid the user id tasks run as on the hosts, or null to leave it to the farm (never 0)
 * @param priority the job's priority, or null for the farm's default
 * @param chunk driving frames per task, or null for the manifest's {@code rangeSize}
 * @param cores cores each task reserves (0.1 to 24, Cuebot's limit per task); the render uses as
 *     many threads, at least one
 * @param memory memory each task reserves
 * @param gpus GPUs each render task reserves, 0 for none
 * @param gpuMemory GPU memory each render task reserves, or null (1g when {@code gpus} is set)
 * @param tags host tags a task may run on; empty leaves the service's tags
 * @param service the OpenCue service whose defaults the layers take
 * @param env variables every task gets
 * @param launcher the {@code pp} command on the farm hosts, as they spell it
 */
public record CueJobOptions(String show, String shot, String user, String facility, Integer uid, Integer priority,
    Integer chunk, double cores, MemorySize memory, int gpus, MemorySize gpuMemory, List<String> tags, String service,
    Map<String, String> env, Path launcher) {
  public static final double DEFAULT_CORES = 4;
  public static final MemorySize DEFAULT_MEMORY = MemorySize.parse("8g");
  /** What OpenCue's own wrappers default to for "run this command line" layers. */
  public static final String DEFAULT_SERVICE = "shell";
  /** Where the installer puts the command line on a host. */
  public static final Path DEFAULT_LAUNCHER = Path.of("/opt/portrait-performance/bin/pp");
  /** Cuebot's per-task cap; more is silently cut to it. */
  static final double MAX_CORES = 24;
  private static final MemorySize DEFAULT_GPU_MEMORY = MemorySize.parse("1g");

  /** Cuebot's rule for show, shot, layer, tag and service names. */
  private static final Pattern NAME = Pattern.compile("[\\w.-]{3,}");
  private static final Pattern USER = Pattern.compile("[\\w.-]+");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public CueJobOptions {
    show = name("show", show);
    // Cuebot lower-cases a shot and turns its '-' into '_'; doing it here shows the name it will have.
    shot = name("shot", Objects.requireNonNull(shot, "shot").replace('-', '_').toLowerCase(Locale.ROOT));
    Objects.requireNonNull(user, "user");
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException("--user '" + user + "' may hold only letters, digits, '.', '_' and '-'");
    }
    if (user.equals("root")) {
      throw new IllegalArgumentException("--user root: Cuebot refuses jobs launched as root (name the artist instead)");
    }
    if (facility != null) {
      facility = name("facility", facility.toLowerCase(Locale.ROOT));
    }
    if (uid != null && uid <= 0) {
      throw new IllegalArgumentException("--uid " + uid + ": Cuebot refuses uid 0, and user ids are positive");
    }
    if (priority != null && priority < 0) {
      throw new IllegalArgumentException("--priority " + priority + " must be 0 or more");
    }
    if (chunk != null && chunk < 1) {
      throw new IllegalArgumentException("--chunk " + chunk + " must be 1 or more frames per task");
    }
    if (!(cores >= 0.1 && cores <= MAX_CORES)) {
      throw new IllegalArgumentException("--cores " + cores + " must lie between 0.1 and " + (int) MAX_CORES
          + " (Cuebot's limit per task)");
    }
    Objects.requireNonNull(memory, "memory");
    if (gpus < 0) {
      throw new IllegalArgumentException("--gpus " + gpus + " must be 0 or more");
    }
    // Cuebot dispatches a GPU task only when both are non-zero, so one implies the other.
    if (gpuMemory != null && gpus == 0) {
      gpus = 1;
    }
    if (gpus > 0 && gpuMemory == null) {
      gpuMemory = DEFAULT_GPU_MEMORY;
    }
    tags = tags.stream().map(tag -> tag.replace(" ", "")).filter(tag -> !tag.isEmpty())
        .map(tag -> name("tag", tag)).toList();
    service = name("service", service);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    for (String variable : env.keySet()) {
      if (!VARIABLE.matcher(variable).matches()) {
        throw new IllegalArgumentException("--env " + variable + ": not a variable name (letters, digits, '_')");
      }
    }
    Objects.requireNonNull(launcher, "launcher");
    if (!launcher.isAbsolute()) {
      throw new IllegalArgumentException("--pp " + launcher + " must be an absolute path on the farm hosts");
    }
  }

  /** Threads a render task uses: the cores it reserved, whole, at least one. */
  public int threads() {
    return Math.max(1, (int) Math.floor(cores));
  }

  private static String name(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("--" + what + " '" + value + "' must be 3 or more letters, digits, '.', '_'"
          + " or '-' (Cuebot's rule for names)");
    }
    return value;
  }
}
