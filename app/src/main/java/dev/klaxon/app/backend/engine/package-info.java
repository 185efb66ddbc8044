/** The backend over the real engine: the engine, incident desk, config loader and editor, NATS and PagerDuty checks. */
package dev.klaxon.app.backend.engine;
