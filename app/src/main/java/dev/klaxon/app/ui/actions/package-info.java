/** Dialogs more than one view opens: silence, escalate by hand, and release what flood state held. */
package dev.klaxon.app.ui.actions;
