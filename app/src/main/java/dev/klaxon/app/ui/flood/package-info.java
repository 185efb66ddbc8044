/** Ctrl+5 Flood: the 15-minute stacked rate chart, routing-key budgets, and subjects in flood state with Release. */
package dev.klaxon.app.ui.flood;
