package org.portraitperf.engine.warp;

import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.portraitperf.engine.Controls;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.DrivingTrack;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Layouts;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.face.IrisLocator;
import org.portraitperf.media.MediaLimits;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.media.RgbaImage;

/**
 * One portrait driven by one clip through the warp. All per-clip state lives in the
 * {@link DrivingTrack} (which makes frame t independent of the order frames are asked for) and in
 * the immutable {@link WarpAnimator}, so {@link #render} is safe from several threads. The driving
 * source belongs to whoever opened it; closing the session leaves it open.
 */
final class WarpSession implements Session {
  /** Working frames kept between calls: an editor's render thread or two. At 4K each is 33 MB, so a burst of calls is not kept. */
  private static final int WORKING_FRAMES_KEPT = 2;

  private final DrivingTrack track;
  private final WarpAnimator animator;
  private final EngineSettings settings;
  private final FaceObservation reference;
  private final RgbImage referenceImage;
  /** The reference frame's gaze, found once: every frame's gaze change is measured from it. */
  private final Optional<IrisLocator.Gaze> referenceGaze;
  /** Measures each frame's head pose against the reference picture. */
  private final HeadRegistration registration;
  private final Layouts.Size drivingSize;
  private final Layouts.Size outputSize;

  /**
   * Frames {@link #renderInto} renders in before laying them out: they never leave the session, so
   * a call reuses one instead of making a frame-size array. At most {@link #WORKING_FRAMES_KEPT}
   * stay between calls; more threads at once make their own, as {@link #render} does.
   */
  private final Deque<RgbaImage> workingFrames = new ConcurrentLinkedDeque<>();

  private WarpSession(DrivingTrack track, WarpAnimator animator, EngineSettings settings,
      DrivingTrack.Found reference, RgbImage referenceImage, Layouts.Size drivingSize, Layouts.Size outputSize) {
    this.track = track;
    this.animator = animator;
    this.settings = settings;
    this.reference = reference.face();
    this.referenceImage = referenceImage;
    this.referenceGaze = DrivingFrame.gazeOf(referenceImage, this.reference);
    this.registration = HeadRegistration.prepare(referenceImage, this.reference);
    this.drivingSize = drivingSize;
    this.outputSize = outputSize;
  }

  /**
   * Analyses the portrait (its largest face), checks both inputs' sizes against the engine's limit,
   * and finds the reference face ({@code auto} tracks the whole clip here, once).
   *
   * @throws org.portraitperf.media.MediaException when the portrait or the driving frames are larger than 8K
   * @throws org.portraitperf.face.FaceException when the portrait, or the whole clip, has no face
   * @throws IllegalArgumentException when the reference frame lies outside the clip
   */
  static WarpSession open(FaceAnalyzer faces, RgbImage portrait, String portraitName, DrivingSource driving,
      EngineSettings settings) {
    MediaLimits.requireEngineSize(portraitName, portrait.width(), portrait.height());
    // Reading frame 0 first learns the clip's frame size, and tracking starts on the same frame.
    RgbPixels first = driving.frame(0);
    MediaLimits.requireEngineSize(driving.name(), first.width(), first.height());
    EngineSettings.ReferenceFrame asked = settings.reference();
    if (!asked.auto() && asked.index() >= driving.frameCount()) {
      throw new IllegalArgumentException(Controls.REFERENCE_FRAME + " " + asked.index() + " is outside the driving clip "
          + driving.name() + " (0.." + (driving.frameCount() - 1) + ")");
    }
    FaceObservation portraitFace = faces.analyse(portrait, FaceSelection.LARGEST, portraitName);
    DrivingTrack track = new DrivingTrack(driving, faces, settings.face(), settings.smoothing());
    // Where the reference frame has no face of its own, the face held there and its picture stand in.
    DrivingTrack.Found reference = track.faceAt(asked.auto() ? track.mostNeutralFrame() : asked.index());
    // Kept for the whole session: a host's frame may be lent for this call only.
    RgbImage referenceImage = driving.frame(reference.frame()).toImage();
    Layouts.Size drivingSize = new Layouts.Size(first.width(), first.height());
    Layouts.Size outputSize = Layouts.size(settings.layout(),
        new Layouts.Size(portrait.width(), portrait.height()), drivingSize);
    return new WarpSession(track, WarpAnimator.prepare(portrait, portraitFace), settings, reference,
        referenceImage, drivingSize, outputSize);
  }

  @Override
  public RgbaImage render(int index) {
    return Layouts.apply(animator.render(drivingFrame(index), settings), settings.layout(), drivingSize);
  }

  /** Renders in a working frame of the session's, then lays it out into the target in one pass. */
  @Override
  public void renderInto(int index, ByteBuffer target) {
    DrivingFrame frame = drivingFrame(index);
    RgbaImage working = workingFrames.poll();
    if (working == null) {
      working = animator.newFrame();
    }
    try {
      animator.render(frame, settings, working);
      Layouts.applyInto(working, settings.layout(), drivingSize, target);
    } finally {
      // Threads finishing together may all find room: a few more at most, and only as many as rendered at once.
      if (workingFrames.size() < WORKING_FRAMES_KEPT) {
        workingFrames.push(working);
      }
    }
  }

  /**
   * What the animator needs of driving frame {@code index}. Where the face was lost, the whole
   * driving frame is held, picture and face together: the picture feeds the mouth interior and the
   * wrinkle detail, which must match the held face.
   */
  private DrivingFrame drivingFrame(int index) {
    // Track first: it reads frame index last, so the picture below comes from the source's one-frame cache.
    DrivingTrack.Found found = track.faceAt(index);
    RgbPixels image = track.pictureAt(index, found);
    HeadRegistration.Aligned head = registration.refine(image, found.face());
    return new DrivingFrame(image, found.face(), reference, referenceImage, referenceGaze, head.pose(), head.trust());
  }

  @Override
  public int width() {
    return outputSize.width();
  }

  @Override
  public int height() {
    return outputSize.height();
  }

  @Override
  public void close() {
    // The tracker holds no native resources, and the source is the opener's: only memory to let go.
    workingFrames.clear();
  }
}
