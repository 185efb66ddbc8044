/**
 * Where alerts leave the window: desktop notifications ({@code notify-send} on Linux, the system tray on macOS and
 * Windows) and a short tone, each on its own bounded thread.
 */
package dev.klaxon.app.outlets;
