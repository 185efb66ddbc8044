/** Ctrl+1 Live: subjects as a table or tree with rates, the selected subject's tail, and one message in full. */
package dev.klaxon.app.ui.live;
