package org.portraitperf.jobs.farm;

/** How many of a layer's tasks stand where. */
public record TaskCounts(int total, int waiting, int running, int dead, int eaten, int depend, int succeeded) {}
