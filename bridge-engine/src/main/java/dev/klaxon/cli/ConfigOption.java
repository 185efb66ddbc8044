package dev.klaxon.cli;

import picocli.CommandLine.Option;

/** {@code --config FILE}, which nearly every command takes: declared once, so its help reads the same everywhere. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "config file (default ~/.config/klaxon/klaxon.yaml)")
    String file;
}
