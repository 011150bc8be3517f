package dev.tuneloop.admin;

import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;

/** A provider a launch may choose: its launcher and the client asked for its jobs' status and events. */
record LaunchProvider(FineTuneLauncher launcher, FineTuneClient client) {}
