/** Telling the person when something needs them: which alerts are new, toasts, once a minute at most, mute. */
package dev.klaxon.app.ui.notify;
