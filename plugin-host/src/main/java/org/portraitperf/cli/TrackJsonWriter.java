package org.portraitperf.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.portraitperf.AtomicFiles;
import org.portraitperf.face.FaceObservation;
import org.portraitperf.face.HeadPose;
import org.portraitperf.face.Landmarks;
import org.portraitperf.face.TrackedFrame;
import org.portraitperf.media.MediaException;
import org.portraitperf.media.VideoInfo;

/**
 * Writes a clip's face track as JSON, one frame at a time, so that a long clip never builds a
 * document in memory. Like the video writers, {@link #close()} finishes the file and renames it
 * into place, while {@link #abort()} discards it, so the name never holds a partial track.
 *
 * <p>Layout: {@code {"source", "width", "height", "frameRate", "frames": [{"index", "tracked",
 * "detected", "pose": {"yaw", "pitch", "roll"}, "eyes": {"imageLeft", "imageRight"}, "mouth",
 * "landmarks": [[x, y] x 68]}], "summary": {"frames", "tracked"}}}.
 */
final class TrackJsonWriter implements AutoCloseable {
  private final Path target;
  private final Path partial;
  private final JsonGenerator json;
  private int frames;
  private int tracked;
  private boolean finished;

  TrackJsonWriter(Path target, VideoInfo info) {
    this.target = target.toAbsolutePath();
    try {
      Files.createDirectories(this.target.getParent());
      this.partial = AtomicFiles.temporaryBeside(this.target);
      this.json = new JsonFactory().createGenerator(partial.toFile(), JsonEncoding.UTF8);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("source", info.source());
      json.writeNumberField("width", info.width());
      json.writeNumberField("height", info.height());
      json.writeStringField("frameRate", info.frameRate().toString());
      json.writeArrayFieldStart("frames");
    } catch (IOException e) {
      throw new MediaException(target.toString(), "cannot be written: " + e.getMessage(), e);
    }
  }

  void write(TrackedFrame frame) {
    try {
      frames++;
      json.writeStartObject();
      json.writeNumberField("index", frame.index());
      json.writeBooleanField("tracked", frame.tracked());
      if (frame.face().isPresent()) {
        tracked++;
        FaceObservation face = frame.face().get();
        json.writeBooleanField("detected", frame.detected());
        HeadPose pose = face.pose();
        json.writeObjectFieldStart("pose");
        json.writeNumberField("yaw", round(pose.yaw()));
        json.writeNumberField("pitch", round(pose.pitch()));
        json.writeNumberField("roll", round(pose.roll()));
        json.writeEndObject();
        json.writeObjectFieldStart("eyes");
        json.writeNumberField("imageLeft", round(face.leftImageEye()));
        json.writeNumberField("imageRight", round(face.rightImageEye()));
        json.writeEndObject();
        json.writeNumberField("mouth", round(face.mouth()));
        json.writeArrayFieldStart("landmarks");
        Landmarks l = face.landmarks();
        for (int i = 0; i < Landmarks.COUNT; i++) {
          json.writeStartArray();
          json.writeNumber(round(l.x(i)));
          json.writeNumber(round(l.y(i)));
          json.writeEndArray();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Discards the partial track. Safe to call repeatedly, and after {@link #close()}. */
  void abort() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      json.close();
    } catch (IOException ignored) {
      // The file is discarded next; what could not be flushed does not matter.
    }
    AtomicFiles.discard(partial);
  }

  /** Ends the document and renames it into place. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    try {
      json.writeEndArray();
      json.writeObjectFieldStart("summary");
      json.writeNumberField("frames", frames);
      json.writeNumberField("tracked", tracked);
      json.writeEndObject();
      json.writeEndObject();
      json.close();
      AtomicFiles.commit(partial, target);
      finished = true;
    } catch (IOException e) {
      abort();
      throw new MediaException(target.toString(), "cannot be written: " + e.getMessage(), e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
