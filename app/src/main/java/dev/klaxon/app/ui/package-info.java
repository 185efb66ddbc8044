/** The JavaFX console: the shell, one package per view, and the pieces the views share; the engine only via backend. */
package dev.klaxon.app.ui;
