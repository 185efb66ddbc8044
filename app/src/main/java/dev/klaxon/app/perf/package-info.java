/** The console measuring itself: FX-thread lag and frames per second, for the status bar and {@code --perf-log}. */
package dev.klaxon.app.perf;
