package org.portraitperf.api.cuebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmException;
import org.portraitperf.jobs.farm.FarmJob;
import org.portraitperf.jobs.farm.FarmSnapshot;
import org.portraitperf.jobs.farm.FarmTask;
import org.portraitperf.proto.opencue.job.JobKillRequest;
import org.portraitperf.testing.CuebotTestDouble;

/**
 * The Cuebot client over real gRPC on a loopback socket, against {@link CuebotTestDouble}, which
 * runs each task's shell command as a local process: launching, following, retries, dead tasks,
 * paging, killing and Cuebot's errors.
 */
class CuebotClientIT {
  private static final Duration POLL = Duration.ofMillis(100);

  @TempDir Path dir;
  private CuebotTestDouble cuebot;
  private CuebotClient client;

  @BeforeEach
  void start() throws IOException {
    cuebot = CuebotTestDouble.start(dir.resolve("farm"), 2, "testing");
    client = new CuebotClient(FarmAddress.parse(cuebot.address(), FarmAddress.CUEBOT_PORT));
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    cuebot.close();
  }

  /** A spec of the given layers (XML text each) and depends, as the cjsl format orders them. */
  private static String spec(int maxRetries, String layers, String depends) {
    return String.join("\n",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" \"http://localhost:8080/spcue/dtd/cjsl-1.15.dtd\">",
        "<spec><show>testing</show><shot>client_it</shot><user>artist</user>",
        "<job name=\"test\"><maxretries>" + maxRetries + "</maxretries><layers>" + layers + "</layers></job>",
        depends,
        "</spec>");
  }

  private static String layer(String name, String type, String range, int chunk, String command) {
    return "<layer name=\"" + name + "\" type=\"" + type + "\"><cmd>" + command.replace("&", "&amp;").replace("<", "&lt;")
        .replace(">", "&gt;") + "</cmd><range>" + range + "</range><chunk>" + chunk + "</chunk><cores>1.0</cores>"
        + "<services><service>shell</service></services></layer>";
  }

  private static String after(String layer, String onLayer) {
    return "<depends><depend type=\"LAYER_ON_LAYER\" anyframe=\"false\"><depjob>test</depjob><deplayer>" + layer
        + "</deplayer><onjob>test</onjob><onlayer>" + onLayer + "</onlayer></depend></depends>";
  }

  private FarmSnapshot follow(FarmJob job) {
    return FarmSnapshot.follow(client, job.id(), POLL, snapshot -> { });
  }

  @Test
  void launch_chunkedLayerThenDependentLayer_runsTokensPerChunkAndTheDependentAfter() throws IOException {
    Path lines = dir.resolve("render.txt");
    Path copy = dir.resolve("assemble.txt");
    String render = layer("render", "Render", "1-7", 3,
        "echo \"#FRAME_START# #FRAME_END# #FRAMESPEC# #FRAME# #LAYER#\" >> '" + lines + "'");
    String assemble = layer("assemble", "Util", "1", 1, "cat '" + lines + "' > '" + copy + "'");

    List<FarmJob> launched = client.launch(spec(1, render + assemble, after("assemble", "render")));

    assertEquals(1, launched.size());
    assertEquals("testing-client_it-artist_test", launched.get(0).name());
    FarmSnapshot end = follow(launched.get(0));
    assertEquals(FarmSnapshot.Outcome.DONE, end.outcome(), end.toString());
    Set<String> expected = Set.of("1 3 1-3 0001-render render", "4 6 4-6 0004-render render",
        "7 7 7 0007-render render");
    assertEquals(expected, Set.copyOf(Files.readAllLines(lines)));
    assertEquals(expected, Set.copyOf(Files.readAllLines(copy)), "the dependent layer ran after every chunk");
    assertEquals(7, end.framesTotal());
    assertEquals(7, end.framesDone());
    assertEquals(List.of("0001-render", "0004-render", "0007-render", "0001-assemble"),
        end.tasks().stream().map(FarmTask::name).toList());
  }

  @Test
  void setMaxRetries_taskFailingTwice_succeedsOnItsSecondRetry() throws IOException {
    Path tries = dir.resolve("tries");
    Path go = dir.resolve("go");
    // Waits for the test to raise the retries before its first failure.
    String flaky = layer("flaky", "Render", "1", 1, "while [ ! -f '" + go + "' ]; do sleep 0.05; done; echo x >> '"
        + tries + "'; [ \"$(wc -l < '" + tries + "')\" -ge 3 ]");
    FarmJob job = client.launch(spec(1, flaky, "")).get(0);

    client.setMaxRetries(job.id(), 2);
    Files.createFile(go);

    FarmSnapshot end = follow(job);
    assertEquals(FarmSnapshot.Outcome.DONE, end.outcome(), end.toString());
    assertEquals(2, end.tasks().get(0).retries());
    assertEquals(3, Files.readAllLines(tries).size());
  }

  @Test
  void follow_taskThatKeepsFailing_isDeadWithItsExitStatusAndLog() throws IOException {
    String failing = layer("render", "Render", "0-1", 2, "echo 'error: portrait.png: no face found' >&2; exit 3");
    FarmJob job = client.launch(spec(0, failing + layer("assemble", "Util", "0", 1, "true"),
        after("assemble", "render"))).get(0);

    FarmSnapshot end = follow(job);

    assertEquals(FarmSnapshot.Outcome.FAILED, end.outcome(), end.toString());
    assertEquals(FarmJob.State.PENDING, end.job().state(), "dead tasks keep the job pending");
    FarmTask dead = end.dead().get(0);
    assertEquals(3, dead.exitStatus());
    assertEquals(0, dead.retries());
    assertTrue(Files.readString(Path.of(end.log(dead))).contains("no face found"), end.log(dead));
    assertEquals(FarmTask.State.DEPEND, end.tasks().get(1).state(), "assembly waits for the dead chunk");
  }

  @Test
  void kill_runningJob_stopsItsTasksAndFinishesIt() throws Exception {
    FarmJob job = client.launch(spec(1, layer("render", "Render", "1-2", 1, "sleep 60"), "")).get(0);
    waitFor(() -> FarmSnapshot.of(client, job.id()).tasks().stream().anyMatch(t -> t.state() == FarmTask.State.RUNNING));

    client.kill(job.id(), "cancelled by a test");

    FarmSnapshot end = follow(job);
    assertEquals(FarmSnapshot.Outcome.ENDED, end.outcome(), end.toString());
    JobKillRequest kill = cuebot.kills().get(0);
    assertEquals("cancelled by a test", kill.getReason());
    assertFalse(kill.getUsername().isEmpty() || kill.getPid().isEmpty() || kill.getHostKill().isEmpty(),
        "Cuebot ignores a kill that lacks any of these: " + kill);
  }

  @Test
  void tasks_moreThanOnePage_areAllRead() throws Exception {
    String blocker = layer("first", "Render", "1", 1, "sleep 60");
    String many = layer("many", "Render", "1-1001", 1, "true");
    FarmJob job = client.launch(spec(1, blocker + many, after("many", "first"))).get(0);

    List<FarmTask> tasks = client.tasks(job.id());

    assertEquals(1002, tasks.size());
    assertEquals(1001, tasks.stream().map(FarmTask::name).filter(n -> n.endsWith("-many")).collect(Collectors.toSet())
        .size());
    client.kill(job.id(), "done looking");
  }

  @Test
  void findByName_launchedJob_isFoundAndAnUnknownOneIsNot() {
    FarmJob job = client.launch(spec(1, layer("render", "Render", "1", 1, "true"), "")).get(0);

    assertEquals(job.id(), client.findByName(job.name()).orElseThrow().id());
    assertTrue(client.findByName("testing-client_it-artist_other").isEmpty());
    FarmException unknown = assertThrows(FarmException.class, () -> client.job("no-such-id"));
    assertTrue(unknown.getMessage().contains("NOT_FOUND: Failed to find job data for id no-such-id")
        && unknown.getMessage().contains("check the job id or name"), unknown.getMessage());
  }

  @Test
  void launch_unknownShow_isCuebotsOwnWordsWithAHint() {
    String spec = spec(1, layer("render", "Render", "1", 1, "true"), "").replace("<show>testing", "<show>nosuchshow");

    FarmException refused = assertThrows(FarmException.class, () -> client.launch(spec));

    assertTrue(refused.getMessage().startsWith("cuebot " + cuebot.address() + ": launching the job failed: INTERNAL:"
        + " Failed to launch and add job: The show nosuchshow does not exist"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--show"), refused.getMessage());
  }

  @Test
  void launch_nothingListening_saysCuebotIsNotThere() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (CuebotClient nowhere = new CuebotClient(new FarmAddress("127.0.0.1", port))) {
      FarmException refused = assertThrows(FarmException.class, () -> nowhere.probe());

      assertTrue(refused.getMessage().contains("UNAVAILABLE") && refused.getMessage().contains("Connection refused")
          && refused.getMessage().contains("is Cuebot running on 127.0.0.1"), refused.getMessage());
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(50);
    }
  }
}
