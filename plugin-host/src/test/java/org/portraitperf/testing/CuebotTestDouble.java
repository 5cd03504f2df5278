package org.portraitperf.testing;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.portraitperf.proto.opencue.cue.CueGetSystemStatsRequest;
import org.portraitperf.proto.opencue.cue.CueGetSystemStatsResponse;
import org.portraitperf.proto.opencue.cue.CueInterfaceGrpc;
import org.portraitperf.proto.opencue.job.Frame;
import org.portraitperf.proto.opencue.job.FrameSearchCriteria;
import org.portraitperf.proto.opencue.job.FrameSeq;
import org.portraitperf.proto.opencue.job.FrameState;
import org.portraitperf.proto.opencue.job.Job;
import org.portraitperf.proto.opencue.job.JobGetFramesRequest;
import org.portraitperf.proto.opencue.job.JobGetFramesResponse;
import org.portraitperf.proto.opencue.job.JobGetJobRequest;
import org.portraitperf.proto.opencue.job.JobGetJobResponse;
import org.portraitperf.proto.opencue.job.JobGetJobsRequest;
import org.portraitperf.proto.opencue.job.JobGetJobsResponse;
import org.portraitperf.proto.opencue.job.JobGetLayersRequest;
import org.portraitperf.proto.opencue.job.JobGetLayersResponse;
import org.portraitperf.proto.opencue.job.JobInterfaceGrpc;
import org.portraitperf.proto.opencue.job.JobKillRequest;
import org.portraitperf.proto.opencue.job.JobKillResponse;
import org.portraitperf.proto.opencue.job.JobLaunchSpecAndWaitRequest;
import org.portraitperf.proto.opencue.job.JobLaunchSpecAndWaitResponse;
import org.portraitperf.proto.opencue.job.JobSearchCriteria;
import org.portraitperf.proto.opencue.job.JobSeq;
import org.portraitperf.proto.opencue.job.JobSetMaxRetriesRequest;
import org.portraitperf.proto.opencue.job.JobSetMaxRetriesResponse;
import org.portraitperf.proto.opencue.job.JobState;
import org.portraitperf.proto.opencue.job.Layer;
import org.portraitperf.proto.opencue.job.LayerSeq;
import org.portraitperf.proto.opencue.job.LayerType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A test double of Cuebot, OpenCue's scheduler, with RQD, its host agent, folded in: a real gRPC
 * server on a loopback TCP port that speaks Cuebot's job API as the published facts describe it.
 * It parses a launched spec with a validating parser (the cjsl-1.15 DTD), applies Cuebot's launch
 * rules (the show must exist, no root, names conformed, retries clamped to 0..1), cuts each layer
 * into tasks of {@code chunk} frames, and runs every task's command as a local process the way RQD
 * does: the command tokens replaced, the line written to a file run by {@code /bin/sh} with only
 * the PATH, the job's and layer's variables and the {@code CUE_*} ones, output to the task's log.
 * A layer that depends on another starts when every task of that one has succeeded; a failed task
 * is retried up to the job's retries, then is dead, and keeps the job pending as Cuebot does.
 *
 * <p>Not a Cuebot: no database, no hosts or allocations, no booking by cores or memory; tasks run
 * {@code slots} at a time in the order Cuebot would dispatch them.
 */
public final class CuebotTestDouble implements AutoCloseable {
  private static final String DTD_URL = "http://localhost:8080/spcue/dtd/cjsl-1.15.dtd";
  private static final String DTD_RESOURCE = "/org/portraitperf/jobs/farm/cjsl-1.15.dtd";
  private static final Pattern NAME = Pattern.compile("[\\w.-]{3,}");
  private static final Pattern RANGE = Pattern.compile("(-?\\d+)(?:-(-?\\d+))?");

  private final Server server;
  private final Path work;
  private final int slots;
  private final Set<String> shows;
  private final ExecutorService exits = Executors.newCachedThreadPool();
  private final Thread dispatcher;
  private final List<String> launched = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<JobKillRequest> kills = new CopyOnWriteArrayList<>();
  /** Every job; guarded by {@code this}. */
  private final Map<String, DoubleJob> jobs = new LinkedHashMap<>();
  private volatile boolean closed;

  private CuebotTestDouble(Path work, int slots, Set<String> shows) throws IOException {
    this.work = work;
    this.slots = slots;
    this.shows = shows;
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(new Jobs())
        .addService(new Cue())
        .build()
        .start();
    this.dispatcher = new Thread(this::dispatch, "cuebot-double-dispatcher");
    this.dispatcher.setDaemon(true);
    this.dispatcher.start();
  }

  /**
   * Starts the double on a free loopback port.
   *
   * @param work where task command files and logs go
   * @param slots tasks run at once
   * @param shows the shows that exist
   */
  public static CuebotTestDouble start(Path work, int slots, String... shows) throws IOException {
    Files.createDirectories(work);
    return new CuebotTestDouble(work, slots, Set.of(shows));
  }

  /** {@code 127.0.0.1:PORT}, as {@code --cuebot} takes it. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The spec of every launch the double accepted, in order. */
  public List<String> launchedSpecs() {
    return List.copyOf(launched);
  }

  /** Every task command line as run, tokens replaced, in the order the tasks started. */
  public List<String> commandsRun() {
    return List.copyOf(commands);
  }

  public List<JobKillRequest> kills() {
    return List.copyOf(kills);
  }

  /** The root of the task logs; a job's logs are in a folder under it. */
  public Path logs() {
    return work.resolve("logs");
  }

  // ---- the model

  private static final class DoubleJob {
    final String id = UUID.randomUUID().toString();
    final String name;
    final String show;
    final String shot;
    final String user;
    final Map<String, String> env;
    final List<DoubleLayer> layers = new ArrayList<>();
    final Path logDir;
    int maxRetries;
    boolean finished;

    DoubleJob(String name, String show, String shot, String user, Map<String, String> env, int maxRetries,
        Path logDir) {
      this.name = name;
      this.show = show;
      this.shot = shot;
      this.user = user;
      this.env = env;
      this.maxRetries = maxRetries;
      this.logDir = logDir;
    }

    List<DoubleTask> tasks() {
      return layers.stream().flatMap(l -> l.tasks.stream()).toList();
    }
  }

  private static final class DoubleLayer {
    final String id = UUID.randomUUID().toString();
    final String name;
    final LayerType type;
    final String command;
    final String range;
    final int chunk;
    final int threads;
    final Map<String, String> env;
    final int gpus;
    final List<DoubleLayer> dependsOn = new ArrayList<>();
    final List<DoubleTask> tasks = new ArrayList<>();

    DoubleLayer(String name, LayerType type, String command, String range, int chunk, int threads,
        Map<String, String> env, int gpus) {
      this.name = name;
      this.type = type;
      this.command = command;
      this.range = range;
      this.chunk = chunk;
      this.threads = threads;
      this.env = env;
      this.gpus = gpus;
    }
  }

  private static final class DoubleTask {
    final String id = UUID.randomUUID().toString();
    final DoubleLayer layer;
    final int first;
    final int last;
    final String name;
    FrameState state;
    int retries;
    int exitStatus;
    Process process;

    DoubleTask(DoubleLayer layer, int first, int last) {
      this.layer = layer;
      this.first = first;
      this.last = last;
      this.name = String.format(Locale.ROOT, "%04d-%s", first, layer.name);
    }
  }

  // ---- launching

  /** What Cuebot answers a launch it refuses with, as an exception the service turns into INTERNAL. */
  private static final class LaunchRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchRefused(String message) {
      super(message);
    }
  }

  private synchronized DoubleJob launch(String spec) {
    Document document = parse(spec);
    Element root = document.getDocumentElement();
    String show = text(root, "show");
    if (!shows.contains(show)) {
      throw new LaunchRefused("The show " + show + " does not exist or is not active");
    }
    String user = text(root, "user");
    if (user.equals("root")) {
      throw new LaunchRefused("Cannot launch jobs as root");
    }
    String shot = text(root, "shot").replace('-', '_').toLowerCase(Locale.ROOT);
    if (!NAME.matcher(shot).matches()) {
      throw new LaunchRefused("invalid shot name: " + shot);
    }
    Element jobElement = child(root, "job");
    String own = jobElement.getAttribute("name");
    String suffix = own.toLowerCase(Locale.ROOT).replace('-', '_').replaceAll("__+", "_").replaceAll("^_+", "");
    String name = (show + "-" + shot + "-" + user + "_" + suffix).toLowerCase(Locale.ROOT);
    for (DoubleJob other : jobs.values()) {
      if (other.name.equals(name) && !other.finished) {
        throw new LaunchRefused("The job " + name + " is already pending");
      }
    }
    int retries = Math.max(0, Math.min(1, Integer.parseInt(textOr(jobElement, "maxretries", "1"))));
    DoubleJob job = new DoubleJob(name, show, shot, user, env(jobElement), retries,
        logs().resolve(show).resolve(shot).resolve(name + "--" + UUID.randomUUID()));
    Map<String, DoubleLayer> byName = new LinkedHashMap<>();
    Element layers = child(jobElement, "layers");
    if (layers == null) {
      throw new LaunchRefused("job " + name + " has no layers");
    }
    for (Element layer : children(layers, "layer")) {
      DoubleLayer made = layer(layer);
      if (byName.put(made.name, made) != null) {
        throw new LaunchRefused("layer " + made.name + " appears twice");
      }
      job.layers.add(made);
    }
    Element depends = child(root, "depends");
    if (depends != null) {
      for (Element depend : children(depends, "depend")) {
        if (!depend.getAttribute("type").equals("LAYER_ON_LAYER")) {
          throw new LaunchRefused("this test double takes only LAYER_ON_LAYER depends, not " + depend.getAttribute("type"));
        }
        if (!text(depend, "depjob").equals(own) || !text(depend, "onjob").equals(own)) {
          throw new LaunchRefused("depend names a job other than " + own);
        }
        DoubleLayer waiting = byName.get(text(depend, "deplayer").replace('-', '_').toLowerCase(Locale.ROOT));
        DoubleLayer on = byName.get(text(depend, "onlayer").replace('-', '_').toLowerCase(Locale.ROOT));
        if (waiting == null || on == null) {
          throw new LaunchRefused("depend names a layer that is not in the job");
        }
        waiting.dependsOn.add(on);
      }
    }
    for (DoubleLayer layer : job.layers) {
      for (DoubleTask task : layer.tasks) {
        task.state = layer.dependsOn.isEmpty() ? FrameState.WAITING : FrameState.DEPEND;
      }
    }
    jobs.put(job.id, job);
    launched.add(spec);
    notifyAll();
    return job;
  }

  private static DoubleLayer layer(Element layer) {
    String name = layer.getAttribute("name").replace('-', '_').toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()) {
      throw new LaunchRefused("invalid layer name: " + name);
    }
    LayerType type = switch (layer.getAttribute("type")) {
      case "Render" -> LayerType.RENDER;
      case "Util" -> LayerType.UTIL;
      default -> throw new LaunchRefused("this test double takes Render and Util layers only");
    };
    String range = text(layer, "range");
    Matcher span = RANGE.matcher(range.strip());
    if (!span.matches()) {
      throw new LaunchRefused("this test double takes a range of one span only, not " + range);
    }
    int first = Integer.parseInt(span.group(1));
    int last = span.group(2) == null ? first : Integer.parseInt(span.group(2));
    int chunk = Integer.parseInt(text(layer, "chunk"));
    String cores = textOr(layer, "cores", "1.0");
    // With a decimal point, cores; without, hundredths of a core; at least one thread.
    int threads = Math.max(1, (int) (cores.contains(".") ? Double.parseDouble(cores) : Double.parseDouble(cores) / 100));
    DoubleLayer made = new DoubleLayer(name, type, text(layer, "cmd"), range, chunk, threads, env(layer),
        Integer.parseInt(textOr(layer, "gpus", "0")));
    for (int start = first; start <= last; start += chunk) {
      made.tasks.add(new DoubleTask(made, start, Math.min(last, start + chunk - 1)));
    }
    return made;
  }

  /** Parses and validates as Cuebot does: its validating parser, the DTD served from this build, not the network. */
  private static Document parse(String spec) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setValidating(true);
      factory.setIgnoringElementContentWhitespace(true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setEntityResolver((publicId, systemId) -> {
        if (!DTD_URL.equals(systemId)) {
          throw new SAXException("no DTD at " + systemId);
        }
        InputStream dtd = CuebotTestDouble.class.getResourceAsStream(DTD_RESOURCE);
        InputSource source = new InputSource(dtd);
        source.setSystemId(systemId);
        return source;
      });
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new InputSource(new StringReader(spec)));
    } catch (Exception e) {
      throw new LaunchRefused("Failed to parse job spec XML, " + e.getMessage());
    }
  }

  private static Map<String, String> env(Element parent) {
    Map<String, String> env = new LinkedHashMap<>();
    Element first = child(parent, "env");
    if (first != null) {
      for (Element key : children(first, "key")) {
        env.put(key.getAttribute("name"), key.getTextContent());
      }
    }
    return env;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    if (element == null) {
      throw new LaunchRefused("<" + name + "> is missing from <" + parent.getTagName() + ">");
    }
    return element.getTextContent().strip();
  }

  private static String textOr(Element parent, String name, String otherwise) {
    Element element = child(parent, name);
    return element == null ? otherwise : element.getTextContent().strip();
  }

  // ---- running tasks, as RQD would

  private void dispatch() {
    while (!closed) {
      synchronized (this) {
        for (DoubleJob job : jobs.values()) {
          if (job.finished) {
            continue;
          }
          for (DoubleLayer layer : job.layers) {
            boolean ready = layer.dependsOn.stream().allMatch(on -> on.tasks.stream()
                .allMatch(t -> t.state == FrameState.SUCCEEDED));
            for (DoubleTask task : layer.tasks) {
              if (ready && task.state == FrameState.DEPEND) {
                task.state = FrameState.WAITING;
              }
              if (task.state == FrameState.WAITING && running() < slots) {
                start(job, task);
              }
            }
          }
        }
        try {
          wait(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private int running() {
    return (int) jobs.values().stream().flatMap(j -> j.tasks().stream())
        .filter(t -> t.state == FrameState.RUNNING).count();
  }

  /** Starts a task's command; called holding the lock. */
  private void start(DoubleJob job, DoubleTask task) {
    DoubleLayer layer = task.layer;
    String frameSpec = task.first == task.last ? Integer.toString(task.first) : task.first + "-" + task.last;
    // Cuebot replaces the tokens in this order, as plain text.
    String command = layer.command
        .replace("#ZFRAME#", String.format(Locale.ROOT, "%04d", task.first))
        .replace("#IFRAME#", Integer.toString(task.first))
        .replace("#FRAME_START#", Integer.toString(task.first))
        .replace("#FRAME_END#", Integer.toString(task.last))
        .replace("#FRAME_CHUNK#", Integer.toString(layer.chunk))
        .replace("#LAYER#", layer.name)
        .replace("#JOB#", job.name)
        .replace("#FRAMESPEC#", frameSpec)
        .replace("#FRAME#", task.name);
    try {
      Files.createDirectories(job.logDir);
      Path temp = Files.createDirectories(work.resolve("rqd-tmp"));
      Path file = temp.resolve("rqd-cmd-" + task.id + "-" + System.nanoTime());
      Files.writeString(file, command + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", file.toString()).directory(temp.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log(job, task).toFile()));
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.putAll(job.env);
      env.putAll(layer.env);
      env.put("CUE3", "1");
      env.put("CUE_THREADS", Integer.toString(layer.threads));
      env.put("CUE_GPUS", Integer.toString(layer.gpus));
      if (layer.gpus > 0) {
        env.put("CUE_GPU_CORES", "0");
      }
      env.put("CUE_LOG_PATH", job.logDir.toString());
      env.put("CUE_RANGE", layer.range);
      env.put("CUE_CHUNK", Integer.toString(layer.chunk));
      env.put("CUE_IFRAME", Integer.toString(task.first));
      env.put("CUE_LAYER", layer.name);
      env.put("CUE_JOB", job.name);
      env.put("CUE_FRAME", task.name);
      env.put("CUE_SHOW", job.show);
      env.put("CUE_SHOT", job.shot);
      env.put("CUE_USER", job.user);
      env.put("CUE_JOB_ID", job.id);
      env.put("CUE_LAYER_ID", layer.id);
      env.put("CUE_FRAME_ID", task.id);
      env.put("USER", job.user);
      env.put("LOGNAME", job.user);
      task.state = FrameState.RUNNING;
      task.process = builder.start();
      commands.add(command);
      Process process = task.process;
      process.onExit().thenAcceptAsync(done -> finished(job, task, process), exits);
    } catch (IOException e) {
      // RQD reports a command it cannot start as a failed launch.
      task.exitStatus = 256;
      failed(job, task);
    }
  }

  private synchronized void finished(DoubleJob job, DoubleTask task, Process process) {
    if (task.process != process) {
      return;
    }
    task.process = null;
    if (job.finished) {
      // Killed with the job: it will never run again.
      task.state = FrameState.WAITING;
      return;
    }
    task.exitStatus = process.exitValue();
    if (task.exitStatus == 0) {
      task.state = FrameState.SUCCEEDED;
    } else {
      failed(job, task);
    }
    // A job with nothing left to do finishes; dead tasks keep it pending.
    if (job.tasks().stream().allMatch(t -> t.state == FrameState.SUCCEEDED || t.state == FrameState.EATEN)) {
      job.finished = true;
    }
    notifyAll();
  }

  private void failed(DoubleJob job, DoubleTask task) {
    if (task.retries < job.maxRetries) {
      task.retries++;
      task.state = FrameState.WAITING;
    } else {
      task.state = FrameState.DEAD;
    }
  }

  private static Path log(DoubleJob job, DoubleTask task) {
    return job.logDir.resolve(job.name + "." + task.name + ".rqlog");
  }

  // ---- the API

  private synchronized DoubleJob job(String id) {
    DoubleJob job = jobs.get(id);
    if (job == null) {
      throw Status.NOT_FOUND.withDescription("Failed to find job data for id " + id).asRuntimeException();
    }
    return job;
  }

  private static Job describe(DoubleJob job) {
    return Job.newBuilder().setId(job.id).setName(job.name).setShow(job.show).setShot(job.shot).setUser(job.user)
        .setState(job.finished ? JobState.FINISHED : JobState.PENDING).setLogDir(job.logDir.toString()).build();
  }

  private static Layer describe(DoubleLayer layer) {
    return Layer.newBuilder().setId(layer.id).setName(layer.name).setType(layer.type).setRange(layer.range)
        .setChunkSize(layer.chunk).setCommand(layer.command).build();
  }

  private static Frame describe(DoubleTask task) {
    return Frame.newBuilder().setId(task.id).setName(task.name).setLayerName(task.layer.name).setNumber(task.first)
        .setState(task.state).setRetryCount(task.retries).setExitStatus(task.exitStatus)
        .setLastResource(task.state == FrameState.RUNNING ? "localhost/" + task.layer.threads + ".00" : "")
        .build();
  }

  private final class Jobs extends JobInterfaceGrpc.JobInterfaceImplBase {
    @Override
    public void launchSpecAndWait(JobLaunchSpecAndWaitRequest request,
        StreamObserver<JobLaunchSpecAndWaitResponse> answer) {
      reply(answer, () -> {
        try {
          DoubleJob job = launch(request.getSpec());
          synchronized (CuebotTestDouble.this) {
            return JobLaunchSpecAndWaitResponse.newBuilder().setJobs(JobSeq.newBuilder().addJobs(describe(job)))
                .build();
          }
        } catch (LaunchRefused e) {
          throw Status.INTERNAL.withDescription("Failed to launch and add job: " + e.getMessage()).asRuntimeException();
        }
      });
    }

    @Override
    public void getJob(JobGetJobRequest request, StreamObserver<JobGetJobResponse> answer) {
      reply(answer, () -> {
        synchronized (CuebotTestDouble.this) {
          return JobGetJobResponse.newBuilder().setJob(describe(job(request.getId()))).build();
        }
      });
    }

    @Override
    public void getJobs(JobGetJobsRequest request, StreamObserver<JobGetJobsResponse> answer) {
      reply(answer, () -> {
        JobSearchCriteria r = request.getR();
        synchronized (CuebotTestDouble.this) {
          JobSeq.Builder found = JobSeq.newBuilder();
          for (DoubleJob job : jobs.values()) {
            boolean named = r.getJobsList().contains(job.name) || r.getIdsList().contains(job.id);
            if (named && (r.getIncludeFinished() || !job.finished)) {
              found.addJobs(describe(job));
            }
          }
          return JobGetJobsResponse.newBuilder().setJobs(found).build();
        }
      });
    }

    @Override
    public void getLayers(JobGetLayersRequest request, StreamObserver<JobGetLayersResponse> answer) {
      reply(answer, () -> {
        synchronized (CuebotTestDouble.this) {
          LayerSeq.Builder layers = LayerSeq.newBuilder();
          job(request.getJob().getId()).layers.forEach(layer -> layers.addLayers(describe(layer)));
          return JobGetLayersResponse.newBuilder().setLayers(layers).build();
        }
      });
    }

    @Override
    public void getFrames(JobGetFramesRequest request, StreamObserver<JobGetFramesResponse> answer) {
      reply(answer, () -> {
        FrameSearchCriteria r = request.getReq();
        synchronized (CuebotTestDouble.this) {
          List<DoubleTask> tasks = job(request.getJob().getId()).tasks();
          // As Cuebot pages: page 0 counts as 1, but the window is the client's own limit, so 0 gives no rows.
          int page = Math.max(1, r.getPage());
          int from = (int) Math.min(tasks.size(), (long) (page - 1) * r.getLimit());
          int to = (int) Math.min(tasks.size(), (long) from + Math.min(1000, r.getLimit()));
          FrameSeq.Builder frames = FrameSeq.newBuilder();
          tasks.subList(from, to).forEach(task -> frames.addFrames(describe(task)));
          return JobGetFramesResponse.newBuilder().setFrames(frames).build();
        }
      });
    }

    @Override
    public void setMaxRetries(JobSetMaxRetriesRequest request, StreamObserver<JobSetMaxRetriesResponse> answer) {
      reply(answer, () -> {
        synchronized (CuebotTestDouble.this) {
          job(request.getJob().getId()).maxRetries = request.getMaxRetries();
          return JobSetMaxRetriesResponse.getDefaultInstance();
        }
      });
    }

    @Override
    public void kill(JobKillRequest request, StreamObserver<JobKillResponse> answer) {
      reply(answer, () -> {
        kills.add(request);
        synchronized (CuebotTestDouble.this) {
          DoubleJob job = job(request.getJob().getId());
          // Cuebot logs a kill without a reason as invalid, and still answers OK.
          if (!request.getReason().isEmpty() && !request.getUsername().isEmpty()) {
            job.finished = true;
            for (DoubleTask task : job.tasks()) {
              if (task.process != null) {
                task.process.descendants().forEach(ProcessHandle::destroyForcibly);
                task.process.destroyForcibly();
              }
            }
          }
          return JobKillResponse.getDefaultInstance();
        }
      });
    }
  }

  private static final class Cue extends CueInterfaceGrpc.CueInterfaceImplBase {
    @Override
    public void getSystemStats(CueGetSystemStatsRequest request, StreamObserver<CueGetSystemStatsResponse> answer) {
      reply(answer, CueGetSystemStatsResponse::getDefaultInstance);
    }
  }

  private static <T> void reply(StreamObserver<T> answer, Supplier<T> call) {
    try {
      answer.onNext(call.get());
      answer.onCompleted();
    } catch (io.grpc.StatusRuntimeException e) {
      answer.onError(e);
    } catch (RuntimeException e) {
      answer.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    dispatcher.interrupt();
    synchronized (this) {
      for (DoubleJob job : jobs.values()) {
        job.finished = true;
        for (DoubleTask task : job.tasks()) {
          if (task.process != null) {
            task.process.descendants().forEach(ProcessHandle::destroyForcibly);
            task.process.destroyForcibly();
          }
        }
      }
    }
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    exits.shutdownNow();
  }
}
