package org.portraitperf.api;

import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;
import org.portraitperf.engine.EngineSettings.MotionMode;
import org.portraitperf.engine.EngineSettings.OutputLayout;
import org.portraitperf.engine.EngineSettings.ReferenceFrame;
import org.portraitperf.engine.EngineSettings.RegionGains;
import org.portraitperf.face.FaceSelection;

/**
 * The controls between their wire form and {@link EngineSettings}. The proto's field names are the
 * control names, so this is a field-by-field copy; an unset field takes the default, and a value
 * out of range fails as the settings record says (INVALID_ARGUMENT naming the control).
 */
final class SettingsCodec {
  private SettingsCodec() {}

  /** The engine asked for: a registered name, or auto. */
  static String engine(org.portraitperf.proto.v1.EngineSettings wire) {
    return wire.hasEngine() ? wire.getEngine() : EngineSelector.AUTO;
  }

  static EngineSettings fromWire(org.portraitperf.proto.v1.EngineSettings wire) {
    EngineSettings d = EngineSettings.DEFAULTS;
    RegionGains gains = new RegionGains(
        wire.hasHeadGain() ? wire.getHeadGain() : d.gains().head(),
        wire.hasExpressionGain() ? wire.getExpressionGain() : d.gains().expression(),
        wire.hasEyesGain() ? wire.getEyesGain() : d.gains().eyes(),
        wire.hasLipsGain() ? wire.getLipsGain() : d.gains().lips());
    return new EngineSettings(
        wire.hasReferenceFrame() ? ReferenceFrame.parse(wire.getReferenceFrame()) : d.reference(),
        wire.hasMotion() ? MotionMode.parse(wire.getMotion()) : d.motion(),
        gains,
        wire.hasStrength() ? wire.getStrength() : d.strength(),
        wire.hasDetail() ? wire.getDetail() : d.detail(),
        wire.hasSmoothing() ? wire.getSmoothing() : d.smoothing(),
        wire.hasFeather() ? wire.getFeather() : d.feather(),
        wire.hasColourMatch() ? wire.getColourMatch() : d.colourMatch(),
        wire.hasFace() ? FaceSelection.parse(wire.getFace()) : d.face(),
        wire.hasLayout() ? OutputLayout.parse(wire.getLayout()) : d.layout());
  }

  /** Every control set explicitly, so the sidecar renders exactly what the caller holds. */
  static org.portraitperf.proto.v1.EngineSettings toWire(String engine, EngineSettings settings) {
    return org.portraitperf.proto.v1.EngineSettings.newBuilder()
        .setEngine(engine)
        .setReferenceFrame(settings.reference().toString())
        .setMotion(settings.motion().controlName())
        .setHeadGain(settings.gains().head())
        .setExpressionGain(settings.gains().expression())
        .setEyesGain(settings.gains().eyes())
        .setLipsGain(settings.gains().lips())
        .setStrength(settings.strength())
        .setDetail(settings.detail())
        .setSmoothing(settings.smoothing())
        .setFeather(settings.feather())
        .setColourMatch(settings.colourMatch())
        .setFace(settings.face().toString())
        .setLayout(settings.layout().controlName())
        .build();
  }
}
