/** The console's one door to the engine: {@code ConsoleBackend}, one interface per view, and their values. */
package dev.klaxon.app.backend;
