/** The window around the views: toolbar, view switcher, status bar, start-up and error screens, themes, layout. */
package dev.klaxon.app.ui.shell;
