/** Telling the person when something needs them: toasts, desktop notifications, a tone; once a minute; mute. */
package dev.klaxon.app.ui.notify;
