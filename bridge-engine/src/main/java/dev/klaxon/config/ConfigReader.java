package dev.klaxon.config;

/**
 * Reads the config again, the way the program read it at start (the same file, home and overrides): what a reload
 * tries. Each call reads the file afresh.
 */
@FunctionalInterface
public interface ConfigReader {
    KlaxonConfig read() throws ConfigException;
}
