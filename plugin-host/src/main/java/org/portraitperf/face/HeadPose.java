package org.portraitperf.face;

/**
 * Head orientation in degrees, with the conventions used everywhere in the product: yaw is
 * positive when the face turns towards the image's right, pitch positive when it looks up, roll
 * positive when the head tilts clockwise as seen in the image. Mirroring a picture left to right
 * negates yaw and roll and keeps pitch.
 *
 * @param rotation row-major 3x3 rotation from the head's frame (x to the image's right, y down,
 *     z towards the camera) to the camera's
 * @param scale pixels per millimetre of the generic head model
 * @param originX image position of the head model's origin (the nose tip)
 * @param originY image position of the head model's origin
 * @param residual RMS fit error in pixels, a measure of how much the landmarks disagree with a
 *     rigid head (large during strong expressions or bad tracking)
 */
public record HeadPose(
    double yaw, double pitch, double roll, double[] rotation, double scale, double originX,
    double originY, double residual) {

  public HeadPose {
    if (rotation.length != 9) {
      throw new IllegalArgumentException("rotation must hold 9 values, found " + rotation.length);
    }
    rotation = rotation.clone();
  }

  /** The pose with this rotation, its angles read off it (R = Rz(roll) * Ry(yaw) * Rx(pitch)). */
  public static HeadPose of(double[] rotation, double scale, double originX, double originY, double residual) {
    double yaw = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, -rotation[6]))));
    double pitch = Math.toDegrees(Math.atan2(rotation[7], rotation[8]));
    double roll = Math.toDegrees(Math.atan2(rotation[3], rotation[0]));
    return new HeadPose(yaw, pitch, roll, rotation, scale, originX, originY, residual);
  }

  @Override
  public double[] rotation() {
    return rotation.clone();
  }
}
