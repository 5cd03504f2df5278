package org.portraitperf.face;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.models.ModelFile;
import org.portraitperf.models.ModelStore;

/**
 * The face package's front door: analyses stills and opens trackers for clips. It owns the
 * detector and the landmark model, loading each on first use (so commands that never look at a
 * face never pay for them) and releasing the detector's native session on {@link #close()}.
 */
@Singleton
public final class FaceAnalyzer implements AutoCloseable {
  private final ModelStore models;

  private FaceDetector detector;
  private LandmarkModel landmarkModel;

  @Inject
  FaceAnalyzer(ModelStore models) {
    this.models = models;
  }

  /**
   * Every face in a still picture, left to right.
   *
   * @param name how the user named the picture, for errors
   * @throws FaceException when there is no face
   */
  public List<FaceObservation> analyseAll(RgbPixels image, String name) {
    List<FaceObservation> faces = new ArrayList<>();
    for (Detection detection : detector().detect(image)) {
      Landmarks landmarks = landmarkModel().fit(image, detection);
      if (FaceTracker.plausible(landmarks, image.width(), image.height())) {
        faces.add(FaceObservation.of(landmarks));
      }
    }
    if (faces.isEmpty()) {
      throw new FaceException(name, "no face found (" + image.width() + "x" + image.height() + " picture)");
    }
    faces.sort(Comparator.comparingDouble(face -> face.landmarks().mean(0, Landmarks.COUNT - 1)[0]));
    return faces;
  }

  /**
   * The selected face of a still picture, such as a portrait.
   *
   * @throws FaceException when there is no face, or none matching the selection
   */
  public FaceObservation analyse(RgbPixels image, FaceSelection selection, String name) {
    List<Detection> detections = detector().detect(image);
    Detection chosen = selection.pick(detections, image.width(), image.height())
        .orElseThrow(() -> new FaceException(name, detections.isEmpty()
            ? "no face found (" + image.width() + "x" + image.height() + " picture)"
            : "no face matches the selection " + selection + " (" + detections.size() + " found)"));
    return FaceObservation.of(landmarkModel().fit(image, chosen));
  }

  /** A tracker for one clip of the given frame rate, with the default landmark smoothing. */
  public FaceTracker newTracker(FaceSelection selection, double framesPerSecond) {
    return newTracker(selection, framesPerSecond, LandmarkSmoother.DEFAULT_SMOOTHING);
  }

  /**
   * A tracker for one clip of the given frame rate.
   *
   * @param smoothing temporal smoothing of the landmarks, 0 (none) to 1 (heavy), see {@link LandmarkSmoother}
   */
  public FaceTracker newTracker(FaceSelection selection, double framesPerSecond, double smoothing) {
    return new FaceTracker(detector(), landmarkModel(), selection, framesPerSecond, smoothing);
  }

  /** The inference runtime and the execution providers it offers, for {@code doctor}. */
  public List<String> runtimeReport() {
    return BlazeFaceDetector.runtimeReport();
  }

  private synchronized FaceDetector detector() {
    if (detector == null) {
      detector = BlazeFaceDetector.open(models);
    }
    return detector;
  }

  private synchronized LandmarkModel landmarkModel() {
    if (landmarkModel == null) {
      landmarkModel = DlibLandmarkModel.load(models.require(ModelFile.DLIB_LANDMARKS_68));
    }
    return landmarkModel;
  }

  @Override
  public synchronized void close() {
    if (detector != null) {
      detector.close();
      detector = null;
    }
  }
}
