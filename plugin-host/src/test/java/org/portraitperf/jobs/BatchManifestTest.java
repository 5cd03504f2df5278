package org.portraitperf.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.OutputLayout;

/** Reading manifests: YAML, JSON and CSV, defaults and overrides, and what the schema refuses. */
class BatchManifestTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  @Test
  void read_yamlWithDefaults_takesInheritAndOverrideThem() throws IOException {
    Path file = write("batch.yaml",
        "version: 1",
        "outputRoot: renders",
        "rangeSize: 24",
        "defaults: {engine: warp, strength: 0.8, layout: fit}",
        "takes:",
        "  - {name: sc1, portrait: p.png, driving: d.mov, in: 10, out: '00:00:02:00', output: sc1.mp4}",
        "  - {portrait: p.png, driving: d.mov, output: sub/sc2.mov, settings: {strength: 0.5, face: 'index:1'}}");

    BatchManifest manifest = BatchManifest.read(file);

    assertEquals(dir.resolve("renders"), manifest.outputRoot());
    assertEquals(24, manifest.rangeSize());
    assertEquals(BatchManifest.DEFAULT_RETRIES, manifest.retries());
    TakeSpec first = manifest.takes().get(0);
    assertEquals(dir.resolve("p.png"), first.portrait());
    assertEquals(dir.resolve("renders/sc1.mp4"), first.output());
    assertEquals(10, first.in().frame());
    assertEquals("00:00:02:00", first.out().timecode());
    assertEquals("warp", first.engine());
    assertEquals(0.8, first.settings().strength());
    assertEquals(OutputLayout.FIT_DRIVING, first.settings().layout());
    TakeSpec second = manifest.takes().get(1);
    assertEquals("take-2", second.name());
    assertEquals(0.5, second.settings().strength());
    assertEquals("index:1", second.settings().face().toString());
    assertEquals(OutputLayout.FIT_DRIVING, second.settings().layout(), "the default still applies");
  }

  @Test
  void read_jsonWithCsvTakeList_addsTheCsvRowsWithTheirControls() throws IOException {
    Files.createDirectories(dir.resolve("lists"));
    write("lists/takes.csv",
        "name,portrait,driving,in,out,output,expression-gain",
        "a1,../p.png,clips/a1.mp4,0,47,a1.mp4,1.5",
        "a2,../p.png,clips/a2.mp4,,,a2.mov,");
    Path file = write("batch.json",
        "{\"version\": 1, \"defaults\": {\"expression-gain\": 1.2}, \"takesCsv\": \"lists/takes.csv\"}");

    List<TakeSpec> takes = BatchManifest.read(file).takes();

    assertEquals(2, takes.size());
    assertEquals(dir.resolve("p.png"), takes.get(0).portrait(), "relative to the CSV's folder");
    assertEquals(dir.resolve("lists/clips/a1.mp4"), takes.get(0).driving());
    assertEquals(dir.resolve("a1.mp4"), takes.get(0).output(), "outputs are relative to the output root");
    assertEquals(47, takes.get(0).out().frame());
    assertEquals(1.5, takes.get(0).settings().gains().expression());
    assertEquals(1.2, takes.get(1).settings().gains().expression(), "an empty cell keeps the default");
    assertEquals(null, takes.get(1).in());
  }

  @Test
  void read_controlOutOfRange_isRefusedNamingTheFileAndTheField() throws IOException {
    Path file = write("batch.yaml",
        "version: 1",
        "takes:",
        "  - {portrait: p.png, driving: d.mov, output: o.mp4, settings: {strength: 3}}");

    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read(file));

    assertTrue(e.getMessage().startsWith(file + ": does not match the batch manifest schema"), e.getMessage());
    assertTrue(e.getMessage().contains("/takes/0/settings/strength"), e.getMessage());
  }

  @Test
  void read_unknownField_isRefusedNamingIt() throws IOException {
    Path file = write("batch.yaml", "version: 1", "takes: []", "ouputRoot: x");

    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read(file));

    assertTrue(e.getMessage().contains("ouputRoot"), e.getMessage());
  }

  @Test
  void read_csvWithUnknownColumn_isRefusedNamingTheColumn() throws IOException {
    write("takes.csv", "portrait,driving,output,sharpness", "p.png,d.mov,o.mp4,1");
    Path file = write("batch.yaml", "version: 1", "takesCsv: takes.csv");

    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read(file));

    assertTrue(e.getMessage().contains("'sharpness'"), e.getMessage());
  }

  @Test
  void read_sameTakeNameTwice_isRefused() throws IOException {
    Path file = write("batch.yaml",
        "version: 1",
        "takes:",
        "  - {name: a, portrait: p.png, driving: d.mov, output: 1.mp4}",
        "  - {name: a, portrait: p.png, driving: d.mov, output: 2.mp4}");

    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read(file));

    assertTrue(e.getMessage().contains("'a' is used twice"), e.getMessage());
  }

  @Test
  void read_notYaml_saysSoNamingTheFile() throws IOException {
    Path file = write("batch.yaml", "version: 1", "takes: [ {");

    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read(file));

    assertTrue(e.getMessage().startsWith(file + ": is not valid YAML"), e.getMessage());
  }

  @Test
  void read_takeWithoutSettings_getsTheDefaults() throws IOException {
    Path file = write("batch.yaml", "version: 1", "takes:", "  - {portrait: p.png, driving: d.mov, output: o.mp4}");

    TakeSpec take = BatchManifest.read(file).takes().get(0);

    assertEquals(EngineSettings.DEFAULTS, take.settings());
    assertEquals("auto", take.engine());
  }

  @Test
  void readText_jsonWithRelativePaths_resolvesThemFromTheBase() {
    BatchManifest manifest = BatchManifest.read(
        "{\"version\": 1, \"outputRoot\": \"renders\", \"takes\": [{\"name\": \"a\", \"portrait\": \"p.png\","
            + " \"driving\": \"d.mov\", \"output\": \"a.mp4\"}]}", dir);

    assertEquals(dir.resolve("renders"), manifest.outputRoot());
    assertEquals(dir.resolve("p.png"), manifest.takes().get(0).portrait());
    assertEquals(dir.resolve("renders/a.mp4"), manifest.takes().get(0).output());
  }

  @Test
  void readText_notYaml_isRefusedNamingTheInlineManifestAndItsBase() {
    ManifestException e = assertThrows(ManifestException.class, () -> BatchManifest.read("takes: [unclosed", dir));

    assertTrue(e.getMessage().startsWith("inline manifest (base " + dir + "): is not valid YAML or JSON"), e.getMessage());
  }

  @Test
  void write_thenRead_givesTheSameBatch() throws IOException {
    Path file = write("batch.yaml",
        "version: 1",
        "outputRoot: renders",
        "allowOutsideRoot: true",
        "rangeSize: 7",
        "retries: 4",
        "defaults: {engine: warp, strength: 0.8, reference-frame: 3, colour-match: false}",
        "takes:",
        "  - {name: sc1, portrait: p.png, driving: d.mov, in: 10, out: '00:00:02:00', output: sc1.mp4, format: mp4}",
        "  - {portrait: p.png, driving: d.mov, output: sub/sc2, settings: {face: 'at:0.5,0.25', layout: face-layer,"
            + " reference-frame: auto}}");
    BatchManifest original = BatchManifest.read(file);

    original.write(dir.resolve("copy/written.json"));
    BatchManifest copy = BatchManifest.read(dir.resolve("copy/written.json"));

    assertEquals(original.outputRoot(), copy.outputRoot());
    assertEquals(original.allowOutsideRoot(), copy.allowOutsideRoot());
    assertEquals(original.rangeSize(), copy.rangeSize());
    assertEquals(original.retries(), copy.retries());
    assertEquals(original.takes(), copy.takes());
  }
}
