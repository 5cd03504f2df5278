package org.portraitperf.jobs.farm;

/** How many of a job's or layer's tasks stand where, as the scheduler counts them. */
public record TaskCounts(int total, int waiting, int running, int dead, int eaten, int depend, int succeeded) {}
