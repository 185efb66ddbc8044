/** Ctrl+7 Settings: NATS servers and auth, PagerDuty region and secret references; review, test and save. */
package dev.klaxon.app.ui.settings;
