/** What the console remembers between runs (theme, window bounds, dividers, column widths) and where it is saved. */
package dev.klaxon.app.prefs;
