package org.portraitperf.models;

/**
 * A model file the foundation needs, where it lives under the model directory, and the SHA-256
 * it must have. The digests pin the exact upstream releases named in {@link ModelSource}.
 */
public enum ModelFile {
  /** BlazeFace short-range detector (faces filling much of the frame). */
  BLAZEFACE_FRONT(
      "blazeface/face_detection_front_128x128_barracuda.onnx",
      "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"),
  /** BlazeFace detector trained for smaller faces, run at 256x256. */
  BLAZEFACE_BACK(
      "blazeface/face_detection_back_256x256_barracuda.onnx",
      "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"),
  /** dlib's 68-point shape predictor (iBUG 300-W training data; non-commercial terms). */
  DLIB_LANDMARKS_68(
      "dlib/shape_predictor_68_face_landmarks.dat",
      "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f");

  private final String relativePath;
  private final String sha256;

  ModelFile(String relativePath, String sha256) {
    this.relativePath = relativePath;
    this.sha256 = sha256;
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
