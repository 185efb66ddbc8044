/** Composition root: parses the command line, opens the session off the FX thread and wires everything together. */
package dev.klaxon.app;
