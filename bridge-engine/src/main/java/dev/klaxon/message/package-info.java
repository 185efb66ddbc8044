/** The message contract: decodes a NATS body into an alert message, or a rejection with its reason. */
package dev.klaxon.message;
