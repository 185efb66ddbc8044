/** Ctrl+6 Rules: the routes in order with live hit counts, and a test box: subject and payload to rule and body. */
package dev.klaxon.app.ui.rules;
