package org.portraitperf.jobs.farm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The project's cjsl-1.15 declaration: what it lets through and what Cuebot's validating parser would refuse. */
class CueSpecDtdTest {
  private static final String DOCTYPE = "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\""
      + " \"http://localhost:8080/spcue/dtd/cjsl-1.15.dtd\">";

  /** A spec with one layer whose children are {@code layerBody}, and {@code depends} after the job. */
  private static String spec(String layerBody, String depends) {
    return "<?xml version=\"1.0\"?>\n" + DOCTYPE + "\n<spec><facility>local</facility><show>testing</show>"
        + "<shot>take_0042</shot><user>artist</user><uid>1001</uid><job name=\"pp_take\"><paused>false</paused>"
        + "<priority>50</priority><maxretries>1</maxretries><autoeat>false</autoeat>"
        + "<env><key name=\"PP_TAKE\">take_0042</key></env><layers><layer name=\"animate\" type=\"Render\">"
        + layerBody + "</layer></layers></job>" + depends + "</spec>";
  }

  private static final String LAYER = "<cmd>pp --from #FRAME_START# --to #FRAME_END# &amp;&amp; true</cmd>"
      + "<range>1001-1100</range><chunk>10</chunk><cores>4.0</cores><memory>8g</memory><gpus>1</gpus>"
      + "<gpu_memory>8g</gpu_memory><tags>general | gpu</tags><env><key name=\"PP_LOG\">info</key></env>"
      + "<services><service>shell</service></services>";

  private static FarmException refused(String spec) {
    return assertThrows(FarmException.class, () -> CueSpecDtd.validate(spec));
  }

  @Test
  void validate_everyOptionalPartInItsPlace_passes() {
    CueSpecDtd.validate(spec(LAYER, "<depends><depend type=\"FRAME_ON_FRAME\" anyframe=\"false\"><depjob>pp_take"
        + "</depjob><deplayer>animate</deplayer><depframe>1001-animate</depframe><onjob>pp_take</onjob>"
        + "<onlayer>animate</onlayer><onframe>1002-animate</onframe></depend></depends>"));
  }

  @Test
  void validate_layerChildrenOutOfOrder_isRefusedNamingTheLine() {
    FarmException error = refused(spec(LAYER.replace("<range>1001-1100</range><chunk>10</chunk>",
        "<chunk>10</chunk><range>1001-1100</range>"), ""));

    assertTrue(error.getMessage().startsWith("job spec: does not validate against cjsl-1.15 (line 3)"),
        error.getMessage());
    assertTrue(error.getMessage().contains("layer"), error.getMessage());
  }

  @Test
  void validate_undeclaredElement_isRefused() {
    assertTrue(refused(spec(LAYER.replace("<chunk>10</chunk>", "<chunk>10</chunk><frames>7</frames>"), ""))
        .getMessage().contains("frames"));
  }

  @Test
  void validate_departmentInsideTheJob_isRefused() {
    // The format declares dept in <spec> only, though Cuebot reads it from <job>: there it fails the parse.
    String message = refused(spec(LAYER, "").replace("<paused>", "<dept>lighting</dept><paused>")).getMessage();

    assertTrue(message.contains("\"job\""), message);
  }

  @Test
  void validate_unknownLayerType_isRefused() {
    assertTrue(refused(spec(LAYER, "").replace("type=\"Render\"", "type=\"Pre\"")).getMessage().contains("Pre"));
  }

  @Test
  void validate_otherDtdAddress_isRefusedWithoutFetchingIt() {
    FarmException error = refused(spec(LAYER, "").replace("http://localhost:8080/spcue/dtd/cjsl-1.15.dtd",
        "http://example.invalid/cjsl-1.15.dtd"));

    assertTrue(error.getMessage().contains("expected the DTD http://localhost:8080/spcue/dtd/cjsl-1.15.dtd"),
        error.getMessage());
  }

  @Test
  void validate_noDoctype_isRefused() {
    refused(spec(LAYER, "").replace(DOCTYPE, ""));
  }
}
