/** Where alerts leave the window: desktop notifications and a short tone, each on its own bounded thread. */
package dev.klaxon.app.outlets;
