package org.portraitperf.engine;

import java.util.ArrayList;
import java.util.List;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceException;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.FaceTracker;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;

/**
 * The driving clip's face, frame by frame, for any engine. The tracker carries history (its
 * smoothing filters, the previous frame's landmarks), so its answer for frame t depends on every
 * frame before t; to make frame t the same whether a host asks for it alone or after 0..t-1, this
 * class only ever tracks forward from frame 0 and caches each frame's result. Random access to t
 * first tracks the frames from the last cached one up to t, never from an arbitrary start.
 *
 * <p>Lost face: frame t gets the face of the last frame before it in which the face was found, so
 * the portrait holds its last good pose; frames before the first found face get the first found
 * face (which may mean tracking ahead of t until a face appears).
 *
 * <p>Memory: the cache keeps only the tracked observation per frame, 68 landmark pairs and the pose
 * (about 800 bytes, no pixels), so a 10-minute 25 fps clip costs about 12 MB; the frames themselves
 * are read through the {@link DrivingSource} and let go, except one: the picture of a face held
 * through a gap ({@link #pictureAt}).
 *
 * <p>Thread-safe: one lock guards the tracker and the cache, so concurrent requests track each
 * frame once, in order.
 */
public final class DrivingTrack {
  private final DrivingSource source;
  private final FaceTracker tracker;
  private final Object lock = new Object();

  /** The picture of the frame whose face is being held through a gap, so a gap costs one extra read, not one per frame. */
  private volatile Held held;

  private record Held(int frame, RgbImage image) {}

  /** Per frame: the tracked face, or null where it was not found. Grows as frames are tracked. */
  private final List<FaceObservation> found = new ArrayList<>();
  private int firstFound = -1;

  /**
   * @param face which face of the clip to follow
   * @param smoothing landmark smoothing, 0 to 1, as {@link EngineSettings#smoothing()}
   */
  public DrivingTrack(DrivingSource source, FaceAnalyzer faces, FaceSelection face, double smoothing) {
    this.source = source;
    this.tracker = faces.newTracker(face, source.frameRate().toDouble(), smoothing);
  }

  public int frameCount() {
    return source.frameCount();
  }

  /**
   * The face to animate a frame with.
   *
   * @param frame the frame the face was tracked in: the frame asked for, or the one whose face is held
   */
  public record Found(int frame, FaceObservation face) {}

  /**
   * The face to animate frame {@code index} with: the tracked face, or the held one where it was
   * lost (see the class comment).
   *
   * @throws FaceException when the whole clip holds no face
   * @throws IllegalArgumentException when the index lies outside the clip
   */
  public Found faceAt(int index) {
    if (index < 0 || index >= frameCount()) {
      throw new IllegalArgumentException(
          "frame " + index + " is outside the driving clip (0.." + (frameCount() - 1) + ")");
    }
    synchronized (lock) {
      trackThrough(index);
      while (firstFound < 0) {
        if (found.size() == frameCount()) {
          throw new FaceException(source.name(), "no face found in any of its " + frameCount() + " frames");
        }
        trackThrough(found.size());
      }
      for (int t = index; t >= firstFound; t--) {
        if (found.get(t) != null) {
          return new Found(t, found.get(t));
        }
      }
      return new Found(firstFound, found.get(firstFound));
    }
  }

  /**
   * The driving picture to animate frame {@code index} with, {@link #faceAt} having given {@code found}
   * for it: the frame's own picture, or the picture of the frame whose face is held, which must match
   * the held face. The frame's own picture is the source's (a host's may be lent for the call only);
   * a held one is kept, as an image of its own, for the rest of the gap.
   */
  public RgbPixels pictureAt(int index, Found found) {
    if (found.frame() == index) {
      return source.frame(index);
    }
    Held picture = held;
    if (picture == null || picture.frame() != found.frame()) {
      picture = new Held(found.frame(), source.frame(found.frame()).toImage());
      held = picture;
    }
    return picture.image();
  }

  /**
   * The most neutral frame of the clip, for the {@code auto} reference: the frame with the least
   * expression energy, where energy =
   * mouth openness / 0.1 (0 is closed; 0.1 is a slightly parted mouth)
   * + |mean eye openness - the clip's median| / 0.05 (blinks and wide eyes both count)
   * + (|yaw| + |pitch| + |roll|) / 10 degrees.
   * Each term is scaled so that one unit is a just-visible change. Frames where the face was lost
   * do not compete. Tracks the whole clip (once per session, cached).
   *
   * @throws FaceException when the whole clip holds no face
   */
  public int mostNeutralFrame() {
    synchronized (lock) {
      faceAt(frameCount() - 1);
      double[] eyes = found.stream().filter(f -> f != null).mapToDouble(DrivingTrack::eyes).sorted().toArray();
      double medianEyes = eyes[eyes.length / 2];
      int best = firstFound;
      double bestEnergy = Double.MAX_VALUE;
      for (int t = firstFound; t < found.size(); t++) {
        FaceObservation f = found.get(t);
        if (f == null) {
          continue;
        }
        double energy = f.mouth() / 0.1
            + Math.abs(eyes(f) - medianEyes) / 0.05
            + (Math.abs(f.pose().yaw()) + Math.abs(f.pose().pitch()) + Math.abs(f.pose().roll())) / 10;
        if (energy < bestEnergy) {
          bestEnergy = energy;
          best = t;
        }
      }
      return best;
    }
  }

  private static double eyes(FaceObservation face) {
    return (face.leftImageEye() + face.rightImageEye()) / 2;
  }

  /** Tracks forward from the last cached frame through {@code index}; the caller holds the lock. */
  private void trackThrough(int index) {
    while (found.size() <= index) {
      int t = found.size();
      FaceObservation face = tracker.track(source.frame(t)).face().orElse(null);
      found.add(face);
      if (face != null && firstFound < 0) {
        firstFound = t;
      }
    }
  }
}
