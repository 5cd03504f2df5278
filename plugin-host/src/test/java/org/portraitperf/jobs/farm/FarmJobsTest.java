package org.portraitperf.jobs.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portraitperf.engine.EngineModule;
import org.portraitperf.face.FaceModule;
import org.portraitperf.jobs.BatchManifest;
import org.portraitperf.jobs.Jobs;
import org.portraitperf.jobs.TakeSpec;
import org.portraitperf.models.ModelsModule;
import org.portraitperf.testing.TestMedia;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A batch made into an OpenCue job spec: valid against the DTD at any size, a render and an
 * assembly layer per take with the right frames, chunks, tokens and dependencies, and only files
 * the farm can see. Nothing is launched: {@link FarmJobs#prepare} writes and sends nothing.
 */
class FarmJobsTest {
  /** A short clip (7 s at 30 fps), opened once per take when the batch is planned. */
  private static final Path DRIVING = TestMedia.driving("lp_d18.mp4").toAbsolutePath().normalize();
  private static final Path PORTRAIT = TestMedia.portrait("lp_s42.jpg").toAbsolutePath().normalize();
  private static final Path LAUNCHER = Path.of("/opt/portrait-performance/bin/pp");

  private static FarmJobs farmJobs;

  @TempDir Path dir;

  @BeforeAll
  static void wire() {
    Jobs jobs = Guice.createInjector(new ModelsModule(), new FaceModule(), new EngineModule()).getInstance(Jobs.class);
    farmJobs = new FarmJobs(jobs, address -> {
      throw new AssertionError("preparing a job must not connect to " + address);
    });
  }

  private static CueJobOptions options(Integer chunk, double cores) {
    return new CueJobOptions("testing", "Sc-12", "artist", null, 1001, null, chunk, cores, MemorySize.parse("6g"), 0,
        null, List.of("general"), "shell", Map.of("PP_MODELS_DIR", "/mnt/models"), LAUNCHER);
  }

  private FarmPaths roots() {
    return new FarmPaths(List.of(dir, TestMedia.root()), List.of());
  }

  /** A manifest in {@code dir} whose takes are the given lines; ranges of 4 frames. */
  private Path manifest(int retries, String... takes) throws IOException {
    List<String> lines = new ArrayList<>(List.of("version: 1", "rangeSize: 4", "retries: " + retries,
        "defaults: {engine: warp}", "takes:"));
    for (String take : takes) {
      lines.add("  - " + take);
    }
    return Files.writeString(dir.resolve("batch.yaml"), String.join("\n", lines) + "\n");
  }

  private static String take(String name, int in, int out, String output) {
    return "{name: " + name + ", portrait: " + PORTRAIT + ", driving: " + DRIVING + ", in: " + in + ", out: " + out
        + ", output: " + output + "}";
  }

  private static Document parse(String spec) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(spec)));
  }

  private static List<Element> elements(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 50})
  void prepare_takes_specValidatesWithARenderAndAnAssemblyLayerEach(int takes) throws Exception {
    String[] lines = new String[takes];
    for (int i = 0; i < takes; i++) {
      lines[i] = take("tk" + i, i, i + 9, "out/tk" + i + ".mp4");
    }

    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, lines)), options(null, 4), roots());

    CueSpecDtd.validate(submission.spec());
    Document spec = parse(submission.spec());
    assertEquals("spec", spec.getDoctype().getName());
    assertEquals(CueSpec.SYSTEM_ID, spec.getDoctype().getSystemId());
    List<Element> layers = elements(spec, "layer");
    assertEquals(2 * takes, layers.size());
    List<Element> depends = elements(spec, "depend");
    assertEquals(takes, depends.size());
    for (int i = 0; i < takes; i++) {
      assertEquals("render_tk" + i, layers.get(2 * i).getAttribute("name"));
      assertEquals("Render", layers.get(2 * i).getAttribute("type"));
      assertEquals(i + "-" + (i + 9), text(layers.get(2 * i), "range"));
      assertEquals("assemble_tk" + i, layers.get(2 * i + 1).getAttribute("name"));
      assertEquals("Util", layers.get(2 * i + 1).getAttribute("type"));
      Element depend = depends.get(i);
      assertEquals("LAYER_ON_LAYER", depend.getAttribute("type"));
      assertEquals("assemble_tk" + i, text(depend, "deplayer"));
      assertEquals("render_tk" + i, text(depend, "onlayer"));
      assertEquals(submission.job(), text(depend, "depjob"));
      assertEquals(submission.job(), text(depend, "onjob"));
    }
    assertEquals(takes * 10, submission.frames());
  }

  @Test
  void prepare_chunkedTake_eachTaskRendersItsChunkThroughCuebotsTokens() throws Exception {
    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, take("tk", 3, 12, "tk.mov"))),
        options(4, 2.5), roots());

    Document spec = parse(submission.spec());
    Element render = elements(spec, "layer").get(0);
    assertEquals("3-12", text(render, "range"));
    assertEquals("4", text(render, "chunk"));
    assertEquals("2.50", text(render, "cores"), "a decimal point, so Cuebot reads cores, not hundredths");
    assertEquals("6g", text(render, "memory"));
    assertEquals("general", text(render, "tags"));
    assertEquals("shell", text(render, "service"));
    Path ranges = dir.resolve(".portrait-performance/farm/" + submission.id() + "/take-000");
    Path manifest = dir.resolve(".portrait-performance/farm/" + submission.id() + "/manifest.json");
    assertEquals("'" + LAUNCHER + "' batch render-range --manifest '" + manifest + "' --take 'tk' --from #FRAME_START#"
        + " --to #FRAME_END# --ranges-in '" + ranges + "' --range-size 4 --threads 2", text(render, "cmd"));
    Element assemble = elements(spec, "layer").get(1);
    assertTrue(text(assemble, "cmd").startsWith("'" + LAUNCHER + "' batch assemble --manifest '" + manifest
        + "' --take 'tk' --from 3 --to 12 --ranges-in '" + ranges + "' --started "), text(assemble, "cmd"));
    assertEquals("1", text(assemble, "chunk"));
    // Ten frames in chunks of four: Cuebot makes three tasks, 3-6, 7-10 and 11-12.
    CueSpec.Layer layer = new CueSpec.Layer("render_tk", "Render", "true", new org.portraitperf.jobs.RangeFolder.Span(
        3, 12), 4, 1, MemorySize.parse("1g"), 0, null, List.of(), "shell");
    assertEquals(3, layer.tasks());
    assertEquals("1001", text(spec.getDocumentElement(), "uid"));
    assertEquals("sc_12", text(spec.getDocumentElement(), "shot"), "conformed as Cuebot would");
    assertEquals("/mnt/models", elements(spec, "key").get(0).getTextContent());
  }

  @Test
  void prepare_retriesAboveCuebotsSpecLimit_specAsksForOne() throws Exception {
    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(5, take("tk", 0, 3, "tk.mp4"))),
        options(null, 1), roots());

    assertEquals("1", text(parse(submission.spec()).getDocumentElement(), "maxretries"));
    assertEquals(5, submission.manifest().retries(), "raised after launch");
  }

  @Test
  void prepare_gpus_renderLayerReservesThemAndTheTaskSeesOnlyThose() throws Exception {
    CueJobOptions gpu = new CueJobOptions("testing", "sc12", "artist", null, null, null, null, 4,
        MemorySize.parse("8g"), 1, MemorySize.parse("6g"), List.of(), "shell", Map.of(), LAUNCHER);

    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, take("tk", 0, 3, "tk.mp4"))), gpu,
        roots());

    List<Element> layers = elements(parse(submission.spec()), "layer");
    assertEquals("1", text(layers.get(0), "gpus"));
    assertEquals("6g", text(layers.get(0), "gpu_memory"));
    assertTrue(text(layers.get(0), "cmd").startsWith("env CUDA_VISIBLE_DEVICES=\"$CUE_GPU_CORES\" '"));
    assertEquals(0, layers.get(1).getElementsByTagName("gpus").getLength(), "assembly needs no GPU");
  }

  @Test
  void prepare_portraitOutsideTheFarmRoots_isRefusedNamingItAndNothingIsWritten() throws Exception {
    Path manifest = manifest(2, take("tk", 0, 3, "tk.mp4"));

    FarmException refused = assertThrows(FarmException.class, () -> farmJobs.prepare(BatchManifest.read(manifest),
        options(null, 1), new FarmPaths(List.of(dir), List.of())));

    assertEquals("take tk portrait " + PORTRAIT, refused.subject());
    assertTrue(refused.problem().startsWith("lies outside the farm roots (" + dir.toRealPath() + ")"), refused.problem());
    assertFalse(Files.exists(dir.resolve(".portrait-performance")));
  }

  @Test
  void prepare_outputRootOutsideTheFarmRoots_isRefused() throws Exception {
    Path manifest = manifest(2, take("tk", 0, 3, "tk.mp4"));

    FarmException refused = assertThrows(FarmException.class, () -> farmJobs.prepare(BatchManifest.read(manifest),
        options(null, 1), new FarmPaths(List.of(TestMedia.root()), List.of())));

    assertTrue(refused.subject().startsWith("the job's folder under the output root " + dir),
        refused.subject());
  }

  @Test
  void prepare_pathMap_specAndTasksManifestUseTheFarmsSpelling() throws Exception {
    FarmPaths mapped = new FarmPaths(List.of(dir, TestMedia.root()),
        List.of(new FarmPaths.Mapping(dir, Path.of("/mnt/projects/show"))));

    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, take("tk", 0, 3, "sub/tk.mp4"))),
        options(null, 1), mapped);

    String farmFolder = "/mnt/projects/show/.portrait-performance/farm/" + submission.id();
    assertTrue(submission.spec().contains("--manifest '" + farmFolder + "/manifest.json'"), submission.spec());
    assertTrue(submission.spec().contains("--ranges-in '" + farmFolder + "/take-000'"), submission.spec());
    assertFalse(submission.spec().contains(dir.toString()), "no local spelling reaches the farm");
    TakeSpec onFarm = submission.manifest().takes().get(0);
    assertEquals(Path.of("/mnt/projects/show/sub/tk.mp4"), onFarm.output());
    assertEquals(PORTRAIT.toRealPath(), onFarm.portrait(), "storage the farm mounts at the same place stays");
    assertEquals(Path.of("/mnt/projects/show"), submission.manifest().outputRoot());
    assertEquals(dir.resolve(".portrait-performance/farm/" + submission.id()), submission.folder());
  }

  @Test
  void prepare_manifestForTheTasks_fixesFramesAndEngine() throws Exception {
    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, take("tk", 2, 9, "tk.mp4"))),
        options(null, 1), roots());

    TakeSpec frozen = submission.manifest().takes().get(0);
    assertEquals(2, frozen.in().frame());
    assertEquals(9, frozen.out().frame());
    assertEquals("warp", frozen.engine());
    assertEquals(4, submission.manifest().rangeSize());
  }

  @Test
  void prepare_refusedTake_isLeftOutOfTheJobWithItsReason() throws Exception {
    Path manifest = manifest(2, take("ok", 0, 3, "ok.mp4"),
        "{name: gone, portrait: " + dir.resolve("gone.png") + ", driving: " + DRIVING + ", output: gone.mp4}");

    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest), options(null, 1), roots());

    assertEquals(List.of("ok"), submission.accepted().stream().map(t -> t.spec().name()).toList());
    assertTrue(submission.refused().get(0).reason().contains("portrait does not exist"));
    assertEquals(2, elements(parse(submission.spec()), "layer").size());
  }

  @Test
  void prepare_takeNamesThatFoldToOneLayerName_getDistinctLayers() throws Exception {
    CueSubmission submission = farmJobs.prepare(BatchManifest.read(manifest(2, take("Tk-1", 0, 3, "a.mp4"),
        take("tk_1", 0, 3, "b.mp4"))), options(null, 1), roots());

    List<String> names = elements(parse(submission.spec()), "layer").stream().map(l -> l.getAttribute("name")).toList();
    assertEquals(List.of("render_tk_1", "assemble_tk_1", "render_tk_1_1", "assemble_tk_1_1"), names);
  }
}
