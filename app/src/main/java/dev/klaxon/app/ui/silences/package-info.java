/** Ctrl+4 Silences: state, pattern, matchers, time left and counts, who and why; extend or expire. */
package dev.klaxon.app.ui.silences;
