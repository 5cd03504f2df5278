package org.portraitperf.engine.neural;

import ai.onnxruntime.OnnxTensor;
import org.portraitperf.engine.Controls;
import org.portraitperf.engine.DrivingSource;
import org.portraitperf.engine.DrivingTrack;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.Layouts;
import org.portraitperf.engine.Session;
import org.portraitperf.face.FaceAnalyzer;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.FaceSelection;
import org.portraitperf.media.MediaLimits;
import org.portraitperf.media.RgbImage;
import org.portraitperf.media.RgbPixels;
import org.portraitperf.media.RgbaImage;
import org.portraitperf.models.InstalledPack;

/**
 * One portrait driven by one clip through the LivePortrait networks. At open: the portrait's face
 * crop, its appearance volume and motion, the reference frame's motion and the paste-back mask.
 * Per frame: the driving face's crop, its motion, the driven keypoints (relative or absolute,
 * region gains, expression-friendly), retargeting and stitching, the generator, paste-back.
 *
 * <p>Frame t depends only on the tracked face of t (the {@link DrivingTrack} makes that order-free)
 * and on what open computed, so random access gives the same pixels as sequential rendering.
 * Thread-safe: ONNX Runtime sessions run concurrently and nothing here changes after open. The
 * driving source belongs to the opener; the networks are shared with other sessions of the same
 * pack (see {@link SharedNets}), and closing the session lets go of them.
 */
final class NeuralSession implements Session {
  private final DrivingTrack track;
  private final SharedNets.Lease lease;
  private final LivePortraitNets nets;
  private final OnnxTensor appearance;
  private final KeypointDriver driver;
  private final float[] source;
  private final FaceObservation portraitFace;
  private final NeuralOptions options;
  private final EngineSettings settings;
  private final PasteBack paste;
  private final Layouts.Size drivingSize;
  private final Layouts.Size outputSize;

  private NeuralSession(DrivingTrack track, SharedNets.Lease lease, OnnxTensor appearance,
      KeypointDriver driver, FaceObservation portraitFace, NeuralOptions options, EngineSettings settings,
      PasteBack paste, Layouts.Size drivingSize, Layouts.Size outputSize) {
    this.track = track;
    this.lease = lease;
    this.nets = lease.nets();
    this.appearance = appearance;
    this.driver = driver;
    this.source = driver.sourceKeypoints();
    this.portraitFace = portraitFace;
    this.options = options;
    this.settings = settings;
    this.paste = paste;
    this.drivingSize = drivingSize;
    this.outputSize = outputSize;
  }

  /**
   * @throws org.portraitperf.media.MediaException when the portrait or the driving frames are larger than 8K
   * @throws org.portraitperf.face.FaceException when the portrait, or the whole clip, has no face
   * @throws org.portraitperf.models.ModelException naming the pack's file when a network cannot be
   *     loaded or does not fit the contract
   * @throws IllegalArgumentException when the reference frame lies outside the clip
   */
  static NeuralSession open(FaceAnalyzer faces, SharedNets shared, InstalledPack pack, NeuralOptions options,
      RgbImage portrait, String portraitName, DrivingSource driving, EngineSettings settings) {
    MediaLimits.requireEngineSize(portraitName, portrait.width(), portrait.height());
    RgbPixels first = driving.frame(0);
    MediaLimits.requireEngineSize(driving.name(), first.width(), first.height());
    EngineSettings.ReferenceFrame asked = settings.reference();
    if (!asked.auto() && asked.index() >= driving.frameCount()) {
      throw new IllegalArgumentException(Controls.REFERENCE_FRAME + " " + asked.index()
          + " lies beyond the last frame of " + driving.name() + " (" + (driving.frameCount() - 1) + ")");
    }
    FaceObservation face = faces.analyse(portrait, FaceSelection.LARGEST, portraitName);
    DrivingTrack track = new DrivingTrack(driving, faces, settings.face(), settings.smoothing());
    DrivingTrack.Found reference = track.faceAt(asked.auto() ? track.mostNeutralFrame() : asked.index());
    SharedNets.Lease lease = shared.acquire(pack, options.gpu());
    LivePortraitNets nets = lease.nets();
    OnnxTensor appearance = null;
    try {
      FaceCrop crop = FaceCrop.source(face.landmarks());
      float[] input = CropSampler.sample(portrait, crop);
      appearance = nets.appearance(input);
      Motion sourceMotion = nets.motion(input);
      Motion referenceMotion = drivingMotion(nets, driving.frame(reference.frame()), reference.face());
      KeypointDriver driver = new KeypointDriver(sourceMotion, referenceMotion, settings.motion(), settings.gains(),
          options.expressionFriendly());
      PasteBack paste = PasteBack.prepare(portrait, crop, face.landmarks(), settings.feather(),
          settings.layout() == EngineSettings.OutputLayout.PORTRAIT_CANVAS);
      Layouts.Size drivingSize = new Layouts.Size(first.width(), first.height());
      Layouts.Size outputSize = Layouts.size(settings.layout(),
          new Layouts.Size(portrait.width(), portrait.height()), drivingSize);
      return new NeuralSession(track, lease, appearance, driver, face, options, settings, paste,
          drivingSize, outputSize);
    } catch (RuntimeException e) {
      if (appearance != null) {
        appearance.close();
      }
      lease.close();
      throw e;
    }
  }

  /** Stages, each timed on its own by the bench: crop, motion network, keypoints, generator, paste-back. */
  @Override
  public RgbaImage render(int index) {
    return compose(generate(keypointsAt(index)));
  }

  /** The keypoints frame {@code index} is generated with. */
  float[] keypointsAt(int index) {
    DrivingTrack.Found found = track.faceAt(index);
    float[] input = drivingInput(track.pictureAt(index, found), found.face());
    return drivenKeypoints(nets.motion(input), found.face());
  }

  /** Portrait pixels paste-back writes each frame. */
  int pastedPixels() {
    return paste.pixels();
  }

  /** The portrait's own keypoints x_s. */
  float[] sourceKeypoints() {
    return source.clone();
  }

  /** The motion network's input for a driving frame: its face's upright crop at 256x256. */
  static float[] drivingInput(RgbPixels image, FaceObservation face) {
    return CropSampler.sample(image, FaceCrop.driving(face.landmarks()));
  }

  /** The motion of a driving frame's face. */
  static Motion drivingMotion(LivePortraitNets nets, RgbPixels image, FaceObservation face) {
    return nets.motion(drivingInput(image, face));
  }

  Motion motion(float[] input) {
    return nets.motion(input);
  }

  /** The generator's 512x512 crop for driven keypoints. */
  float[] generate(float[] driven) {
    return nets.warp(appearance, driven, source);
  }

  /**
   * The generated crop pasted into the portrait and laid out. The default layout is the opaque
   * portrait itself, so paste-back writes it directly instead of a face layer to be flattened (two
   * whole-frame copies fewer at 1080p).
   */
  RgbaImage compose(float[] generated) {
    RgbaImage pasted = paste.compose(generated, settings.colourMatch());
    if (settings.layout() == EngineSettings.OutputLayout.PORTRAIT_CANVAS) {
      return pasted;
    }
    return Layouts.apply(pasted, settings.layout(), drivingSize);
  }

  /**
   * The keypoints to generate with (contract §1.9): the driven keypoints, or with retargeting the
   * portrait's own plus the eye and lip networks' deltas; then stitching; then the overall strength.
   */
  float[] drivenKeypoints(Motion frame, FaceObservation face) {
    float[] driven;
    if (options.retargetEyes() || options.retargetLips()) {
      driven = settings.motion() == EngineSettings.MotionMode.RELATIVE ? source : driver.drive(frame);
      if (options.retargetEyes()) {
        double eyes = (face.leftImageEye() + face.rightImageEye()) / 2;
        driven = Stitching.add(driven, nets.eyes(Stitching.eyeInput(source, portraitFace.leftImageEye(),
            portraitFace.rightImageEye(), eyes)));
      }
      if (options.retargetLips()) {
        driven = Stitching.add(driven, nets.lips(Stitching.lipInput(source, portraitFace.mouth(), face.mouth())));
      }
    } else {
      driven = driver.drive(frame);
    }
    if (options.stitching()) {
      driven = Stitching.applyStitching(driven, nets.stitch(Stitching.stitchingInput(source, driven)));
    }
    return Stitching.toward(source, driven, settings.strength());
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
    appearance.close();
    lease.close();
  }
}
