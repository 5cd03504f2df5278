package org.portraitperf.engine.warp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.RealEngines;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.Landmarks;
import org.portraitperf.media.RgbImage;
import org.portraitperf.testing.TestMedia;

/**
 * Where the motion transfer puts the portrait's face and the ring round its head when the driver
 * moves far more than a still portrait can follow: the real landmark fit of a real portrait, driven
 * by a real clip's reference face moved by a known amount.
 */
@ExtendWith(RealEngines.class)
class MotionTransferIT {
  // lp_s42.jpg: a frontal young woman; the driver is frame 0 of lp_d12.
  private static FaceObservation portraitFace;
  private static MotionTransfer motion;
  private static DrivingFrame reference;

  @BeforeAll
  static void prepare(FaceAnalyzer analyzer) {
    RgbImage portrait = TestMedia.image("portraits/lp_s42.jpg");
    portraitFace = analyzer.analyse(portrait, FaceSelection.LARGEST, "lp_s42.jpg");
    motion = new MotionTransfer(portraitFace, portrait);
    reference = DrivingClips.frame(analyzer, "lp_d12.mp4", 0);
  }

  @Test
  void targets_driverLeansRightIntoTheCamera_growsTheFaceOnlyALittle() {
    // The driving face at 1.6 times its size: followed whole, the head would balloon over its hair.
    MotionTransfer.Targets targets = motion.targets(scaled(1.6), EngineSettings.DEFAULTS);

    double growth = spread(targets.x(), targets.y()) / spread(portraitFace.landmarks().xs(), portraitFace.landmarks().ys());
    assertTrue(growth > 1.04, "the face must still come closer, grew " + growth);
    assertTrue(growth < 1.12, "the face may grow by about a tenth at most, grew " + growth);
  }

  @Test
  void targets_driverLeansInAndDrops_theJawNeverPassesTheRingBelowOrBesideIt(FaceAnalyzer analyzer) {
    // lp_s9.jpg, a 3/4 painted face with its neck close below the chin, driven by frame 62 of lp_d12,
    // where the driver has leaned in and sunk, mouth open: the face heads down onto a neck that
    // follows the head only in part. A jaw that passed a ring point would fold the picture there.
    RgbImage portrait = TestMedia.image("portraits/lp_s9.jpg");
    FaceObservation painted = analyzer.analyse(portrait, FaceSelection.LARGEST, "lp_s9.jpg");
    MotionTransfer transfer = new MotionTransfer(painted, portrait);
    MotionTransfer.Targets targets = transfer.targets(DrivingClips.frame(analyzer, "lp_d12.mp4", 62), EngineSettings.DEFAULTS);

    double[] ringX = transfer.ringSourceX();
    double[] ringY = transfer.ringSourceY();
    float[] xs = painted.landmarks().xs();
    float[] ys = painted.landmarks().ys();
    for (int j = 0; j < ringX.length; j++) {
      int outline = nearestJawOrBrow(xs, ys, ringX[j], ringY[j]);
      double gapX = ringX[j] - xs[outline];
      double gapY = ringY[j] - ys[outline];
      int at = Landmarks.COUNT + j;
      double along = (targets.x()[at] - targets.x()[outline]) * gapX + (targets.y()[at] - targets.y()[outline]) * gapY;
      assertTrue(along > 0, "ring point " + j + " was passed by landmark " + outline);
    }
  }

  /** The reference driving face scaled about its nose tip, as the driver's current frame. */
  private static DrivingFrame scaled(double scale) {
    Landmarks face = reference.face().landmarks();
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = (float) (face.x(30) + scale * (face.x(i) - face.x(30)));
      ys[i] = (float) (face.y(30) + scale * (face.y(i) - face.y(30)));
    }
    return new DrivingFrame(reference.image(), FaceObservation.of(new Landmarks(xs, ys)), reference.reference(),
        reference.referenceImage());
  }

  /** Root-mean-square distance of the 68 landmarks from their mean. */
  private static double spread(double[] x, double[] y) {
    float[] xs = new float[Landmarks.COUNT];
    float[] ys = new float[Landmarks.COUNT];
    for (int i = 0; i < Landmarks.COUNT; i++) {
      xs[i] = (float) x[i];
      ys[i] = (float) y[i];
    }
    return spread(xs, ys);
  }

  private static double spread(float[] xs, float[] ys) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      mx += xs[i] / Landmarks.COUNT;
      my += ys[i] / Landmarks.COUNT;
    }
    double sum = 0;
    for (int i = 0; i < Landmarks.COUNT; i++) {
      sum += (xs[i] - mx) * (xs[i] - mx) + (ys[i] - my) * (ys[i] - my);
    }
    return Math.sqrt(sum / Landmarks.COUNT);
  }

  private static int nearestJawOrBrow(float[] xs, float[] ys, double x, double y) {
    int nearest = 0;
    for (int i = 1; i <= 26; i++) {
      if (Math.hypot(x - xs[i], y - ys[i]) < Math.hypot(x - xs[nearest], y - ys[nearest])) {
        nearest = i;
      }
    }
    return nearest;
  }

}
