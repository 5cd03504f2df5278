package org.portraitperf.jobs.farm;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.portraitperf.jobs.RangeFolder;

/**
 * One OpenCue job spec (cjsl 1.15), the document Cuebot launches: who submits it, one job, its
 * layers, and which layer waits for which. {@link #toXml()} writes the elements in the order the
 * format fixes; {@link CueSpecDtd} checks the result.
 *
 * @param job the job's own name; Cuebot launches it as {@code <show>-<shot>-<user>_<job>}
 * @param maxRetries further attempts per task that Cuebot accepts in a spec (0 or 1)
 */
record CueSpec(CueJobOptions options, String job, int maxRetries, List<Layer> layers, List<Depend> depends) {
  static final String VERSION = "1.15";
  /** Not checked by Cuebot, but what its own tools write. */
  static final String PUBLIC_ID = "SPI Cue Specification Language";
  /** Cuebot maps this address to the DTD it carries, without going to the network. */
  static final String SYSTEM_ID = "http://localhost:8080/spcue/dtd/cjsl-" + VERSION + ".dtd";
  /** Cuebot's limits for one spec. */
  static final int MAX_LAYERS = 2000;
  static final int MAX_TASKS = 100_000;

  /**
   * A layer: a command run once per task, each task a chunk of {@code frames}.
   *
   * @param type {@code Render} or {@code Util}
   * @param gpus 0 for a layer that needs no GPU
   * @param gpuMemory null when {@code gpus} is 0
   */
  record Layer(String name, String type, String command, RangeFolder.Span frames, int chunk, double cores,
      MemorySize memory, int gpus, MemorySize gpuMemory, List<String> tags, String service) {
    Layer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(command, "command");
      tags = List.copyOf(tags);
    }

    /** Tasks Cuebot makes of the layer: one per chunk, the last one shorter. */
    int tasks() {
      return (frames.frames() + chunk - 1) / chunk;
    }

    /** The frame set as a spec states it. */
    String range() {
      return frames.first() == frames.last() ? Integer.toString(frames.first()) : frames.first() + "-" + frames.last();
    }
  }

  /** {@code layer} starts only when every task of {@code onLayer} has succeeded. */
  record Depend(String layer, String onLayer) {}

  CueSpec {
    layers = List.copyOf(layers);
    depends = List.copyOf(depends);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a job needs at least one layer");
    }
    if (layers.size() > MAX_LAYERS) {
      throw new FarmException("job " + job, layers.size() + " layers are more than Cuebot takes in one job ("
          + MAX_LAYERS + "); split the manifest");
    }
    long tasks = layers.stream().mapToLong(Layer::tasks).sum();
    if (tasks > MAX_TASKS) {
      throw new FarmException("job " + job, tasks + " tasks are more than Cuebot takes in one spec (" + MAX_TASKS
          + "); raise --chunk or split the manifest");
    }
  }

  String toXml() {
    StringWriter text = new StringWriter();
    try {
      Xml xml = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(text));
      xml.out.writeStartDocument("1.0");
      xml.out.writeCharacters("\n");
      xml.out.writeDTD("<!DOCTYPE spec PUBLIC \"" + PUBLIC_ID + "\" \"" + SYSTEM_ID + "\">");
      xml.open("spec");
      xml.textIf("facility", options.facility());
      xml.text("show", options.show());
      xml.text("shot", options.shot());
      xml.text("user", options.user());
      xml.textIf("uid", options.uid());
      xml.open("job", "name", job);
      xml.text("paused", "false");
      xml.textIf("priority", options.priority());
      xml.text("maxretries", Integer.toString(maxRetries));
      xml.text("autoeat", "false");
      env(xml, options.env());
      xml.open("layers");
      for (Layer layer : layers) {
        layer(xml, layer);
      }
      xml.close();
      xml.close();
      if (!depends.isEmpty()) {
        xml.open("depends");
        for (Depend depend : depends) {
          xml.open("depend", "type", "LAYER_ON_LAYER", "anyframe", "false");
          xml.text("depjob", job);
          xml.text("deplayer", depend.layer());
          xml.text("onjob", job);
          xml.text("onlayer", depend.onLayer());
          xml.close();
        }
        xml.close();
      }
      xml.close();
      xml.out.writeCharacters("\n");
      xml.out.writeEndDocument();
      xml.out.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the job spec cannot be written", e);
    }
    return text.toString();
  }

  private static void layer(Xml xml, Layer layer) throws XMLStreamException {
    xml.open("layer", "name", layer.name(), "type", layer.type());
    xml.text("cmd", layer.command());
    xml.text("range", layer.range());
    xml.text("chunk", Integer.toString(layer.chunk()));
    // With a decimal point Cuebot reads cores; without one, hundredths of a core.
    xml.text("cores", String.format(Locale.ROOT, "%.2f", layer.cores()));
    // Tasks use the threads their command line names, however many cores a host has free.
    xml.text("threadable", "false");
    xml.text("memory", layer.memory().specText());
    if (layer.gpus() > 0) {
      xml.text("gpus", Integer.toString(layer.gpus()));
      xml.text("gpu_memory", layer.gpuMemory().specText());
    }
    if (!layer.tags().isEmpty()) {
      xml.text("tags", String.join(" | ", layer.tags()));
    }
    xml.open("services");
    xml.text("service", layer.service());
    xml.close();
    xml.close();
  }

  private static void env(Xml xml, Map<String, String> variables) throws XMLStreamException {
    if (variables.isEmpty()) {
      return;
    }
    xml.open("env");
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      xml.text("key", variable.getValue(), "name", variable.getKey());
    }
    xml.close();
  }

  /** An indenting writer of elements, so that the spec reads well in a log or under --dry-run. */
  private static final class Xml {
    final XMLStreamWriter out;
    private int depth;

    Xml(XMLStreamWriter out) {
      this.out = out;
    }

    void open(String element, String... attributes) throws XMLStreamException {
      indent();
      out.writeStartElement(element);
      attributes(attributes);
      depth++;
    }

    void close() throws XMLStreamException {
      depth--;
      indent();
      out.writeEndElement();
    }

    void text(String element, String value, String... attributes) throws XMLStreamException {
      indent();
      out.writeStartElement(element);
      attributes(attributes);
      out.writeCharacters(value);
      out.writeEndElement();
    }

    void textIf(String element, Object value) throws XMLStreamException {
      if (value != null) {
        text(element, value.toString());
      }
    }

    private void attributes(String... pairs) throws XMLStreamException {
      for (int i = 0; i < pairs.length; i += 2) {
        out.writeAttribute(pairs[i], pairs[i + 1]);
      }
    }

    private void indent() throws XMLStreamException {
      out.writeCharacters("\n" + "  ".repeat(depth));
    }
  }
}
