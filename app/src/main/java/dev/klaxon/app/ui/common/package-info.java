/** What every view shares: sections, formats, safe outside text, badges, and the one way back to the FX thread. */
package dev.klaxon.app.ui.common;
