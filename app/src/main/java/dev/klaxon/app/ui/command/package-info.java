/** The keyboard: one command registry behind the keys, the Ctrl+K palette and the ? shortcuts overlay. */
package dev.klaxon.app.ui.command;
