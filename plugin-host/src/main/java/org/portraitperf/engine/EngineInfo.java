package org.portraitperf.engine;

/**
 * @param name the engine's control value, e.g. {@code warp}
 * @param ready whether it can run now (models present)
 * @param description one line for users: what it is, or why it is not ready
 */
public record EngineInfo(String name, boolean ready, String description) {}
