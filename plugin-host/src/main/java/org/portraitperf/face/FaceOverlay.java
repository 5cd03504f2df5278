package org.portraitperf.face;

import org.portraitperf.media.RgbImage;

/**
 * Draws what the tracker saw onto a copy of the frame: the landmark contours, the head's axes at
 * the nose tip (x red, y green, z blue), and bars for eye and mouth openness in the top-left
 * corner. Drawn with plain pixel writes, so it needs no fonts or window system on a render node.
 */
public final class FaceOverlay {
  private static final int[][] CONTOURS = {
    {0, 16}, {17, 21}, {22, 26}, {27, 30}, {31, 35}, {36, 41, 36}, {42, 47, 42}, {48, 59, 48}, {60, 67, 60}
  };
  private static final int GREEN = 0x30e040, RED = 0xff3030, BLUE = 0x4090ff, YELLOW = 0xffd020;
  private static final int WHITE = 0xffffff, GREY = 0x404040;
  private static final double AXIS_LENGTH_MM = 50;

  private FaceOverlay() {}

  /** The frame with the tracked face drawn on it; an untracked frame gets a red border. */
  public static RgbImage draw(RgbImage frame, TrackedFrame tracked) {
    RgbImage out = new RgbImage(frame.width(), frame.height(), frame.pixels().clone());
    int stroke = Math.max(1, Math.round(Math.min(frame.width(), frame.height()) / 400f));
    if (tracked.face().isEmpty()) {
      int border = 4 * stroke;
      fillRect(out, 0, 0, out.width(), border, RED);
      fillRect(out, 0, out.height() - border, out.width(), border, RED);
      fillRect(out, 0, 0, border, out.height(), RED);
      fillRect(out, out.width() - border, 0, border, out.height(), RED);
      return out;
    }
    FaceObservation face = tracked.face().get();
    Landmarks l = face.landmarks();
    int contourColour = tracked.detected() ? YELLOW : GREEN;
    for (int[] contour : CONTOURS) {
      for (int i = contour[0]; i < contour[1]; i++) {
        line(out, l.x(i), l.y(i), l.x(i + 1), l.y(i + 1), stroke, contourColour);
      }
      if (contour.length == 3) {
        line(out, l.x(contour[1]), l.y(contour[1]), l.x(contour[2]), l.y(contour[2]), stroke, contourColour);
      }
    }
    for (int i = 0; i < Landmarks.COUNT; i++) {
      fillRect(out, Math.round(l.x(i)) - stroke, Math.round(l.y(i)) - stroke, 2 * stroke + 1, 2 * stroke + 1, WHITE);
    }
    HeadPose pose = face.pose();
    double[] r = pose.rotation();
    int[] colours = {RED, GREEN, BLUE};
    for (int axis = 0; axis < 3; axis++) {
      double length = AXIS_LENGTH_MM * pose.scale();
      line(out, (float) pose.originX(), (float) pose.originY(),
          (float) (pose.originX() + length * r[axis]), (float) (pose.originY() + length * r[3 + axis]),
          2 * stroke, colours[axis]);
    }
    int barHeight = 6 * stroke;
    int barLength = Math.max(40, frame.width() / 5);
    double[] values = {face.leftImageEye() / 0.4, face.rightImageEye() / 0.4, face.mouth() / 0.8};
    int[] barColours = {BLUE, BLUE, RED};
    for (int i = 0; i < values.length; i++) {
      int y = barHeight + i * 2 * barHeight;
      fillRect(out, barHeight, y, barLength, barHeight, GREY);
      int filled = (int) Math.round(barLength * Math.max(0, Math.min(1, values[i])));
      fillRect(out, barHeight, y, filled, barHeight, barColours[i]);
    }
    return out;
  }

  private static void line(RgbImage image, float x0, float y0, float x1, float y1, int stroke, int rgb) {
    int steps = (int) Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))) + 1;
    int half = stroke / 2;
    for (int s = 0; s <= steps; s++) {
      float t = (float) s / steps;
      int x = Math.round(x0 + t * (x1 - x0));
      int y = Math.round(y0 + t * (y1 - y0));
      fillRect(image, x - half, y - half, stroke, stroke, rgb);
    }
  }

  private static void fillRect(RgbImage image, int x, int y, int w, int h, int rgb) {
    int x0 = Math.max(0, x), y0 = Math.max(0, y);
    int x1 = Math.min(image.width(), x + w), y1 = Math.min(image.height(), y + h);
    byte r = (byte) (rgb >> 16), g = (byte) (rgb >> 8), b = (byte) rgb;
    byte[] p = image.pixels();
    for (int yy = y0; yy < y1; yy++) {
      for (int xx = x0, i = (yy * image.width() + x0) * 3; xx < x1; xx++, i += 3) {
        p[i] = r;
        p[i + 1] = g;
        p[i + 2] = b;
      }
    }
  }
}
