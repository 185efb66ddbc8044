/** The headless command line: {@code java -jar klaxon-bridge.jar <command>}, built on the engine's public seam. */
package dev.klaxon.cli;
