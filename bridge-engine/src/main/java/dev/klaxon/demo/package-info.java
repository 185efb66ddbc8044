/** The demo mode: a local nats-server, a demo config and a synthetic feed of alerts. */
package dev.klaxon.demo;
